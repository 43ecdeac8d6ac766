// Hostile reports (SPEC 8, the hardening issue's findings 1 and 2): sizes are checked on what is
// really inflated, never on what the zip declares; no cell, shared string or row is held past its
// cap; over-long values are row problems, never stored. Files stay small on disk (< 4 MB).
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import {
  HOSTILE_HEADER,
  hostileRow,
  writeHostileXlsx,
  writeLyingXlsx,
  type SheetCell,
} from "@tests/setup/hostile-xlsx";
import { read, refusal } from "@tests/setup/read-report";
import { ImportError } from "./errors";
import { LIMITS, checkFileBeforeParsing } from "./limits";
import { readCsvRows } from "./read-csv";
import { readXlsxRows } from "./read-xlsx";
import type { RawRow } from "./types";

const MIB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), "tierpool-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `work` while sampling the process's RSS; how much it grew at its peak, in MiB. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMiB: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 5);
  try {
    const result = await work();
    sample();
    return { result, growthMiB: (peak - before) / MIB };
  } finally {
    clearInterval(timer);
  }
}

async function readerFailure(path: string): Promise<ImportError> {
  const error = await (async () => {
    for await (const row of readXlsxRows(path)) void row;
  })().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

const JANUARY = { period: "2026-01", today: "2026-02-10" };

/** Text that does not compress (a repeated letter would trip the zip ratio check first). */
function noise(length: number, letters = "abcdefghijklmnopqrstuvwxyzñ"): string {
  let state = length;
  let text = "";
  for (let i = 0; i < length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    text += letters[state % letters.length];
  }
  return text;
}

describe("a sheet whose zip headers lie about its size (finding 1)", () => {
  const path = join(dir, "lying.xlsx");
  const message =
    'The workbook part "xl/worksheets/sheet1.xml" inflates to more than the 20,000 bytes its zip ' +
    "header declares; the file looks like a zip bomb and was not opened.";

  it("is small on disk, declares 20,000 bytes and inflates to over 300 MB in one cell", async () => {
    const { inflatedBytes } = await writeLyingXlsx(path, 300, 20_000);
    expect(inflatedBytes).toBeGreaterThan(300 * MIB);
    expect(statSync(path).size).toBeLessThan(1 * MIB);
  }, 60_000);

  it("is refused before parsing: zip_bomb naming the part, within the budget of memory", async () => {
    const started = Date.now();
    const check = () =>
      checkFileBeforeParsing(path, "lying.xlsx").then(
        () => null,
        (e) => e,
      );
    const { result: error, growthMiB } = await rssGrowth(check);
    expect(error).toBeInstanceOf(ImportError);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(growthMiB).toBeLessThan(100);
    expect(error.code).toBe("zip_bomb");
    expect(error.message).toBe(message);
    expect(error.details).toEqual({
      part: "xl/worksheets/sheet1.xml",
      limit: 20_000,
      actual: expect.any(Number),
    });
    expect(error.details!.actual).toBeLessThan(20_000 + MIB); // stopped at the budget
  });

  it("is refused by the streaming reader too (its own budget), without inflating it all", async () => {
    const { result: error, growthMiB } = await rssGrowth(() => readerFailure(path));
    expect(growthMiB).toBeLessThan(100);
    expect([error.code, error.message]).toEqual(["zip_bomb", message]);
    // readReport leaves the measuring to its reader: the same refusal.
    const viaReport = await rssGrowth(() => refusal(path));
    expect(viaReport.growthMiB).toBeLessThan(100);
    expect([viaReport.result.code, viaReport.result.message]).toEqual(["zip_bomb", message]);
  });

  it("with honest headers, its 300 MB cell is refused by the XML caps, memory bounded", async () => {
    const honest = join(dir, "honest-huge-cell.xlsx");
    await writeHostileXlsx(honest, {
      rows: [HOSTILE_HEADER, hostileRow(1, { repeat: "A", times: 300 * MIB })],
    });
    // The directory alone refuses it (it would expand ~1000 times); the reader does not need that.
    expect((await refusal(honest)).code).toBe("zip_bomb");
    const { result: error, growthMiB } = await rssGrowth(() => readerFailure(honest));
    expect(growthMiB).toBeLessThan(100);
    expect(error.code).toBe("oversized_content");
    expect(error.message).toBe(
      'A cell of the workbook part "xl/worksheets/sheet1.xml" holds more than 327,680 characters, ' +
        "far more than Excel allows in a cell (32,767); the file was not read.",
    );
  }, 60_000);
});

describe("one huge shared string used by many cells (finding 2)", () => {
  const rows = (strings: number) =>
    function* (): Generator<SheetCell[]> {
      yield HOSTILE_HEADER;
      for (let n = 1; n <= strings; n++) yield hostileRow(n, { shared: 0 });
    };

  it.each([
    ["before the sheet", false],
    ["after the sheet (the sheet is buffered first)", true],
  ])(
    "a 5 MB shared string referenced by 20,000 name cells, %s, is refused as a whole",
    async (_, sharedStringsLast) => {
      const path = join(dir, `shared-5mb-${sharedStringsLast}.xlsx`);
      await writeHostileXlsx(path, {
        rows: rows(20_000),
        sharedStrings: [{ random: 5 * MIB }],
        sharedStringsLast,
      });
      expect(statSync(path).size).toBeLessThan(4 * MIB);
      const { result: error, growthMiB } = await rssGrowth(() => refusal(path, JANUARY));
      expect(growthMiB).toBeLessThan(100);
      expect(error.code).toBe("oversized_content");
      expect(error.message).toBe(
        'A cell of the workbook part "xl/sharedStrings.xml" holds more than 327,680 characters, ' +
          "far more than Excel allows in a cell (32,767); the file was not read.",
      );
      expect(error.details).toEqual({ part: "xl/sharedStrings.xml", limit: 327_680 });
    },
    60_000,
  );

  it("a 300,000-character shared string in 20,000 name cells: each row a problem, no line", async () => {
    const path = join(dir, "shared-300k.xlsx");
    await writeHostileXlsx(path, { rows: rows(20_000), sharedStrings: [{ random: 300_000 }] });
    expect(statSync(path).size).toBeLessThan(1 * MIB);
    const { result, growthMiB } = await rssGrowth(() => read(path, JANUARY));
    expect(growthMiB).toBeLessThan(100);
    const { summary, lines } = result;
    expect(lines).toEqual([]);
    expect([summary.rows, summary.lines, summary.errorCount]).toEqual([20_000, 0, 20_000]);
    expect(summary.problems).toHaveLength(1000);
    expect(summary.problems[0]).toEqual({
      sheet: "Sales",
      row: 2,
      column: "Customer Name",
      severity: "error",
      code: "value_too_long",
      message: expect.stringMatching(
        /^Row 2, column "Customer Name": "[a-p]{57}\.\.\." is longer than 500 characters, the most we accept for the customer name\.$/,
      ),
    });
    expect(new Set(summary.problems.map((p) => `${p.code} ${p.column}`))).toEqual(
      new Set(["value_too_long Customer Name"]),
    );
  }, 60_000);
});

describe("a value longer than its field takes is a row problem naming row and column", () => {
  const header = ["Invoice Date", "Invoice Number", "Customer Tax ID", "Customer Name", "SKU"];
  const good = ["2026-01-15", "INV-1", "XAXX010101000", "Customer 1", "SKU-1"];
  const amount = (n: number) => [String(100 + n), "USD"];

  it("in a CSV", async () => {
    const path = join(dir, "long-cells.csv");
    const lines = [
      [...header, "Net Amount", "Currency"],
      [...good, ...amount(1)],
      ["2026-01-16", "INV-2", "XAXX010101000", "N".repeat(501), "SKU-2", ...amount(2)],
      ["2026-01-17", "I".repeat(65), "XAXX010101000", "Customer 3", "SKU-3", ...amount(3)],
      ["2026-01-18", "INV-4", "K".repeat(65), "Customer 4", "S".repeat(50_000), ...amount(4)],
    ];
    writeFileSync(path, lines.map((line) => line.join(",")).join("\n"));
    const { summary, lines: parsed } = await read(path, JANUARY);
    expect(parsed.map((line) => line.invoiceNumber)).toEqual(["INV-1"]);
    const problem = (row: number, column: string, text: string, max: number, field: string) => ({
      sheet: "CSV",
      row,
      column,
      severity: "error",
      code: "value_too_long",
      message: `Row ${row}, column "${column}": "${text.repeat(57)}..." is longer than ${max} characters, the most we accept for the ${field}.`,
    });
    expect(summary.problems.filter((p) => p.severity === "error")).toEqual([
      problem(3, "Customer Name", "N", 500, "customer name"),
      problem(4, "Invoice Number", "I", 64, "invoice number"),
      problem(5, "Customer Tax ID", "K", 64, "customer tax id or account"),
      problem(5, "SKU", "S", 500, "SKU"),
    ]);
    // A field is cut as it is read: a 50,000-character cell travels as 1,000 and "…".
    const rows: RawRow[] = [];
    for await (const row of readCsvRows(path)) rows.push(row);
    expect(rows[4].cells[4]).toBe(`${"S".repeat(LIMITS.maxCellChars)}\u2026`);
  });

  it("in an XLSX", async () => {
    const path = join(dir, "long-cells.xlsx");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Ventas");
    sheet.addRow([...header, "Category", "Net Amount", "Currency"]);
    sheet.addRow([...good, "Cameras", 101, "USD"]);
    const category = noise(501);
    const name = noise(32_767); // the most Excel holds in a cell
    sheet.addRow([...good.slice(0, 3), "Customer 2", "SKU-2", category, 102, "USD"]);
    sheet.addRow([...good.slice(0, 3), name, "SKU-3", "Cameras", 103, "USD"]);
    await workbook.xlsx.writeFile(path);
    const { summary, lines } = await read(path, JANUARY);
    expect(lines.map((line) => line.row)).toEqual([2]);
    const errors = summary.problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, "Category", "value_too_long"],
      [4, "Customer Name", "value_too_long"],
    ]);
    expect(errors[1].message).toBe(
      `Row 4, column "Customer Name": "${name.slice(0, 57)}..." is longer than 500 characters, the most we accept for the customer name.`,
    );
    // The cell was cut as it was read: 1,000 characters and "…".
    const rows: RawRow[] = [];
    for await (const row of readXlsxRows(path)) rows.push(row);
    expect(rows[3].cells[3]).toBe(`${name.slice(0, LIMITS.maxCellChars)}\u2026`);
    // 500 characters are accepted, emoji counted as one character each.
    const fine = join(dir, "at-the-cap.xlsx");
    const ok = new ExcelJS.Workbook();
    const okSheet = ok.addWorksheet("Ventas");
    okSheet.addRow([...header, "Net Amount", "Currency"]);
    const sku = noise(500);
    okSheet.addRow([...good.slice(0, 3), "😀".repeat(500), sku, 101, "USD"]);
    await ok.xlsx.writeFile(fine);
    const accepted = await read(fine, JANUARY);
    expect(accepted.summary.errorCount).toBe(0);
    expect(accepted.lines[0].customerName).toBe("😀".repeat(500));
    expect(accepted.lines[0].sku).toBe(sku);
  });

  it("and a normal report is untouched by the measuring", async () => {
    const path = join(dir, "normal.xlsx");
    await writeHostileXlsx(path, { rows: [HOSTILE_HEADER, hostileRow(1), hostileRow(2)] });
    expect((await checkFileBeforeParsing(path, "normal.xlsx")).format).toBe("xlsx");
    const { summary, lines } = await read(path, JANUARY);
    expect([summary.errorCount, lines.map((line) => line.customerName)]).toEqual([
      0,
      ["Customer 1", "Customer 2"],
    ]);
  });
});
