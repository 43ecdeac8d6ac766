// Streams the rows of every sheet of an XLSX file as flat cells (exceljs WorkbookReader):
// memory stays flat whatever the row count; formulas are never evaluated. What the unzip
// inflates is counted against a byte budget (inflate-budget.ts), the XML is checked against caps
// before exceljs parses it (xml-caps.ts), and text cells are cut to LIMITS.maxCellChars.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import ExcelJS from "exceljs";
import { ImportError, isImportError } from "./errors";
import { InflateBudget } from "./inflate-budget";
import { LIMITS, capCellText } from "./limits";
import type { Cell, RawRow, ReadProgress } from "./types";
import { checkedXml } from "./xml-caps";
import { DamageWatch, decodeWholeCharacters } from "./xlsx-reader-fixes";

const READER_OPTIONS = {
  sharedStrings: "cache",
  worksheets: "emit",
  hyperlinks: "ignore",
  styles: "cache",
  entries: "emit",
} as const;

/** Excel's date formats contain y, m, d, h or s outside quotes and brackets (as exceljs decides). */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

function textOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "richText" in value) {
    const runs = (value as { richText: Array<{ text?: string | null }> }).richText;
    return runs.map((run) => run.text ?? "").join("");
  }
  return null;
}

/** Flattens what exceljs gives for one cell into a plain value; blank text becomes null. */
export function flattenCellValue(value: unknown, numFmt?: string): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : capCellText(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== "object") return null;
  const object = value as Record<string, unknown>;
  if ("formula" in object || "sharedFormula" in object) {
    const result = object.result;
    if (typeof result === "number" && isDateFormat(numFmt)) return excelSerialToDate(result);
    if (result && typeof result === "object" && "error" in result) return String(result.error);
    return flattenCellValue(result);
  }
  if ("error" in object) return String(object.error);
  if ("text" in object) return flattenCellValue(textOf(object.text) ?? object.text);
  const text = textOf(value);
  return text === null ? null : flattenCellValue(text);
}

interface ExcelRow {
  number: number;
  eachCell(callback: (cell: { value: unknown; numFmt?: string }, column: number) => void): void;
}

function rowCells(row: ExcelRow, sheet: string): Cell[] {
  const cells: Cell[] = [];
  row.eachCell((cell, column) => {
    const value = flattenCellValue(cell.value, cell.numFmt);
    if (value === null) return;
    if (column > LIMITS.maxColumns) {
      throw new ImportError(
        "too_many_columns",
        { sheet, row: row.number, column, maxColumns: LIMITS.maxColumns },
        { sheet, row: row.number, limit: LIMITS.maxColumns, actual: column },
      );
    }
    while (cells.length < column - 1) cells.push(null);
    cells[column - 1] = value;
  });
  return cells;
}

function tooManyRows(sheet: string): ImportError {
  return new ImportError(
    "too_many_rows",
    { scope: "sheet", sheet, maxRows: LIMITS.maxRows },
    { sheet, limit: LIMITS.maxRows },
  );
}

function asImportError(error: unknown): ImportError {
  if (isImportError(error)) return error;
  return new ImportError("truncated_file", { kind: "unreadable" });
}

/**
 * Reading a workbook is unzipping it (worksheets often land in a temporary file first, when the
 * shared strings come after them in the zip), then parsing the worksheets' XML: progress gives
 * the first a fifth and the second the rest.
 */
function readShare(zipShare: number, parsed: number, sheetBytes: number | undefined): number {
  if (!sheetBytes) return zipShare;
  return 0.2 * zipShare + 0.8 * Math.min(1, parsed / sheetBytes);
}

/**
 * Yields the non-empty rows of every sheet, in the order the sheets are stored in the file.
 * Breaking out of the loop stops reading and closes the file.
 */
export async function* readXlsxRows(
  path: string,
  progress?: ReadProgress,
  sheetBytes?: number,
): AsyncGenerator<RawRow> {
  const { size } = await stat(path);
  const file = createReadStream(path);
  const budget = new InflateBudget((refusal) => watch.fail(refusal));
  const watch = new DamageWatch(file, (unzip) => budget.watch(unzip));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, READER_OPTIONS);
  let parsed = 0;
  const onSheetBytes = (bytes: number) => {
    parsed += bytes;
    if (progress) progress.fraction = readShare(file.bytesRead / size, parsed, sheetBytes);
  };
  decodeWholeCharacters(reader, onSheetBytes, checkedXml);
  const maxRowsPerSheet = LIMITS.maxRows + LIMITS.headerSearchRows;
  try {
    for await (const worksheet of watch.iterate(reader)) {
      const sheet = (worksheet as unknown as { name: string }).name;
      let count = 0;
      const rows = worksheet[Symbol.asyncIterator]();
      for (;;) {
        const next = await watch.step(rows.next());
        if (next.done) break;
        const row = next.value;
        const cells = rowCells(row as unknown as ExcelRow, sheet);
        if (cells.length === 0) continue;
        if (++count > maxRowsPerSheet) throw tooManyRows(sheet);
        yield { sheet, row: row.number, cells };
      }
    }
  } catch (error) {
    throw asImportError(error);
  } finally {
    file.unpipe();
    file.destroy();
  }
}
