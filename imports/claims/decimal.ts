// Exact decimals of electronic invoices (xs:decimal text such as "18734.00", "5029.028000") to
// integer minor units, never through floats: the pipeline's decimalDigitsToMinor does the rounding
// (half away from zero), at a scale wide enough that a difference is exact before it rounds once.
import { MAX_AMOUNT_MINOR } from "~/schemas/ranges";
import { decimalDigitsToMinor } from "../amounts";
import type { Minor } from "../types";

/** Digits of an xs:decimal as the invoices write them: no sign, no exponent, no grouping. */
const DECIMAL = /^\s*\+?(\d{1,24})(?:\.(\d{0,12}))?\s*$|^\s*\+?\.(\d{1,12})\s*$/;

export interface DecimalText {
  int: string;
  frac: string;
}

/** The digits of a non-negative decimal text, or null when it is not one. */
export function parseDecimal(text: string): DecimalText | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  if (match[3] !== undefined) return { int: "0", frac: match[3] };
  return { int: match[1], frac: match[2] ?? "" };
}

/** The value at `scale` decimals (≥ its own decimals), exactly, as a BigInt. */
function scaled(value: DecimalText, scale: number): bigint {
  return BigInt(value.int + value.frac.padEnd(scale, "0"));
}

/** An integer at `scale` decimals rounded (half away from zero) to `exponent` decimals. */
function rescale(value: bigint, scale: number, exponent: number): Minor | null {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const cut = digits.length - scale;
  const magnitude = decimalDigitsToMinor(digits.slice(0, cut), digits.slice(cut), exponent);
  if (magnitude === null) return null;
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

/**
 * `gross − discount` in minor units of a currency with `exponent` decimals, computed exactly (in
 * BigInt at the widest scale of the two texts) and rounded once by decimalDigitsToMinor; null
 * when a text is not a decimal or the result is beyond MAX_AMOUNT_MINOR.
 */
export function netMinor(gross: string, discount: string | null, exponent: number): Minor | null {
  const g = parseDecimal(gross);
  const d = discount === null ? { int: "0", frac: "" } : parseDecimal(discount);
  if (!g || !d) return null;
  const scale = Math.max(exponent, g.frac.length, d.frac.length);
  const minor = rescale(scaled(g, scale) - scaled(d, scale), scale, exponent);
  if (minor === null || Math.abs(minor) > MAX_AMOUNT_MINOR) return null;
  return minor;
}

/** Decimals a quantity keeps: CFDI `Cantidad` has at most 6, NF-e `qCom` 4. */
const QUANTITY_DECIMALS = 6;

/**
 * A quantity from its decimal text (at most 6 decimals that are not trailing zeros): the nearest
 * double to the decimal itself (`"4.0000"` is 4, `"2.5"` is 2.5); null when not a decimal or
 * beyond Number.MAX_SAFE_INTEGER.
 */
export function parseQuantity(text: string): number | null {
  const value = parseDecimal(text);
  if (!value) return null;
  const frac = value.frac.replace(/0+$/, "");
  if (frac.length > QUANTITY_DECIMALS) return null;
  const quantity = Number(frac === "" ? value.int : `${value.int}.${frac}`);
  return quantity > Number.MAX_SAFE_INTEGER ? null : quantity;
}
