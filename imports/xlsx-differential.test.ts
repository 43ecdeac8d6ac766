// The sheets of an upload are read by our own reader (sheet-xml.ts, decision 083), which must read
// every cell as exceljs's streaming reader does. This holds it to exceljs itself, the oracle: every
// workbook of the shared fixtures, and random workbooks of every kind of cell exceljs writes
// (shared or inline strings, dates, formulas and their results, rich text, errors, booleans,
// hyperlinks, sparse columns and rows), must give the same rows both ways.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import fc from "fast-check";
import yauzl from "yauzl";
import { afterAll, describe, expect, it } from "vitest";
import { isImportError } from "./errors";
import { EXCELJS_READER_OPTIONS, flattenCellValue, readXlsxRows } from "./read-xlsx";
import type { Cell, RawRow } from "./types";

const FIXTURES = resolve(import.meta.dirname, "../../shared/fixtures");
const dir = mkdtempSync(join(tmpdir(), "tierpool-xlsx-differential-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The rows as exceljs's streaming reader gives them, flattened by the reference rules. Its parsers
 * are fed the parts whole and in order (relationships, workbook, styles, shared strings, then the
 * sheets in the file's order): its own walk of the zip races and, on a busy machine, drops parts a
 * sheet stored before them needs (exceljs#2874, #3064), which made this oracle flaky.
 */
async function exceljsRows(path: string): Promise<RawRow[]> {
  const parts = await zipParts(path);
  const whole = (name: string) => Readable.from([parts.get(name)!]);
  const book = new ExcelJS.stream.xlsx.WorkbookReader(path, EXCELJS_READER_OPTIONS) as unknown as {
    _parseRels(part: Readable): Promise<void>;
    _parseWorkbook(part: Readable): Promise<void>;
    _parseStyles(part: Readable): Promise<void>;
    _parseSharedStrings(part: Readable): AsyncIterable<unknown>;
    _parseWorksheet(part: Readable, sheetNo: string): AsyncIterable<{ value: unknown }>;
  };
  if (parts.has("xl/_rels/workbook.xml.rels"))
    await book._parseRels(whole("xl/_rels/workbook.xml.rels"));
  if (parts.has("xl/workbook.xml")) await book._parseWorkbook(whole("xl/workbook.xml"));
  if (parts.has("xl/styles.xml")) await book._parseStyles(whole("xl/styles.xml"));
  if (parts.has("xl/sharedStrings.xml")) {
    for await (const _ of book._parseSharedStrings(whole("xl/sharedStrings.xml")));
  }
  const rows: RawRow[] = [];
  for (const name of parts.keys()) {
    const sheetNo = /^xl\/worksheets\/sheet(\d+)[.]xml$/.exec(name)?.[1];
    if (!sheetNo) continue;
    for await (const { value } of book._parseWorksheet(whole(name), sheetNo)) {
      const worksheet = value as ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>;
      for await (const row of worksheet) {
        const cells: Cell[] = [];
        row.eachCell((cell, column) => {
          const value = flattenCellValue(cell.value, cell.numFmt);
          if (value === null) return;
          while (cells.length < column - 1) cells.push(null);
          cells[column - 1] = value;
        });
        if (cells.length > 0) rows.push({ sheet: worksheet.name, row: row.number, cells });
      }
    }
  }
  return rows;
}

/** Every part of the zip inflated, in the file's order; refuses more than 64 MB in all (the bomb). */
async function zipParts(path: string): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((done, fail) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (e, z) => (e ? fail(e) : done(z))),
  );
  const openEntry = (entry: yauzl.Entry) =>
    new Promise<Readable>((done, fail) =>
      zip.openReadStream(entry, (e, stream) => (e ? fail(e) : done(stream))),
    );
  const parts = new Map<string, Buffer>();
  let total = 0;
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((done, fail) => {
        zip
          .once("entry", done)
          .once("end", () => done(null))
          .once("error", fail);
        zip.readEntry();
      });
      zip.removeAllListeners();
      if (!entry) return parts;
      const chunks: Buffer[] = [];
      for await (const chunk of await openEntry(entry)) {
        total += (chunk as Buffer).length;
        if (total > 64 * 1024 * 1024) throw new Error("more than 64 MB inflated");
        chunks.push(chunk as Buffer);
      }
      parts.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
}

async function ourRows(path: string): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of readXlsxRows(path)) rows.push(row);
  return rows;
}

