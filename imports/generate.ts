// Writes large synthetic supplier reports (streaming, flat memory) for tests and `npm run bench`:
// deterministic from a seed, and returns the exact totals a reader must find.
import ExcelJS from "exceljs";
import type { Minor, MonthKey } from "./types";

export interface SampleReportOptions {
  /** Seed of the pseudo-random generator: the same seed writes the same file. Default 1. */
  seed?: number;
  currency?: string;
  /** Month of the invoice dates. Default "2026-01". */
  period?: MonthKey;
  /** Customer tax ids to draw from. Default: 500 synthetic RFC-like ids. */
  customerKeys?: string[];
  sheetName?: string;
  /** Deflate level, 1 (fast) to 9 (small). Default 9, which keeps 1,000,000 rows under 50 MiB;
   * level 1 writes about twice as fast, for tests that need a big file quickly. */
  compression?: number;
  /**
   * Text cells as shared strings, as LibreOffice (and Excel) write them; the streaming writer
   * stores xl/sharedStrings.xml after the sheet, as LibreOffice does. Default false: inline
   * strings, no shared-strings table for the reader to hold.
   */
  sharedStrings?: boolean;
}

export interface SampleReport {
  rows: number;
  /** Exact sum of the amounts written, in minor units (2 decimals). */
  totalMinor: Minor;
}

export const SAMPLE_HEADERS = [
  "Invoice Date",
  "Invoice Number",
  "Customer Tax ID",
  "Customer Name",
  "SKU",
  "Product Category",
  "Quantity",
  "Net Amount",
  "Currency",
];

const CATEGORIES = ["Cameras", "Cabling", "Networking", "Access Control", "Recorders", "Services"];

/** mulberry32: tiny, fast and good enough for test data. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function defaultCustomerKeys(): string[] {
  return Array.from({ length: 500 }, (_, i) => `SYN${String(100000 + i)}A${i % 10}`);
}

/**
 * Writes `rows` sales lines below an English header: date cells, number amounts (about 1 in 20
 * negative, as credit notes are), inline strings unless `sharedStrings`, deflate level 9 so that 1,000,000 rows stay under the 50 MiB upload limit (47.6 MB).
 */
export async function writeSampleReport(
  path: string,
  rows: number,
  opts: SampleReportOptions = {},
): Promise<SampleReport> {
  const random = randomSource(opts.seed ?? 1);
  const [year, month] = (opts.period ?? "2026-01").split("-").map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const keys = opts.customerKeys ?? defaultCustomerKeys();
  const currency = opts.currency ?? "USD";
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: opts.sharedStrings ?? false,
    useStyles: true,
    zip: { zlib: { level: opts.compression ?? 9 } },
  } as ExcelJS.stream.xlsx.WorkbookStreamWriterOptions);
  const sheet = workbook.addWorksheet(opts.sheetName ?? "Sales");
  sheet.addRow(SAMPLE_HEADERS).commit();
  let totalMinor = 0;
  for (let i = 0; i < rows; i++) {
    const key = keys[Math.floor(random() * keys.length)];
    const sign = random() < 0.05 ? -1 : 1;
    const amountMinor = sign * (100 + Math.floor(random() * 2_000_000));
    totalMinor += amountMinor;
    const row = sheet.addRow([
      new Date(Date.UTC(year, month - 1, 1 + Math.floor(random() * daysInMonth))),
      `INV-${i + 1}`,
      key,
      `Customer ${key}`,
      `SKU-${Math.floor(random() * 1000)}`,
      CATEGORIES[Math.floor(random() * CATEGORIES.length)],
      1 + Math.floor(random() * 40),
      amountMinor / 100,
      currency,
    ]);
    row.getCell(1).numFmt = "yyyy-mm-dd";
    row.commit();
    // Give the zip stream a turn now and then; exceljs's writer still keeps a copy of what it
    // wrote (~500 MB RSS at 1,000,000 rows), so generate in another process than the measured one.
    if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
  }
  sheet.commit();
  await workbook.commit();
  return { rows, totalMinor };
}
