// Numbers, money, percentages and dates written the way a region writes them (decision 058).
// Every function takes a format tag: a region ("es-CO"), or a bare language that stands for its
// default region ("es" is Mexico's). Money goes to Intl as an exact decimal string, never a float;
// grouping is always on, since Intl's `es` leaves four-digit amounts ungrouped ("1516,24").
// The server and the browser print the same strings (tests/e2e/layout.test.ts checks hydration).
import type { Locale } from "./locale";
import { toRegion, type Region } from "./regions";

export type FormatTag = Region | Locale;

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();

function numberFormat(tag: FormatTag, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const region = toRegion(tag);
  const key = `n|${region}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    // "always" is ECMA-402 NumberFormat v3; TypeScript's ES2022 lib still types it as a boolean.
    const grouping = { useGrouping: "always" } as unknown as Intl.NumberFormatOptions;
    format = new Intl.NumberFormat(region, { ...grouping, ...options });
    cache.set(key, format);
  }
  return format;
}

function dateFormat(tag: FormatTag, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const region = toRegion(tag);
  const key = `d|${region}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(region, { timeZone: "UTC", ...options });
    cache.set(key, format);
  }
  return format;
}

/** Intl formats a decimal string exactly (ECMA-402 NumberFormat v3); typed as a number for TS. */
const exact = (decimal: string) => decimal as unknown as number;

const digitsOf = new Map<string, number>();

/** How many minor digits a currency has (2 for MXN, 0 for CLP), as the whole app counts them. */
export function minorDigits(currency: string): number {
  let digits = digitsOf.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsOf.set(currency, digits);
  }
  return digits;
}

/** Exact decimal text of an integer amount of minor units (no float on the way). */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** "$1,234.56" (es-MX, MXN), "$ 1.234,56" (es-CO, COP), "R$ 1.234,56" (pt-BR, BRL). */
export function formatMoney(minor: number, currency: string, tag: FormatTag): string {
  const digits = minorDigits(currency);
  return numberFormat(tag, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(exact(minorToDecimal(minor, currency)));
}

/** Short money for chart axes ("MX$1.2 M"), from the exact decimal. */
export function formatCompactMoney(minor: number, currency: string, tag: FormatTag): string {
  return numberFormat(tag, {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: 1,
  }).format(exact(minorToDecimal(Math.round(minor), currency)));
}

/** A count or any plain number: "1,516" in es-MX, "1.516" in es-CO. */
export function formatNumber(value: number, tag: FormatTag): string {
  return numberFormat(tag, { maximumFractionDigits: 6 }).format(value);
}

/** Basis points as a percentage: 325 → "3.25%" (es-MX), "3,25%" (es-CO). */
export function formatBps(bps: number, tag: FormatTag): string {
  const sign = bps < 0 ? "-" : "";
  const abs = String(Math.abs(bps)).padStart(5, "0");
  const fraction = `${abs.slice(0, -4)}.${abs.slice(-4)}`;
  return numberFormat(tag, { style: "percent", maximumFractionDigits: 2 }).format(
    exact(`${sign}${fraction}`),
  );
}

function toDate(iso: string): Date {
  return new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
}

/** A calendar date ("2026-03-05"): "5 mar 2026" (es-MX), "5/03/2026" (es-CO), "Mar 5, 2026". */
export function formatDate(isoDate: string, tag: FormatTag): string {
  return dateFormat(tag, { dateStyle: "medium" }).format(toDate(isoDate));
}

/** A moment, in UTC and saying so: "5 mar 2026, 14:05 UTC". */
export function formatDateTime(iso: string, tag: FormatTag): string {
  return dateFormat(tag, { dateStyle: "medium", timeStyle: "short" }).format(toDate(iso)) + " UTC";
}

/** A month key ("2026-03"): "marzo de 2026", "March 2026". */
export function formatMonth(month: string, tag: FormatTag): string {
  return dateFormat(tag, { month: "long", year: "numeric" }).format(toDate(`${month}-01`));
}

/** A month's short name for chart axes: "Jan", "ene", "jan" (without the abbreviation dot). */
export function formatShortMonth(month: string, tag: FormatTag): string {
  return dateFormat(tag, { month: "short" })
    .format(toDate(`${month}-01`))
    .replace(".", "");
}

/** The CLDR plural category of a count in a language ("one", "few", "other"...). */
export function pluralCategory(count: number, locale: Locale): Intl.LDMLPluralRule {
  const key = `p|${locale}`;
  let rules = cache.get(key) as Intl.PluralRules | undefined;
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    cache.set(key, rules);
  }
  return rules.select(count);
}