/** Either the rows, or that the file was refused (and how). */
async function outcome(read: () => Promise<RawRow[]>) {
  try {
    return { rows: await read() };
  } catch (error) {
    return { refused: isImportError(error) ? error.code : "thrown" };
  }
}

function workbooks(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return workbooks(path);
    return name.endsWith(".xlsx") ? [path] : [];
  });
}

describe("our sheet reader against exceljs", () => {
  const readable = workbooks(FIXTURES).filter((p) => !p.includes(`${join("fixtures", "bad")}`));

  it("finds the fixtures' workbooks", () => {
    expect(readable.length).toBeGreaterThanOrEqual(20);
  });

  it.each(readable.map((p) => [p.slice(FIXTURES.length + 1), p]))(
    "reads %s as exceljs does",
    async (_, path) => {
      const expected = await exceljsRows(path);
      expect(expected.length).toBeGreaterThan(0);
      expect(await ourRows(path)).toEqual(expected);
    },
  );

  it("refuses what exceljs cannot read, and reads what it reads, among the bad fixtures", async () => {
    for (const path of workbooks(join(FIXTURES, "bad"))) {
      const ours = await outcome(() => ourRows(path));
      const theirs = await outcome(() => exceljsRows(path));
      if ("rows" in theirs && "rows" in ours) expect(ours.rows).toEqual(theirs.rows);
      // A file exceljs fails on is refused by ours; the zip bomb is refused before exceljs fails.
      if (!("rows" in theirs)) expect(ours).toHaveProperty("refused");
    }
  });

  // exceljs calls methods of Object.prototype on the values it writes.
  const plain = <T>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
    fc.record(shape, { noNullPrototype: true });
  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom("R&D <x> \"q\" 'a'", "  padded  ", "ó ñ ç 中文 😀", "=SUM(A1)", "", "   "),
  );
  const cellValue = fc.oneof(
    text,
    fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
    fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc
      .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z") })
      .map((d) => new Date(Math.round(d.getTime() / 86_400_000) * 86_400_000)),
    plain({ formula: fc.constant("A1*2"), result: fc.integer({ max: 1_000_000 }) }),
    plain({ formula: fc.constant('A1&"x"'), result: text }),
    plain({ richText: fc.array(plain({ text }), { minLength: 1, maxLength: 3 }) }),
    plain({ error: fc.constantFrom("#N/A", "#DIV/0!", "#REF!") }),
    plain({ text, hyperlink: fc.constant("https://example.com/a?b=1&c=2") }),
    fc.constant(null),
  );
  const sheet = fc.array(
    fc.record({
      row: fc.integer({ min: 1, max: 40 }),
      column: fc.integer({ min: 1, max: 12 }),
      value: cellValue,
      dateStyle: fc.boolean(),
    }),
    { maxLength: 60 },
  );

  it("reads random workbooks of every kind of cell as exceljs does", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(sheet, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (sheets, streamed) => {
          const path = join(dir, `random-${n++}.xlsx`);
          await writeWorkbook(path, sheets, streamed);
          expect(await ourRows(path)).toEqual(await exceljsRows(path));
        },
      ),
      { numRuns: 60 },
    );
  });
});

type SheetCells = { row: number; column: number; value: unknown; dateStyle: boolean }[];

/**
 * Written by exceljs: whole (inline strings, as the template) or streamed with shared strings
 * (stored after the sheets, as LibreOffice does).
 */
async function writeWorkbook(path: string, sheets: SheetCells[], streamed: boolean) {
  const fill = (ws: ExcelJS.Worksheet, cells: SheetCells) => {
    const sorted = [...cells].sort((a, b) => a.row - b.row || a.column - b.column);
    for (const { row, column, value, dateStyle } of sorted) {
      const cell = ws.getRow(row).getCell(column);
      cell.value = value as ExcelJS.CellValue;
      if (dateStyle) cell.numFmt = "dd/mm/yyyy";
    }
  };
  if (streamed) {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    sheets.forEach((cells, i) => {
      const ws = book.addWorksheet(`Sheet ${i + 1}`);
      fill(ws, cells);
      ws.commit();
    });
    await book.commit();
    return;
  }
  const book = new ExcelJS.Workbook();
  sheets.forEach((cells, i) => fill(book.addWorksheet(`Sheet ${i + 1}`), cells));
  await book.xlsx.writeFile(path);
}
