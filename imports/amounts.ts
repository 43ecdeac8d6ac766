// Turns amount cells into exact integers of minor units (SPEC 4.3): text like 1,234.56,
// 1.234,56, $ 1 234,56, (123.45), -123.45, and Excel number cells, never through float math.
import type { Cell, DecimalSeparator, Minor } from "./types";

const exponentCache = new Map<string, number>();
let knownCurrencies: ReadonlySet<string> | null = null;

/** ISO 4217 codes this runtime knows (Intl), e.g. USD, MXN, BRL, COP, CLP. */
export function isKnownCurrency(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf("currency"));
  return knownCurrencies.has(code);
}

/** Digits after the decimal point in the currency's minor unit: USD 2, CLP 0, KWD 3. */
export function currencyExponent(code: string): number {
  let exponent = exponentCache.get(code);
  if (exponent === undefined) {
    const format = new Intl.NumberFormat("en", { style: "currency", currency: code });
    exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
    exponentCache.set(code, exponent);
  }
  return exponent;
}

/**
 * The exact decimal text of a digit string with rounding half away from zero past `exponent`
 * decimals, as an integer of minor units; null past Number.MAX_SAFE_INTEGER.
 */
export function decimalDigitsToMinor(
  intDigits: string,
  fracDigits: string,
  exponent: number,
): Minor | null {
  const kept = fracDigits.slice(0, exponent).padEnd(exponent, "0");
  const digits = (intDigits || "0") + kept;
  const roundUp = fracDigits.length > exponent && fracDigits.charCodeAt(exponent) >= 53; /* "5" */
  if (digits.length <= 15) return Number(digits) + (roundUp ? 1 : 0); // exact below 2^53
  const magnitude = BigInt(digits) + (roundUp ? 1n : 0n);
  return magnitude > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(magnitude);
}

/**
 * The shortest decimal text that round-trips to `value` (what Excel displays), in plain
 * notation: 1.005 → "1.005", 1e-7 → "0.0000001", 1.5e21 → "1500000000000000000000".
 */
export function numberToDecimalString(value: number): string {
  const text = String(Math.abs(value));
  const sign = value < 0 ? "-" : "";
  const match = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return sign + text;
  const digits = match[1] + (match[2] ?? "");
  const point = 1 + Number(match[3]);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function numberToMinor(value: number, exponent: number): Minor | null {
  if (!Number.isFinite(value)) return null;
  const [intDigits, fracDigits = ""] = numberToDecimalString(Math.abs(value)).split(".");
  const magnitude = decimalDigitsToMinor(intDigits, fracDigits, exponent);
  if (magnitude === null) return null;
  return value < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

const SPACES = /[\s\u00a0\u202f\u2007\u2009]+/g;
const MINUS = /[-\u2212\u2013]/g;
/** What may surround the digits besides signs and parentheses: currency codes and symbols. */
const DECORATION = /^[\p{Sc}\p{L}\s./]*$/u;

interface AmountParts {
  negative: boolean;
  /** From the first digit to the last: digits, separators, grouping spaces and apostrophes. */
  body: string;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function count(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

function decorationOk(text: string): boolean {
  return DECORATION.test(text) && count(text, /\p{L}/gu) <= 4;
}

/** Splits "R$ (1.234,56)" into sign and digits; null when anything else is around them. */
function splitAmountText(raw: string, decimalSeparator: DecimalSeparator): AmountParts | null {
  const text = raw.replace(SPACES, " ").trim();
  const first = text.search(/\d/);
  if (first < 0) return null;
  let last = text.length - 1;
  while (!isDigit(text.charCodeAt(last))) last -= 1;
  let prefix = text.slice(0, first);
  let body = text.slice(first, last + 1);
  const suffix = text.slice(last + 1);
  if (prefix.endsWith(decimalSeparator)) {
    body = decimalSeparator + body; // ".50"
    prefix = prefix.slice(0, -1);
  }
  const around = prefix + suffix;
  const parens = count(prefix, /\(/g);
  if (parens > 1 || parens !== count(suffix, /\)/g) || count(around, /[()]/g) !== 2 * parens)
    return null;
  const minuses = count(around, MINUS);
  if (minuses + parens > 1 || count(around, /\+/g) > 1 - minuses - parens) return null;
  const bare = (part: string) => part.replace(/[()+]/g, "").replace(MINUS, "");
  if (!decorationOk(bare(prefix)) || !decorationOk(bare(suffix))) return null;
  return { negative: minuses + parens === 1, body };
}

/** "1.234.567,89" with "," as decimal separator → ["1234567", "89"]; null if the groups are off. */
function splitDecimalBody(
  body: string,
  decimalSeparator: DecimalSeparator,
): [string, string] | null {
  const thousands = decimalSeparator === "." ? "," : ".";
  const compact = body.replace(/[\s'\u2019]/g, thousands);
  if (!/^[\d.,]+$/.test(compact)) return null;
  const parts = compact.split(decimalSeparator);
  if (parts.length > 2) return null;
  const [whole, fraction = ""] = parts;
  if (!/^\d*$/.test(fraction)) return null;
  const groups = whole.split(thousands);
  const grouped =
    groups.length === 1 ||
    (/^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g)));
  if (!grouped || (whole === "" && fraction === "")) return null;
  return [groups.join(""), fraction];
}

/**
 * The amount in minor units, or null when the cell is not an amount. Text is read with the
 * file's decimal separator; the other one may only group thousands in threes.
 */
export function parseAmount(
  cell: Cell,
  decimalSeparator: DecimalSeparator,
  exponent: number,
): Minor | null {
  if (typeof cell === "number") return numberToMinor(cell, exponent);
  if (typeof cell !== "string") return null;
  const parts = splitAmountText(cell, decimalSeparator);
  const digits = parts && splitDecimalBody(parts.body, decimalSeparator);
  if (!parts || !digits) return null;
  const magnitude = decimalDigitsToMinor(digits[0], digits[1], exponent);
  if (magnitude === null) return null;
  return parts.negative && magnitude !== 0 ? -magnitude : magnitude;
}

/** Quantities are counts or measures, not money: a plain number is fine here. */
export function parseQuantity(cell: Cell, decimalSeparator: DecimalSeparator): number | null {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
  const scaled = parseAmount(cell, decimalSeparator, 6);
  return scaled === null ? null : scaled / 1_000_000;
}

/**
 * What one amount text says about the decimal separator: "1.234,56" → ",", "1,234" → null
 * (three digits after a lone separator could be either), "12,5" → ",".
 */
export function decimalSeparatorHint(sample: string): DecimalSeparator | null {
  const body = sample.replace(/[^\d.,]/g, "");
  const lastDot = body.lastIndexOf(".");
  const lastComma = body.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? "." : ",";
  const separator = lastDot >= 0 ? "." : lastComma >= 0 ? "," : null;
  if (separator === null) return null;
  const other: DecimalSeparator = separator === "." ? "," : ".";
  if (count(body, separator === "." ? /\./g : /,/g) > 1) return other; // 1.234.567
  const decimals = body.length - 1 - body.lastIndexOf(separator);
  return decimals === 3 ? null : separator;
}

/** The decimal separator most amount texts of a file agree on; `fallback` when none says. */
export function detectDecimalSeparator(
  samples: string[],
  fallback: DecimalSeparator = ".",
): DecimalSeparator {
  let dots = 0;
  let commas = 0;
  for (const sample of samples) {
    const hint = decimalSeparatorHint(sample);
    if (hint === ".") dots += 1;
    else if (hint === ",") commas += 1;
  }
  if (dots === commas) return fallback;
  return dots > commas ? "." : ",";
}
