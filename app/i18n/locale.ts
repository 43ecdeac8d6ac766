// Languages of the UI and the message lookup; formatting by region is in ./format and ./regions.
// Messages are kept in one file per area and language (core, reports, matching, payouts,
// dashboards), merged here.
import coreEn from "./en.json";
import coreEs from "./es.json";
import corePtBR from "./pt-BR.json";
import reportsEn from "./reports/en.json";
import reportsEs from "./reports/es.json";
import reportsPtBR from "./reports/pt-BR.json";
import matchingEn from "./matching/en.json";
import matchingEs from "./matching/es.json";
import matchingPtBR from "./matching/pt-BR.json";
import payoutsEn from "./payouts/en.json";
import payoutsEs from "./payouts/es.json";
import payoutsPtBR from "./payouts/pt-BR.json";
import dashboardsEn from "./dashboards/en.json";
import dashboardsEs from "./dashboards/es.json";
import dashboardsPtBR from "./dashboards/pt-BR.json";
import layoutEn from "./layout/en.json";
import layoutEs from "./layout/es.json";
import layoutPtBR from "./layout/pt-BR.json";
import notificationsEn from "./notifications/en.json";
import notificationsEs from "./notifications/es.json";
import notificationsPtBR from "./notifications/pt-BR.json";
import memberComponentsEn from "./member-components/en.json";
import memberComponentsEs from "./member-components/es.json";
import memberComponentsPtBR from "./member-components/pt-BR.json";
import mailEn from "./mail/en.json";
import mailEs from "./mail/es.json";
import mailPtBR from "./mail/pt-BR.json";
import programsEn from "./programs/en.json";
import programsEs from "./programs/es.json";
import programsPtBR from "./programs/pt-BR.json";
import booksEn from "./books/en.json";
import booksEs from "./books/es.json";
import booksPtBR from "./books/pt-BR.json";
import claimsEn from "./claims/en.json";
import claimsEs from "./claims/es.json";
import claimsPtBR from "./claims/pt-BR.json";
import listsEn from "./lists/en.json";
import listsEs from "./lists/es.json";
import listsPtBR from "./lists/pt-BR.json";

export const LOCALES = ["es", "pt-BR", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  ...coreEn,
  ...reportsEn,
  ...matchingEn,
  ...payoutsEn,
  ...dashboardsEn,
  ...layoutEn,
  ...notificationsEn,
  ...memberComponentsEn,
  ...mailEn,
  ...programsEn,
  ...booksEn,
  ...claimsEn,
  ...listsEn,
};
export type MessageKey = keyof typeof en;

export const MESSAGES: Record<Locale, Record<string, string>> = {
  en,
  es: {
    ...coreEs,
    ...reportsEs,
    ...matchingEs,
    ...payoutsEs,
    ...dashboardsEs,
    ...layoutEs,
    ...notificationsEs,
    ...memberComponentsEs,
    ...mailEs,
    ...programsEs,
    ...booksEs,
    ...claimsEs,
    ...listsEs,
  },
  "pt-BR": {
    ...corePtBR,
    ...reportsPtBR,
    ...matchingPtBR,
    ...payoutsPtBR,
    ...dashboardsPtBR,
    ...layoutPtBR,
    ...notificationsPtBR,
    ...memberComponentsPtBR,
    ...mailPtBR,
    ...programsPtBR,
    ...booksPtBR,
    ...claimsPtBR,
    ...listsPtBR,
  },
};

/** The user's setting wins; else the first supported language the browser asks for; else Spanish. */
export function pickLocale(
  setting: string | null | undefined,
  acceptLanguage: string | null,
): Locale {
  return settingLocale(setting) ?? acceptedLocale(acceptLanguage) ?? "es";
}

/** The user's setting when it is a language of the portal. */
export function settingLocale(setting: string | null | undefined): Locale | null {
  return setting && (LOCALES as readonly string[]).includes(setting) ? (setting as Locale) : null;
}

/** The first language of the portal an Accept-Language header names, if any. */
export function acceptedLocale(acceptLanguage: string | null): Locale | null {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0].trim().toLowerCase();
    if (tag.startsWith("pt")) return "pt-BR";
    if (tag.startsWith("es")) return "es";
    if (tag.startsWith("en")) return "en";
  }
  return null;
}

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>) {
  const text = MESSAGES[locale][key] ?? MESSAGES.en[key] ?? key;
  return vars
    ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`))
    : text;
}

// Formatting lives in ./format (by format region, decision 058); re-exported for existing callers.
export {
  formatBps,
  formatCompactMoney,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMonth,
  formatNumber,
  formatShortMonth,
  minorDigits,
  minorToDecimal,
  type FormatTag,
} from "./format";
export { REGIONS, REGION_NAMES, pickRegion, regionLanguage, type Region } from "./regions";
