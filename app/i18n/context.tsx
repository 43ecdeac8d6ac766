// Gives components the reader's language (the messages) and format region (numbers, money,
// percentages, dates), with `t`, `plural` and formatters bound to them.
import { createContext, useContext, type ReactNode } from "react";
import {
  formatBps,
  formatCompactMoney,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMonth,
  formatNumber,
  formatShortMonth,
  pluralCategory,
} from "./format";
import { MESSAGES, translate, type Locale, type MessageKey } from "./locale";
import { dateRegion, defaultRegion, type Region } from "./regions";

type Reader = { locale: Locale; region: Region };

const ReaderContext = createContext<Reader>({ locale: "es", region: "es-MX" });

/** Provides the reader's language and format region (root.tsx, from the account or browser). */
export function I18nProvider({ locale, region, children }: Reader & { children: ReactNode }) {
  return <ReaderContext.Provider value={{ locale, region }}>{children}</ReaderContext.Provider>;
}

/** A language alone, formatted as its default region (es → es-MX); kept for existing callers. */
export function LocaleProvider({ value, children }: { value: Locale; children: ReactNode }) {
  return (
    <I18nProvider locale={value} region={defaultRegion(value)}>
      {children}
    </I18nProvider>
  );
}

/** Message keys that have plural forms: `${base}.one`, `${base}.other`, ... */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer Base}.other` ? Base : never;
}[MessageKey];

export function useI18n() {
  const { locale, region } = useContext(ReaderContext);
  const dates = dateRegion(locale, region);
  const t = (key: MessageKey, vars?: Record<string, string | number>) =>
    translate(locale, key, vars);
  return {
    /** The language of the messages: "es", "pt-BR", "en". */
    locale,
    /** The format region: "es-MX", "es-CO", ... */
    region,
    /** The BCP 47 tag numbers are written in (the region), for parsers of typed amounts. */
    numberLocale: region,
    t,
    /**
     * A message in the plural form the count takes in the reader's language (Intl.PluralRules):
     * `plural("count.lines", 1)` → "1 line"; {count} is filled with the count as the region writes it.
     */
    plural: (base: PluralBase, count: number, vars?: Record<string, string | number>) => {
      const exact = `${base}.${pluralCategory(count, locale)}`;
      const key = (exact in MESSAGES[locale] ? exact : `${base}.other`) as MessageKey;
      return t(key, { ...vars, count: formatNumber(count, region) });
    },
    money: (minor: number, currency: string) => formatMoney(minor, currency, region),
    compactMoney: (minor: number, currency: string) => formatCompactMoney(minor, currency, region),
    number: (value: number) => formatNumber(value, region),
    bps: (bps: number) => formatBps(bps, region),
    date: (iso: string) => formatDate(iso, dates),
    dateTime: (iso: string) => formatDateTime(iso, dates),
    month: (m: string) => formatMonth(m, dates),
    shortMonth: (m: string) => formatShortMonth(m, dates),
  };
}
