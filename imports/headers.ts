// Finds the header row of a report and which column holds which field, by matching header
// texts against English, Spanish and Portuguese synonyms (SPEC 4.2) or a supplier's saved mapping.
import { SYNONYMS } from "./synonyms";
import type { Cell, RawRow } from "./types";

export { SYNONYMS };

export type Field =
  | "invoiceDate"
  | "invoiceNumber"
  | "customerKey"
  | "customerName"
  | "sku"
  | "category"
  | "quantity"
  | "netAmount"
  | "currency";

export const FIELDS: readonly Field[] = [
  "invoiceDate",
  "invoiceNumber",
  "customerKey",
  "customerName",
  "sku",
  "category",
  "quantity",
  "netAmount",
  "currency",
];

export const REQUIRED_FIELDS: readonly Field[] = [
  "invoiceDate",
  "invoiceNumber",
  "customerKey",
  "netAmount",
];

/** How fields are named to a supplier in messages. */
export const FIELD_LABELS: Readonly<Record<Field, string>> = {
  invoiceDate: "invoice date",
  invoiceNumber: "invoice number",
  customerKey: "customer tax id or account",
  customerName: "customer name",
  sku: "SKU",
  category: "category",
  quantity: "quantity",
  netAmount: "net amount",
  currency: "currency",
};

export type Columns = Partial<Record<Field, number>>;
/** A supplier's saved mapping: normalized header text → field. */
export type ColumnMapping = Record<string, Field>;

/** Case-, accent- and punctuation-insensitive form of a header text. */
export function normalizeHeader(text: string): string {
  return text
    .normalize("NFKD") // NFD plus compatibility forms: "Nº" → "No", full-width letters → ASCII
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

interface SynonymHit {
  field: Field;
  /** Lower is more specific; a saved mapping is -1. */
  rank: number;
}

const SYNONYM_INDEX: ReadonlyMap<string, SynonymHit> = buildSynonymIndex();

function buildSynonymIndex(): Map<string, SynonymHit> {
  const index = new Map<string, SynonymHit>();
  for (const field of FIELDS) {
    SYNONYMS[field].forEach((text, rank) => {
      const key = normalizeHeader(text);
      if (!index.has(key)) index.set(key, { field, rank });
    });
  }
  return index;
}

/**
 * The texts a header cell is looked up by: itself, then without a parenthesized unit
 * ("Valor Líquido (R$)") and without a trailing currency word ("Net Amount USD").
 */
function lookupKeys(text: string): string[] {
  const full = normalizeHeader(text);
  const withoutParens = normalizeHeader(text.replace(/\([^)]*\)|\[[^\]]*]/g, " "));
  const withoutCurrency = withoutParens.replace(/ (?:[a-z]{3}|r|us)$/, "");
  return [...new Set([full, withoutParens, withoutCurrency])].filter((key) => key !== "");
}

function matchCell(cell: Cell, mapping: ReadonlyMap<string, Field>): SynonymHit | null {
  if (typeof cell !== "string") return null;
  const keys = lookupKeys(cell);
  for (const key of keys) {
    const mapped = mapping.get(key);
    if (mapped) return { field: mapped, rank: -1 };
  }
  for (const key of keys) {
    const hit = SYNONYM_INDEX.get(key);
    if (hit) return hit;
  }
  return null;
}

export interface HeaderMatch {
  /** Index of the header row within the rows given. */
  headerRowIndex: number;
  /** The header's row number in the sheet, 1-based. */
  headerRow: number;
  columns: Columns;
  /** Header texts as written in the file, by column index ("" where there is none). */
  headers: string[];
  /** Required fields without a column; empty when the row is a usable header. */
  missing: Field[];
}

function matchRow(row: RawRow, mapping: ReadonlyMap<string, Field>): Columns {
  const best = new Map<Field, { column: number; rank: number }>();
  row.cells.forEach((cell, column) => {
    const hit = matchCell(cell, mapping);
    if (!hit) return;
    const current = best.get(hit.field);
    if (!current || hit.rank < current.rank) best.set(hit.field, { column, rank: hit.rank });
  });
  const columns: Columns = {};
  for (const [field, { column }] of best) columns[field] = column;
  return columns;
}

function headerTexts(row: RawRow): string[] {
  return row.cells.map((cell) =>
    cell === null ? "" : cell instanceof Date ? cell.toISOString() : String(cell),
  );
}

/**
 * Picks the header row among the first rows of a sheet: a row with every required field beats
 * one without; then the row with more matched fields; then the earlier row. Returns the best
 * incomplete row (with `missing`) when at least two fields matched, to prefill a mapping
 * screen, and null when nothing looks like a header at all.
 */
export function findHeader(rows: RawRow[], mapping?: ColumnMapping): HeaderMatch | null {
  const normalizedMapping = new Map<string, Field>(
    Object.entries(mapping ?? {}).map(([text, field]) => [normalizeHeader(text), field]),
  );
  let best: HeaderMatch | null = null;
  rows.forEach((row, index) => {
    const columns = matchRow(row, normalizedMapping);
    const found = Object.keys(columns).length;
    const missing = REQUIRED_FIELDS.filter((field) => columns[field] === undefined);
    if (found < 2 && missing.length > 0) return;
    const candidate = {
      headerRowIndex: index,
      headerRow: row.row,
      columns,
      headers: headerTexts(row),
      missing,
    };
    if (!best || isBetterHeader(candidate, best)) best = candidate;
  });
  return best;
}

function isBetterHeader(candidate: HeaderMatch, best: HeaderMatch): boolean {
  const complete = candidate.missing.length === 0;
  const bestComplete = best.missing.length === 0;
  if (complete !== bestComplete) return complete;
  return Object.keys(candidate.columns).length > Object.keys(best.columns).length;
}
