import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildProblemWorkbook, escapeCell, escapeCsvCell, safeTextCell } from "./problem-workbook";
import { readReport } from "./read-report";
import { readXlsxRows } from "./read-xlsx";
import { fixturePath } from "@tests/setup/fixtures";
import type { ParsedLine } from "./types";

const dir = mkdtempSync(join(tmpdir(), "tierpool-problems-"));

describe("escaping against formula injection", () => {
  it("prefixes text that a spreadsheet would run", () => {
    expect(escapeCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(escapeCell("+SKU")).toBe("'+SKU");
    expect(escapeCell("-Cameras")).toBe("'-Cameras");
    expect(escapeCell("@cmd")).toBe("'@cmd");
    expect(escapeCell("\tx")).toBe("'\tx");
    expect(escapeCell("\rx")).toBe("'\rx");
    expect(escapeCell("Cameras")).toBe("Cameras");
    expect(escapeCell("")).toBe("");
  });

  it("writes CSV fields: numbers stay numbers, text is escaped then quoted", () => {
    expect(escapeCsvCell(-12.5)).toBe("-12.5");
    expect(escapeCsvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(escapeCsvCell("a,b")).toBe('"a,b"');
    expect(escapeCsvCell("a;b", ";")).toBe('"a;b"');
    expect(escapeCsvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(escapeCsvCell(new Date("2026-03-02T00:00:00Z"))).toBe("2026-03-02");
    expect(escapeCsvCell(null)).toBe("");
  });

  it("gives exceljs plain values, never formula objects", () => {
    expect(safeTextCell("=1+1")).toBe("=1+1");
    expect(safeTextCell({ formula: "1+1" })).toBe("[object Object]");
    expect(safeTextCell(5)).toBe(5);
    expect(safeTextCell(Number.POSITIVE_INFINITY)).toBeNull();
    expect(safeTextCell(undefined)).toBeNull();
  });
});

async function readBack(buffer: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe("buildProblemWorkbook", () => {
  it("returns the original rows with a Problem column", async () => {
    const path = fixturePath("bad/bad-values.xlsx");
    const summary = await readReport(path, {
      originalName: "bad-values.xlsx",
      dateOrder: "dmy",
      defaultCurrency: "USD",
      today: "2026-03-10",
      period: "2026-03",
      onLine: () => undefined,
    });
    const buffer = await buildProblemWorkbook(
      readXlsxRows(path),
      summary.headers,
      summary.problems,
      {
        sheet: summary.sheet,
        headerRow: summary.headerRow,
      },
    );
    const rows = await readBack(buffer);
    expect(rows[0]).toEqual([...summary.headers, "Problem", "Original row"]);
    expect(rows.map((row) => row[10])).toEqual(["Original row", 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[1][9]).toBeUndefined();
    expect(rows[2].slice(0, 2)).toEqual(["32/13/2026", "F-2"]);
    expect(rows[2][9]).toBe(
      'Error: Row 3, column "Invoice Date": "32/13/2026" is not a valid date (use dd/mm/yyyy or yyyy-mm-dd).',
    );
    expect(rows[4][9]).toBe(
      'Error: Row 5, column "Invoice Number": the invoice number is missing.',
    );
  });

  it("writes formula-looking texts as text cells, never as formulas", async () => {
    const path = fixturePath("tricky/formula-injection.xlsx");
    const lines: ParsedLine[] = [];
    const summary = await readReport(path, {
      originalName: "f.xlsx",
      dateOrder: "dmy",
      defaultCurrency: "USD",
      today: "2026-03-10",
      period: "2026-03",
      onLine: (line) => {
        lines.push(line);
      },
    });
    const buffer = await buildProblemWorkbook(
      readXlsxRows(path),
      summary.headers,
      summary.problems,
      { headerRow: 1 },
    );
    const out = join(dir, "injection.xlsx");
    writeFileSync(out, buffer);
    const rows = await readBack(buffer);
    expect(rows[1].slice(1, 6)).toEqual([
      '=HYPERLINK("http://example.invalid","x")',
      "ABC010101XYZ",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      "+SKU",
      "-Cameras",
    ]);
    // Read back as the streaming reader sees it: still text, and the sheet XML holds no formula.
    const raw = [];
    for await (const row of readXlsxRows(out)) raw.push(row);
    expect(raw[1].cells[1]).toBe('=HYPERLINK("http://example.invalid","x")');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    workbook.worksheets[0].eachRow((row) =>
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)),
    );
  });

  it("accepts plain arrays of rows", async () => {
    const buffer = await buildProblemWorkbook(
      [{ sheet: "CSV", row: 2, cells: ["01/03/2026", "F1", null, "x"] }],
      ["Date", "Invoice", "Tax ID"],
      [
        {
          sheet: "CSV",
          row: 2,
          column: "Tax ID",
          severity: "error",
          code: "missing_value",
          message: "m1",
        },
        {
          sheet: "CSV",
          row: 2,
          column: "Qty",
          severity: "warning",
          code: "quantity_missing",
          message: "m2",
        },
      ],
    );
    expect(await readBack(buffer)).toEqual([
      ["Date", "Invoice", "Tax ID", "Problem", "Original row"],
      ["01/03/2026", "F1", undefined, "Error: m1\nWarning: m2", 2],
    ]);
  });
});
