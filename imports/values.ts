// Pure readings of single values of a report (SPEC 4.3): dates, amounts, quantities,
// customer keys, and which rows are blank or totals. Dates and amounts live in their own files.
import { normalizeHeader, type Columns } from "./headers";
import { numberToDecimalString } from "./amounts";
import type { Cell } from "./types";

export { parseInvoiceDate, isoDate } from "./dates";
export {
  currencyExponent,
  decimalDigitsToMinor,
  decimalSeparatorHint,
  detectDecimalSeparator,
  isKnownCurrency,
  numberToDecimalString,
  parseAmount,
  parseQuantity,
} from "./amounts";

/** A cell as trimmed text: numbers in plain decimal notation, dates as YYYY-MM-DD. */
export function cellText(cell: Cell): string | null {
  if (cell === null) return null;
  if (typeof cell === "number") return numberToDecimalString(cell);
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  const text = String(cell).trim();
  return text === "" ? null : text;
}

/**
 * SPEC 4.3 and 8: a customer key is normalized exactly as a member's tax id is (one normalizer,
 * in app/schemas/tax-ids.ts): NFKC, without invisible characters, spaces, dots, hyphens (any dash)
 * and slashes, uppercase. A key with anything but A–Z and 0–9 left (`isValidCustomerKey` false) is
 * kept as it is and never equals a member's tax id: its lines stay unmatched.
 */
export {
  normalizeTaxId as normalizeCustomerKey,
  isTaxIdKey as isValidCustomerKey,
  strayCharacters,
} from "~/schemas/tax-ids";

/** No value: null, or text of spaces only. */
export function isEmptyCell(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/**
 * With `columns`, SPEC 4.3's blank: no invoice number, no customer key and no amount (the rest
 * may hold leftovers such as a lone date). Without, a row with no value at all.
 */
export function isBlankRow(cells: Cell[], columns?: Columns): boolean {
  if (!columns) return cells.every(isEmptyCell);
  const { invoiceNumber, customerKey, netAmount } = columns;
  return [invoiceNumber, customerKey, netAmount].every(
    (column) => column === undefined || isEmptyCell(cells[column]),
  );
}

/** "TOTAL", "Totales", "Subtotal:", "Grand total", "Total enero" — but not "TOTAL-001". */
const TOTALS_LABEL =
  /^(?:grand total|total general|total geral|totals?|totales|totais|sub ?totale?s?|sub ?totais|suma total|soma total)(?: [\p{L}].*)?$/u;

/** Cheap pre-check so that ordinary cells skip the Unicode normalization. */
const TOTALS_START = /^\s*[tsg]/i;

/** A totals row: one of its first two non-empty cells is a totals label. */
export function isTotalsRow(cells: Cell[]): boolean {
  let seen = 0;
  for (const cell of cells) {
    if (isEmptyCell(cell)) continue;
    if (
      typeof cell === "string" &&
      TOTALS_START.test(cell) &&
      TOTALS_LABEL.test(normalizeHeader(cell))
    ) {
      return true;
    }
    if (++seen === 2) return false;
  }
  return false;
}
