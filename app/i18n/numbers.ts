// Amounts and percentages as people type them in their own number format ("5,303.21" in en-US
// and es-MX, "5.303,21" in pt-BR and es-CO), read exactly into minor units and basis points, and
// written back the same way. The separators come from Intl for the locale tag, never from a
// list per language. Pure: the browser's inputs and the tests use it.
import { MAX_AMOUNT_MINOR } from "~/schemas/ranges";

/** Why a text is not a number of the reader's format (each has its sentence in `amount.*`). */
export type NumberReason =
  "empty" | "not_a_number" | "separators" | "too_many_decimals" | "too_large" | "currency_unknown";

export type AmountReading = { ok: true; minor: number } | { ok: false; reason: NumberReason };
export type PercentReading = { ok: true; bps: number } | { ok: false; reason: NumberReason };

type NumberFormat = {
  group: string;
  decimal: string;
  /** Digits in the last integer group, and in the groups before it (3 and 3; 3 and 2 in en-IN). */
  primary: number;
  secondary: number;
  minus: string;
  percent: string;
};

const formats = new Map<string, NumberFormat>();

/** The separators and grouping of a locale tag, from Intl (`en-US`, `es-CO`, `pt-BR`, `es`). */
export function numberFormatOf(numberLocale: string): NumberFormat {
  const known = formats.get(numberLocale);
  if (known) return known;
  const parts = new Intl.NumberFormat(numberLocale)
    .formatToParts(-1234567890.5)
    .filter((p) => p.type !== "literal");
  const integers = parts.filter((p) => p.type === "integer").map((p) => p.value.length);
  const percent = new Intl.NumberFormat(numberLocale, { style: "percent" })
    .formatToParts(0.5)
    .find((p) => p.type === "percentSign");
  const format: NumberFormat = {
    group: parts.find((p) => p.type === "group")?.value ?? ",",
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    primary: integers[integers.length - 1] ?? 3,
    secondary: integers.length > 2 ? integers[integers.length - 2] : 3,
    minus: parts.find((p) => p.type === "minusSign")?.value ?? "-",
    percent: percent?.value ?? "%",
  };
  formats.set(numberLocale, format);
  return format;
}

