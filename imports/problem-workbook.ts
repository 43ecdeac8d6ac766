// The downloadable "problems" XLSX (the original rows plus a Problem column, SPEC 4.4) and the
// cell escaping every export needs against formula injection (SPEC 8).
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { Cell, Problem, RawRow } from "./types";

/** Text a spreadsheet could take for a formula or a command when it leads a cell. */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * For text exports (CSV and the like): text that begins with =, +, -, @, tab or CR gets a
 * leading apostrophe, so a spreadsheet opening the file shows it as text and never runs it.
 * Other text is returned unchanged. Apply it to text only: numbers (e.g. -12.5) stay numbers.
 */
export function escapeCell(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

/**
 * One CSV field: numbers and booleans as they are, dates as YYYY-MM-DD, text escaped with
 * escapeCell and then quoted when it holds the delimiter, a quote or a line break.
 */
export function escapeCsvCell(value: Cell | undefined, delimiter = ","): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = escapeCell(value);
  const needsQuotes = text.includes(delimiter) || /["\r\n]/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

export type SafeCellValue = string | number | boolean | Date | null;

/**
 * For XLSX exports with exceljs: a plain string value is written as a text cell (shared or
 * inline string), never as a formula — exceljs writes a formula only for a `{ formula }` object.
 * So text is passed through unchanged (the apostrophe would become part of the data) and
 * anything that is not a plain value (objects, functions) is turned into text.
 */
export function safeTextCell(value: unknown): SafeCellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  return String(value);
}

export interface ProblemWorkbookOptions {
  /** Keep only rows of this sheet (problems name their sheet). */
  sheet?: string;
  /** Rows at or above it (titles and the header itself) are left out. */
  headerRow?: number;
}

function problemsByRow(problems: Problem[]): Map<string, string[]> {
  const byRow = new Map<string, string[]>();
  for (const problem of problems) {
    const key = `${problem.sheet}\u0000${problem.row}`;
    const label = problem.severity === "error" ? "Error" : "Warning";
    byRow.set(key, [...(byRow.get(key) ?? []), `${label}: ${problem.message}`]);
  }
  return byRow;
}

function collect(stream: PassThrough): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/**
 * The original rows (as read, streamed through) with the header row first and two added
 * columns: "Problem" (every message for that row) and "Original row" (its row number).
 * Cells right of the last header are left out: they have no column name and no place here.
 */
export async function buildProblemWorkbook(
  originalRows: RawRow[] | AsyncIterable<RawRow>,
  headers: string[],
  problems: Problem[],
  opts: ProblemWorkbookOptions = {},
): Promise<Buffer> {
  const output = new PassThrough();
  const done = collect(output);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet("Problems");
  const width = headers.length;
  const header = sheet.addRow([...headers.map(safeTextCell), "Problem", "Original row"]);
  header.font = { bold: true };
  header.commit();
  const byRow = problemsByRow(problems);
  for await (const raw of originalRows) {
    if (opts.sheet !== undefined && raw.sheet !== opts.sheet) continue;
    if (opts.headerRow !== undefined && raw.row <= opts.headerRow) continue;
    const cells = Array.from({ length: width }, (_, i) => safeTextCell(raw.cells[i]));
    const messages = byRow.get(`${raw.sheet}\u0000${raw.row}`)?.join("\n") ?? null;
    const row = sheet.addRow([...cells, messages, raw.row]);
    cells.forEach((cell, i) => {
      if (cell instanceof Date) row.getCell(i + 1).numFmt = "yyyy-mm-dd";
    });
    if (messages) row.getCell(width + 1).alignment = { wrapText: true };
    row.commit();
  }
  sheet.getColumn(width + 1).width = 60;
  sheet.commit();
  await workbook.commit();
  return done;
}
