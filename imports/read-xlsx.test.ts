import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { ImportError } from "./errors";
import { LIMITS, checkFileBeforeParsing } from "./limits";
import { flattenCellValue, readXlsxRows } from "./read-xlsx";
import { fixturePath } from "@tests/setup/fixtures";
import type { RawRow } from "./types";

const dir = mkdtempSync(join(tmpdir(), "tierpool-xlsx-"));

async function readAll(path: string): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of readXlsxRows(path)) rows.push(row);
  return rows;
}

async function failure(path: string): Promise<ImportError> {
  const error = await readAll(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe("flattenCellValue", () => {
  it("flattens what exceljs gives into plain values", () => {
    expect(flattenCellValue({ richText: [{ text: "Acme " }, { text: "S.A." }] })).toBe("Acme S.A.");
    expect(flattenCellValue({ formula: "A1*2", result: 12.5 })).toBe(12.5);
    expect(flattenCellValue({ sharedFormula: "A1", result: "x" })).toBe("x");
    expect(flattenCellValue({ formula: "TODAY()", result: 46083 }, "dd/mm/yyyy")).toEqual(
      new Date("2026-03-02T00:00:00Z"),
    );
    expect(flattenCellValue({ formula: "1/0", result: { error: "#DIV/0!" } })).toBe("#DIV/0!");
    expect(flattenCellValue({ error: "#N/A" })).toBe("#N/A");
    expect(flattenCellValue({ text: "site", hyperlink: "http://x" })).toBe("site");
    expect(
      flattenCellValue({
        text: { richText: [{ text: "a" }, { text: "b" }] },
        hyperlink: "http://x",
      }),
    ).toBe("ab");
    expect(flattenCellValue("   ")).toBeNull();
    expect(flattenCellValue("=1+1")).toBe("=1+1");
    expect(flattenCellValue(undefined)).toBeNull();
    expect(flattenCellValue(Number.NaN)).toBeNull();
  });
});

describe("readXlsxRows", () => {
  afterEach(() => {
    (LIMITS as { maxRows: number }).maxRows = 1_000_000;
  });

  it("streams the rows of a LibreOffice report with their Excel row numbers", async () => {
    const rows = await readAll(fixturePath("scenario-q1/reports/norte-2026-01.xlsx"));
    expect(rows.map((r) => r.row).slice(0, 4)).toEqual([1, 2, 4, 5]); // row 3 is empty
    expect(rows[2]).toEqual({
      sheet: "Reporte",
      row: 4,
      cells: [
        "Fecha Factura",
        "Folio",
        "RFC Cliente",
        "Razón Social",
        "Código",
        "Familia",
        "Cantidad",
        "Importe",
        "Moneda",
      ],
    });
    expect(rows[3].cells).toEqual([
      "28/01/2026",
      "NO-1125",
      "XFH976583S2B",
      "Integra Conecta 76 S.A.S.",
      "SKU-686",
      "Cameras",
      38,
      "$15,138.76",
      "MXN",
    ]);
    expect(rows.at(-1)).toEqual({
      sheet: "Reporte",
      row: 42,
      cells: ["TOTAL", null, null, null, null, null, null, "$1,960,060.79", "MXN"],
    });
  });

  it("gives date cells as Dates and keeps text that looks like a formula as text", async () => {
    const rows = await readAll(fixturePath("tricky/formula-injection.xlsx"));
    expect(rows[1].cells).toEqual([
      new Date("2026-03-02T00:00:00Z"),
      '=HYPERLINK("http://example.invalid","x")',
      "ABC010101XYZ",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      "+SKU",
      "-Cameras",
      1,
      10,
      "USD",
    ]);
  });

  it("flattens formulas, rich text and hyperlinks, sheet after sheet", async () => {
    const workbook = new ExcelJS.Workbook();
    const first = workbook.addWorksheet("First");
    first.addRow(["a"]);
    const sheet = workbook.addWorksheet("Second");
    sheet.getCell("A1").value = { formula: "B1*2", result: 4 };
    sheet.getCell("B1").value = 2;
    sheet.getCell("C1").value = {
      richText: [{ text: "Rich " }, { font: { bold: true }, text: "text" }],
    };
    sheet.getCell("D1").value = { text: "link", hyperlink: "http://example.invalid" };
    sheet.getCell("E1").value = { formula: "DATE(2026,1,5)", result: 46027 };
    sheet.getCell("E1").numFmt = "dd/mm/yyyy";
    sheet.getCell("G1").value = true;
    const path = join(dir, "kinds.xlsx");
    await workbook.xlsx.writeFile(path);
    expect(await readAll(path)).toEqual([
      { sheet: "First", row: 1, cells: ["a"] },
      {
        sheet: "Second",
        row: 1,
        cells: [4, 2, "Rich text", "link", new Date("2026-01-05T00:00:00Z"), null, true],
      },
    ]);
  });

  it("keeps accented characters whole where exceljs's chunks would cut them", async () => {
    for (const useSharedStrings of [false, true]) {
      const path = join(dir, `accents-${useSharedStrings}.xlsx`);
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
      const sheet = workbook.addWorksheet("Ventas");
      for (let i = 0; i < 20_000; i++) sheet.addRow([`Automatización Domótica ${i} ação`]).commit();
      sheet.commit();
      await workbook.commit();
      const rows = await readAll(path);
      expect(rows).toHaveLength(20_000);
      expect(rows.filter((row, i) => row.cells[0] !== `Automatización Domótica ${i} ação`)).toEqual(
        [],
      );
    }
  });

  it("turns a zip damaged mid-stream into truncated_file instead of hanging", async () => {
    const bytes = readFileSync(fixturePath("scenario-q1/reports/axion-2026-01.xlsx"));
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    const header = bytes.indexOf(Buffer.concat([name]));
    // Flip bytes in the middle of the sheet's compressed data; the central directory stays intact.
    for (let i = header + 1000; i < header + 1200; i++) bytes[i] ^= 0x5a;
    const path = join(dir, "damaged.xlsx");
    writeFileSync(path, bytes);
    expect((await checkFileBeforeParsing(path, "damaged.xlsx")).format).toBe("xlsx");
    const error = await failure(path);
    expect(error.code).toBe("truncated_file");
    expect(error.message).toBe(
      "The file is damaged or incomplete: it could not be read to the end. Save it again from Excel and upload it again.",
    );
  });

  it("refuses data beyond column 100", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Wide");
    sheet.getRow(3).getCell(101).value = "stray";
    const path = join(dir, "wide.xlsx");
    await workbook.xlsx.writeFile(path);
    const error = await failure(path);
    expect(error.code).toBe("too_many_columns");
    expect(error.message).toBe(
      'Sheet "Wide", row 3 has data in column 101; a report can have at most 100 columns.',
    );
  });

  it("refuses a sheet with more rows than the limit while reading", async () => {
    (LIMITS as { maxRows: number }).maxRows = 10; // + 30 rows of header allowance
    const path = join(dir, "long.xlsx");
    copyFileSync(fixturePath("scenario-q1/reports/axion-2026-01.xlsx"), path);
    const error = await failure(path);
    expect(error.code).toBe("too_many_rows");
    expect(error.details).toEqual({ sheet: "Sales", limit: 10 });
  });
});
