// Gives components the user's locale and a `t` bound to it.
import { createContext, useContext } from "react";
import {
  formatDate,
  formatMoney,
  formatMonth,
  formatBps,
  translate,
  type Locale,
  type MessageKey,
} from "./locale";

const LocaleContext = createContext<Locale>("es");
export const LocaleProvider = LocaleContext.Provider;

export function useI18n() {
  const locale = useContext(LocaleContext);
  return {
    locale,
    t: (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars),
    money: (minor: number, currency: string) => formatMoney(minor, currency, locale),
    date: (iso: string) => formatDate(iso, locale),
    month: (m: string) => formatMonth(m, locale),
    bps: (bps: number) => formatBps(bps, locale),
  };
}
