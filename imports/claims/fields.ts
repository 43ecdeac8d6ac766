// The fields SPEC 5.2 reads, checked one by one: each problem is an `invoice_field` refusal that
// names the field as the XML does (`Receptor@Rfc`, `ide/dhEmi`). Pure.
import { DATE_MAX, DATE_MIN } from "~/schemas/ranges";
import { currencyExponent, isKnownCurrency } from "../amounts";
import { isoDate } from "../dates";
import { ImportError } from "../errors";
import type { Minor } from "../types";
import { normalizeCustomerKey } from "../values";
import { netMinor, parseQuantity } from "./decimal";

/** SPEC 8's caps: about 64 characters for keys and invoice numbers, 500 for names and SKUs. */
export const FIELD_CAPS = { key: 64, name: 500 } as const;

export function invalid(file: string, field: string, value: string): ImportError {
  return new ImportError("invoice_field", { file, field, problem: "invalid", value });
}

/** The trimmed text of a field SPEC 5.2 needs; refused when absent or blank. */
export function required(file: string, field: string, value: string | undefined): string {
  const text = value?.trim() ?? "";
  if (text === "") throw new ImportError("invoice_field", { file, field, problem: "missing" });
  return text;
}

/** The trimmed text of an optional field, null when absent or blank. */
export function optional(value: string | undefined): string | null {
  const text = value?.trim() ?? "";
  return text === "" ? null : text;
}

/** Refused past `max` characters (code points), as a report's cell would be. */
export function capped(file: string, field: string, text: string, max: number): string {
  if (text.length > max && [...text].length > max)
    throw new ImportError("invoice_field", { file, field, problem: "too_long", max });
  return text;
}

/** A display text cut to `max` characters and "…" (descriptions: CFDI allows 1,000). */
export function cut(text: string, max: number = FIELD_CAPS.name): string {
  if (text.length <= max) return text; // code points are never more than UTF-16 units
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join("")}\u2026`;
}

export interface TaxId {
  text: string;
  normalized: string;
}

/** A tax id (RFC, CNPJ, CPF) as written and normalized like customer keys (decision 042). */
export function taxId(file: string, field: string, value: string | undefined): TaxId {
  const text = capped(file, field, required(file, field, value), FIELD_CAPS.key);
  const normalized = normalizeCustomerKey(text);
  if (normalized === "") throw invalid(file, field, text);
  return { text, normalized };
}

/** The calendar date a timestamp's text starts with (its local date), within 2000–2099. */
export function localDate(file: string, field: string, value: string | undefined): string {
  const text = required(file, field, value);
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(text);
  const date = match && isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (!date || date < DATE_MIN || date > DATE_MAX) throw invalid(file, field, text);
  return date;
}

/** An ISO 4217 code the portal knows, with its minor unit's decimals. */
export function currency(file: string, field: string, value: string | undefined) {
  const code = required(file, field, value).toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !isKnownCurrency(code)) throw invalid(file, field, code);
  return { code, exponent: currencyExponent(code) };
}

/** `gross − discount` in minor units, exact; refused when unreadable, negative or too large. */
export function net(
  file: string,
  fields: { gross: string; discount: string },
  values: { gross: string | undefined; discount: string | undefined },
  exponent: number,
): Minor {
  const gross = required(file, fields.gross, values.gross);
  const discount = optional(values.discount);
  const minor = netMinor(gross, discount, exponent);
  if (minor === null) {
    const unreadable = netMinor(gross, null, exponent) === null;
    throw unreadable
      ? invalid(file, fields.gross, gross)
      : invalid(file, fields.discount, discount ?? "");
  }
  if (minor < 0) throw invalid(file, fields.discount, discount ?? "");
  return minor;
}

/** A quantity read exactly from its decimal text. */
export function quantity(file: string, field: string, value: string | undefined): number {
  const text = required(file, field, value);
  const parsed = parseQuantity(text);
  if (parsed === null) throw invalid(file, field, text);
  return parsed;
}

/** A decimal text of `minor` units at `exponent` decimals, for messages: -123700, 2 → "-1237.00". */
export function decimalText(minor: Minor, exponent: number): string {
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  const cut = digits.length - exponent;
  const body = exponent === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return minor < 0 ? `-${body}` : body;
}

/**
 * The invoice's net against its lines' nets: each line and the total round once (half a minor
 * unit each), so they may differ by up to one unit per line; more is an inconsistent invoice.
 */
export function checkTotals(
  file: string,
  currencyCode: string,
  exponent: number,
  total: Minor,
  lines: Minor[],
): void {
  const sum = lines.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - total) <= lines.length) return;
  throw new ImportError("invoice_totals", {
    file,
    currency: currencyCode,
    total: decimalText(total, exponent),
    lines: decimalText(sum, exponent),
  });
}