/** Minor-unit digits of a currency (USD 2, CLP 0), or null when Intl does not know it. */
export function currencyDigits(currency: string): number | null {
  if (!/^[A-Z]{3}$/.test(currency)) return null;
  try {
    if (!Intl.supportedValuesOf("currency").includes(currency)) return null;
    return (
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return null;
  }
}

/** How the currency may be written beside an amount: its symbol in the locale, "$", its code. */
function currencyMarks(numberLocale: string, currency: string): string[] {
  const mark = (currencyDisplay: string) =>
    new Intl.NumberFormat(numberLocale, { style: "currency", currency, currencyDisplay } as never)
      .formatToParts(1)
      .find((p) => p.type === "currency")?.value;
  const marks = [mark("symbol"), mark("narrowSymbol"), currency].filter(
    (m): m is string => typeof m === "string" && m !== "",
  );
  return [...new Set(marks)].sort((a, b) => b.length - a.length);
}

const SPACES = /[\s\u00a0\u202f\u2007]/g;
const MINUS = /^[-\u2212]/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Drops one of the marks (a currency symbol or "%") at either end, case-insensitively. */
function withoutMark(text: string, marks: readonly string[]): string {
  for (const mark of marks) {
    const lower = text.toLowerCase();
    const m = mark.toLowerCase();
    if (lower.startsWith(m)) return text.slice(mark.length);
    if (lower.endsWith(m)) return text.slice(0, text.length - mark.length);
  }
  return text;
}

type Decimal = { negative: boolean; whole: string; fraction: string };

/**
 * The decimal a text writes in the locale's format: an optional sign, digits with the locale's
 * grouping (optional, but where it is used it must be where the locale puts it), at most one
 * decimal separator, and one of `marks` (a currency symbol, "%") before or after.
 */
function readDecimal(
  text: string,
  format: NumberFormat,
  marks: readonly string[],
): Decimal | NumberReason {
  const groupIsSpace = format.group.replace(SPACES, "") === "";
  let s = groupIsSpace ? text.trim().replace(SPACES, format.group) : text.replace(SPACES, "");
  if (s === "") return "empty";
  let negative = false;
  const sign = () => {
    const m = MINUS.exec(s) ?? (s.startsWith(format.minus) ? [format.minus] : null);
    if (m && !negative) {
      negative = true;
      s = s.slice(m[0].length);
    } else if (s.startsWith("+")) s = s.slice(1);
  };
  sign();
  s = withoutMark(s, marks);
  sign();
  const allowed = new RegExp(`^[0-9${escape(format.group)}${escape(format.decimal)}]+$`);
  if (!allowed.test(s) || !/[0-9]/.test(s)) return "not_a_number";
  const [whole, fraction = "", ...more] = s.split(format.decimal);
  if (more.length > 0 || fraction.includes(format.group)) return "separators";
  if (whole.includes(format.group) && !groupedRight(whole.split(format.group), format))
    return "separators";
  return { negative, whole: whole.split(format.group).join(""), fraction };
}

/** Groups where the locale puts them: 1 to `secondary` digits first, then full groups. */
function groupedRight(groups: string[], format: NumberFormat): boolean {
  const last = groups.length - 1;
  return groups.every((g, i) =>
    i === last
      ? g.length === format.primary
      : i === 0
        ? g.length >= 1 && g.length <= format.secondary
        : g.length === format.secondary,
  );
}

/** The integer `decimal × 10^digits`, or a reason (more decimals than `digits`, too large). */
function scaled(d: Decimal, digits: number): number | NumberReason {
  if (d.fraction.length > digits) return "too_many_decimals";
  const magnitude = BigInt((d.whole || "0") + d.fraction.padEnd(digits, "0"));
  if (magnitude > BigInt(MAX_AMOUNT_MINOR)) return "too_large";
  const value = Number(magnitude);
  return d.negative && value !== 0 ? -value : value;
}

/** An amount typed in the reader's format as minor units of `currency`, or why it is not one. */
export function parseAmount(text: string, numberLocale: string, currency: string): AmountReading {
  if (text.replace(SPACES, "") === "") return { ok: false, reason: "empty" };
  const digits = currencyDigits(currency);
  if (digits === null) return { ok: false, reason: "currency_unknown" };
  const d = readDecimal(text, numberFormatOf(numberLocale), currencyMarks(numberLocale, currency));
  if (typeof d === "string") return { ok: false, reason: d };
  const minor = scaled(d, digits);
  return typeof minor === "number" ? { ok: true, minor } : { ok: false, reason: minor };
}

/** A percentage typed in the reader's format ("2.5", "2,5 %") as basis points (250). */
export function parsePercent(text: string, numberLocale: string): PercentReading {
  const format = numberFormatOf(numberLocale);
  const d = readDecimal(text, format, [...new Set([format.percent, "%"])]);
  if (typeof d === "string") return { ok: false, reason: d };
  const bps = scaled(d, 2);
  return typeof bps === "number" ? { ok: true, bps } : { ok: false, reason: bps };
}

/** The exact decimal text of `value / 10^digits` ("-12.05"), for Intl (no float on the way). */
function decimalText(value: number, digits: number): string {
  const sign = value < 0 ? "-" : "";
  const abs = String(Math.abs(value)).padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** An amount as the reader would type it, without the currency ("5,303.21"; "5.303,21"). */
export function amountText(minor: number, numberLocale: string, currency: string): string {
  const digits = currencyDigits(currency) ?? 2;
  return new Intl.NumberFormat(numberLocale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(decimalText(minor, digits) as unknown as number);
}

/** An amount with its currency, as the reader reads it ("US$ 5.303,21"). */
export function formatAmount(minor: number, numberLocale: string, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === null) return amountText(minor, numberLocale, "XXX");
  return new Intl.NumberFormat(numberLocale, { style: "currency", currency }).format(
    decimalText(minor, digits) as unknown as number,
  );
}

/** A rate as the reader would type it, without "%" ("2.5"; "2,5"). */
export function percentText(bps: number, numberLocale: string): string {
  return new Intl.NumberFormat(numberLocale, { maximumFractionDigits: 2 }).format(
    decimalText(bps, 2) as unknown as number,
  );
}

/** A rate as the reader reads it ("2.5%"; "2,5 %"). */
export function formatPercent(bps: number, numberLocale: string): string {
  return new Intl.NumberFormat(numberLocale, { style: "percent", maximumFractionDigits: 2 }).format(
    decimalText(bps, 4) as unknown as number,
  );
}
