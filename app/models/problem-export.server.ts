// The problems XLSX of a report (SPEC 4.4): its stored file read again, row by row, with every
// problem beside the row it belongs to.
import { existsSync } from "node:fs";
import { buildProblemWorkbook } from "@imports/problem-workbook";
import { checkFileBeforeParsing } from "@imports/limits";
import { readCsvRows } from "@imports/read-csv";
import { readXlsxRows } from "@imports/read-xlsx";
import type { Problem } from "@imports/types";
import { notFound } from "./errors";
import { allReportProblems, type Report } from "./reports.server";
import { reportLayout } from "./supplier-reports.server";

/** File name offered to the browser: the upload's name with "-problems.xlsx". */
export function problemFileName(report: Report): string {
  const base = report.fileName.replace(/\.[^.]+$/, "").replace(/[^\p{L}\p{N}._-]+/gu, "_");
  return `${base || `report-${report.id}`}-problems.xlsx`;
}

/**
 * Builds the workbook. Only a report read to the end has rows to show: a file refused as a whole
 * (no header, damaged) has none, and its stored file may be gone.
 */
export async function reportProblemWorkbook(report: Report): Promise<Buffer> {
  const layout = reportLayout(report);
  if (!layout || !report.storedPath || !existsSync(report.storedPath)) {
    throw notFound("report_rows");
  }
  const { format } = await checkFileBeforeParsing(report.storedPath, report.fileName);
  const rows = format === "xlsx" ? readXlsxRows(report.storedPath) : readCsvRows(report.storedPath);
  const problems: Problem[] = allReportProblems(report.id).map((p) => ({
    sheet: p.sheet,
    row: p.row,
    column: p.column,
    severity: p.severity,
    code: p.code,
    message: p.message,
  }));
  return buildProblemWorkbook(rows, layout.headers, problems, {
    sheet: layout.sheet,
    headerRow: layout.headerRow,
  });
}
