// Shared shapes of the spreadsheet pipeline: raw cells and rows as read from a file,
// the parsed sales line handed to ingestion, and the row-level problems shown to suppliers.

/** Integer amount in the currency's minor unit (cents). Never a float. */
export type Minor = number;
/** A calendar month, "YYYY-MM" (e.g. "2026-03"). */
export type MonthKey = string;
/** How ambiguous text dates like 03/04/2026 are read: day-first or month-first. */
export type DateOrder = "dmy" | "mdy";
export type DecimalSeparator = "." | ",";
export type ReportFormat = "xlsx" | "csv";

/** One cell as read, flattened: rich text, hyperlinks and formula results become plain values. */
export type Cell = string | number | boolean | Date | null;

export interface RawRow {
  sheet: string;
  /** 1-based, as Excel shows it (for CSV: the record number, header line = 1). */
  row: number;
  cells: Cell[];
}

export interface ParsedLine {
  sheet: string;
  row: number;
  invoiceDate: string;
  invoiceNumber: string;
  /** Normalized: uppercase, without spaces, dots, hyphens and slashes. */
  customerKey: string;
  /** The customer key as written in the file, for display in the matching queue. */
  customerKeyRaw: string;
  customerName: string | null;
  sku: string | null;
  category: string | null;
  quantity: number | null;
  amountMinor: Minor;
  currency: string;
}

export type Severity = "error" | "warning";

export interface Problem {
  sheet: string;
  row: number;
  /** The header text as in the file, or the field name when the file has no such column. */
  column: string;
  severity: Severity;
  code: string;
  message: string;
}

/** Kept up to date by the readers so that progress can be shown as a share of the work. */
export interface ReadProgress {
  /** 0..1 */
  fraction: number;
}
