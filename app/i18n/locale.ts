// Languages of the UI, the message lookup, and locale-aware formatting of money and dates.
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

export const LOCALES = ["es", "pt-BR", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const en = { ...coreEn, ...reportsEn, ...matchingEn, ...payoutsEn, ...dashboardsEn };
export type MessageKey = keyof typeof en;

export const MESSAGES: Record<Locale, Record<string, string>> = {
  en,
  es: { ...coreEs, ...reportsEs, ...matchingEs, ...payoutsEs, ...dashboardsEs },
  "pt-BR": { ...corePtBR, ...reportsPtBR, ...matchingPtBR, ...payoutsPtBR, ...dashboardsPtBR },
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

function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** Exact decimal text of an integer amount of minor units (no float on the way). */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const fmt = new Intl.NumberFormat(locale, { style: "currency", currency });
  // Intl formats a decimal string exactly (ECMA-402 NumberFormat v3).
  return fmt.format(minorToDecimal(minor, currency) as unknown as number);
}

export function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

export function formatMonth(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${month}-01T00:00:00Z`));
}

export function formatBps(bps: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(
    bps / 10000,
  );
}
