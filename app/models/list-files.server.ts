// A screen's list as a file to download (SPEC 6: every list downloads as CSV/XLSX): a header and
// rows of text and numbers; text cells stay text (never formulas), CSV cells are escaped.
import ExcelJS from "exceljs";
import { escapeCsvCell, safeTextCell } from "@imports/problem-workbook";
import { XLSX_TYPE } from "./money-exports.server";
import type { DownloadFile } from "./money-files.server";

export type ListFormat = "csv" | "xlsx";
/** An amount as its exact decimal text ("-1234.50"): a number in XLSX, the text itself in CSV. */
export type DecimalCell = { decimal: string };
export type ListCell = string | number | null | DecimalCell;

const isDecimal = (c: ListCell): c is DecimalCell => typeof c === "object" && c !== null;

const csvCell = (c: ListCell) =>
  isDecimal(c) && /^-?\d+(\.\d+)?$/.test(c.decimal)
    ? c.decimal
    : escapeCsvCell(isDecimal(c) ? c.decimal : c);

const xlsxCell = (c: ListCell) => (isDecimal(c) ? Number(c.decimal) : safeTextCell(c));

export async function listFile(
  baseName: string,
  header: string[],
  rows: ListCell[][],
  format: ListFormat,
): Promise<DownloadFile> {
  const name = `${baseName.replace(/[^\p{L}\p{N}._-]+/gu, "_")}.${format}`;
  if (format === "csv") {
    const text = [header as ListCell[], ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n");
    return { name, type: "text/csv; charset=utf-8", body: `\ufeff${text}\r\n` };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(baseName.slice(0, 31).replace(/[\\/?*[\]:]/g, "_") || "List");
  sheet.addRow(header.map(safeTextCell)).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(xlsxCell));
  rows[0]?.forEach((c, i) => {
    if (isDecimal(c)) sheet.getColumn(i + 1).numFmt = "#,##0.00";
  });
  header.forEach((h, i) => (sheet.getColumn(i + 1).width = Math.max(12, h.length + 4)));
  return { name, type: XLSX_TYPE, body: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}
