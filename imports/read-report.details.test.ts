import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { LIMITS } from "./limits";
import { MAX_STORED_PROBLEMS } from "./read-report";
import { read, refusal } from "@tests/setup/read-report";

const dir = mkdtempSync(join(tmpdir(), "tierpool-report-"));

function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

describe("readReport details", () => {
  afterEach(() => {
    (LIMITS as { maxRows: number }).maxRows = 1_000_000;
  });

  it("detects a decimal comma from a later row and reads the earlier ambiguous rows with it", async () => {
    const path = csv("comma.csv", [
      "Fecha;Folio;RFC;Importe",
      "01/03/2026;F1;A1;1.000",
      "02/03/2026;F2;A2;2.000",
      "03/03/2026;F3;A3;2,5",
    ]);
    const { lines, summary } = await read(path);
    expect(summary.decimalSeparator).toBe(",");
    expect(lines.map((l) => l.amountMinor)).toEqual([100000, 200000, 250]);
  });

  it("falls back to the supplier's separator when no amount says", async () => {
    const path = csv("ambiguous.csv", ["Fecha;Folio;RFC;Importe", "01/03/2026;F1;A1;1.000"]);
    expect((await read(path, { decimalSeparator: "," })).lines[0].amountMinor).toBe(100000);
    expect((await read(path)).lines[0].amountMinor).toBe(100);
  });

  it("warns once when the file has no quantity column", async () => {
    const path = csv("noqty.csv", ["Date,Invoice,Tax ID,Amount", "01/03/2026,F1,A1,10"]);
    const { summary } = await read(path);
    expect(summary.problems).toEqual([
      {
        sheet: "CSV",
        row: 1,
        column: "quantity",
        severity: "warning",
        code: "quantity_missing",
        message: "The report has no quantity column; quantities are left empty.",
      },
    ]);
  });

  it("skips blank and totals rows, and reads the month-first order when asked", async () => {
    const path = csv("skips.csv", [
      "Date,Invoice,Tax ID,Qty,Amount",
      "03/04/2026,F1,A1,1,10",
      ",,,,",
      "03/05/2026,,,,",
      "Total,,,,10",
    ]);
    const { summary, lines } = await read(path, { dateOrder: "mdy", today: "2026-12-31" });
    expect(summary.rows).toBe(1);
    expect(lines.map((l) => l.invoiceDate)).toEqual(["2026-03-04"]);
  });

  it("keeps the first 1000 problems and counts them all", async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `01/03/2026,F${i},A1,1,oops`);
    const { summary } = await read(csv("many.csv", ["Date,Invoice,Tax ID,Qty,Amount", ...rows]));
    expect(summary.problems).toHaveLength(MAX_STORED_PROBLEMS);
    expect([summary.problemCount, summary.errorCount, summary.rows, summary.lines]).toEqual([
      1500, 1500, 1500, 0,
    ]);
  });

  it("refuses more data rows than the limit", async () => {
    (LIMITS as { maxRows: number }).maxRows = 3;
    const rows = Array.from({ length: 4 }, (_, i) => `01/03/2026,F${i},A1,1,5`);
    const error = await refusal(csv("long.csv", ["Date,Invoice,Tax ID,Qty,Amount", ...rows]));
    expect([error.code, error.message]).toEqual([
      "too_many_rows",
      "The report has more than 3 data rows; split it into smaller files.",
    ]);
  });

  it("takes the first sheet that has a header and stops at its end", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Notes").addRows([["Sales report"], ["Prepared by: ACME"]]);
    const sales = workbook.addWorksheet("Sales");
    sales.addRows([
      ["Invoice Date", "Invoice", "Tax ID", "Qty", "Net Amount"],
      ["2026-03-01", "F1", "A1", 1, 12.34],
    ]);
    workbook.addWorksheet("Other").addRows([
      ["Invoice Date", "Invoice", "Tax ID", "Qty", "Net Amount"],
      ["2026-03-01", "F2", "A2", 1, 99],
    ]);
    const path = join(dir, "sheets.xlsx");
    await workbook.xlsx.writeFile(path);
    const { summary, lines } = await read(path);
    expect(summary.sheet).toBe("Sales");
    expect(lines.map((l) => [l.sheet, l.row, l.invoiceNumber, l.amountMinor])).toEqual([
      ["Sales", 2, "F1", 1234],
    ]);
  });
});

describe("readReport on files with nothing in them", () => {
  it("refuses a CSV of blank lines as empty", async () => {
    const error = await refusal(csv("blank.csv", ["", " ; ;", ""]));
    expect([error.code, error.message]).toEqual(["file_empty", "The file has no rows."]);
  });
});
