import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ImportError } from "./errors";
import { writeSampleReport } from "./generate";
import { readXlsxRows } from "./read-xlsx";
import {
  SharedStrings,
  SharedStringsXmlReader,
  SheetXmlReader,
  type SheetContext,
} from "./sheet-xml";
import type { RawRow } from "./types";

const dir = mkdtempSync(join(tmpdir(), "tierpool-sheet-xml-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function strings(...texts: (string | null)[]): SharedStrings {
  const shared = new SharedStrings();
  for (const text of texts) shared.push(text);
  shared.finish();
  return shared;
}

const CONTEXT: SheetContext = {
  sheet: "Sales",
  sharedStrings: strings("Acme S.A.", null, "  "),
  isDateStyle: (style) => style === 1,
  date1904: false,
};

function sheetXml(rows: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetData>${rows}</sheetData></worksheet>`
  );
}

/** The rows of `xml` fed in pieces of `size` characters (0: all at once). */
function rowsOf(xml: string, size = 0, ctx: SheetContext = CONTEXT): RawRow[] {
  const reader = new SheetXmlReader(ctx);
  const rows: RawRow[] = [];
  const step = size || xml.length;
  for (let at = 0; at < xml.length; at += step) {
    reader.feed(xml.slice(at, at + step));
    rows.push(...reader.rows);
    reader.rows = [];
  }
  reader.end();
  return rows;
}

const CELLS =
  '<row r="2" spans="1:9">' +
  '<c r="A2" t="s"><v>0</v></c>' +
  '<c r="B2" t="inlineStr"><is><t>R&amp;D &#x41;&#66; ó</t></is></c>' +
  '<c r="C2" s="1"><v>46054</v></c>' +
  '<c r="D2"><v>-1234.5</v></c>' +
  '<c r="E2" t="b"><v>1</v></c>' +
  '<c r="F2" t="e"><v>#N/A</v></c>' +
  '<c r="G2" t="str"><f>A2&amp;"x"</f><v>Acme x</v></c>' +
  '<c r="H2"><f>D2*2</f><v>-2469</v></c>' +
  '<c r="I2" s="1"><f>TODAY()</f><v>46083</v></c>' +
  '<c r="J2" s="3"/>' +
  '<c r="K2" t="s"><v>1</v></c>' +
  '<c r="L2" t="s"><v>2</v></c>' +
  '<c r="M2" t="s"><v>99</v></c>' +
  "</row>";

const EXPECTED: RawRow = {
  sheet: "Sales",
  row: 2,
  cells: [
    "Acme S.A.",
    "R&D AB ó",
    new Date("2026-02-01T00:00:00Z"),
    -1234.5,
    true,
    "#N/A",
    "Acme x",
    -2469,
    new Date("2026-03-02T00:00:00Z"),
  ],
};

describe("SheetXmlReader", () => {
  it("reads each kind of cell as exceljs does, flattened", () => {
    expect(rowsOf(sheetXml(CELLS))).toEqual([EXPECTED]);
  });

  it("reads the same rows whatever the pieces the text arrives in", () => {
    const xml = sheetXml(CELLS + CELLS.replaceAll('r="2"', 'r="3"').replaceAll('2"', '3"'));
    const whole = rowsOf(xml);
    expect(whole).toHaveLength(2);
    for (const size of [1, 2, 3, 7, 13, 64]) expect(rowsOf(xml, size)).toEqual(whole);
  });

  it("places cells and rows without references after the previous ones, skips empty rows", () => {
    const xml = sheetXml(
      '<row r="1"><c t="inlineStr"><is><t>a</t></is></c><c r="C1"><v>3</v></c><c><v>4</v></c></row>' +
        "<row><c><v>5</v></c></row>" +
        '<row r="7"><c r="B7" s="3"/></row>' +
        '<row><c r="A8"><v>8</v></c></row>',
    );
    expect(rowsOf(xml)).toEqual([
      { sheet: "Sales", row: 1, cells: ["a", null, 3, 4] },
      { sheet: "Sales", row: 2, cells: [5] },
      { sheet: "Sales", row: 8, cells: [8] },
    ]);
  });

  it("skips comments, instructions and CDATA, and elements with a prefix, as exceljs does", () => {
    const xml = sheetXml(
      '<!-- a <row r="9"> in a comment --><row r="1"><?pi x?>' +
        '<c r="A1" t="inlineStr"><is><t>x<![CDATA[<y>]]></t></is></c>' +
        '<x:c r="B1"><x:v>2</x:v></x:c><c r="C1" t="str" a=">"><v>q</v></c></row>',
    );
    expect(rowsOf(xml)).toEqual([{ sheet: "Sales", row: 1, cells: ["x", null, "q"] }]);
  });

  it("reads 1904 dates from the workbook's date system", () => {
    const xml = sheetXml('<row r="1"><c r="A1" s="1"><v>44592</v></c></row>');
    expect(rowsOf(xml, 0, { ...CONTEXT, date1904: true })[0].cells).toEqual([
      new Date("2026-02-01T00:00:00Z"),
    ]);
  });

  it("refuses data past column 100 in the row that has it", () => {
    const xml = sheetXml('<row r="4"><c r="A4"><v>1</v></c><c r="CX4"><v>2</v></c></row>');
    const error = (() => {
      try {
        rowsOf(xml);
      } catch (e) {
        return e;
      }
    })() as ImportError;
    expect(error).toBeInstanceOf(ImportError);
    expect([error.code, error.details]).toEqual([
      "too_many_columns",
      { sheet: "Sales", row: 4, limit: 100, actual: 102 },
    ]);
  });

  it("refuses XML that is cut off, mismatched or with an unknown entity", () => {
    expect(() => rowsOf(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>').slice(0, -20))).toThrow(
      /malformed/,
    );
    expect(() => rowsOf(sheetXml('<row r="1"><c r="A1"><v>1</c></v></row>'))).toThrow(/malformed/);
    expect(() =>
      rowsOf(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>')),
    ).toThrow(/malformed/);
  });
});

describe("SharedStringsXmlReader", () => {
  it("keeps each string's text, runs joined, phonetic readings left out", () => {
    const xml =
      '<?xml version="1.0"?><sst count="5" uniqueCount="5">' +
      "<si><t>plain &lt;b&gt;</t></si>" +
      '<si><r><rPr><b/></rPr><t xml:space="preserve">Acme </t></r><r><t>S.A.</t></r></si>' +
      '<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh></si>' +
      "<si/><si><t/></si></sst>";
    for (const size of [0, 1, 5, 17]) {
      const reader = new SharedStringsXmlReader();
      const step = size || xml.length;
      for (let at = 0; at < xml.length; at += step) reader.feed(xml.slice(at, at + step));
      reader.end();
      const all = Array.from({ length: reader.strings.length }, (_, i) => reader.strings.get(i));
      expect(all).toEqual(["plain <b>", "Acme S.A.", "漢字", null, ""]);
    }
  });

  it("holds many strings in pages and finds each again", () => {
    const texts = Array.from({ length: 10_000 }, (_, i) => (i % 7 === 3 ? null : `INV-${i}ñ`));
    const shared = strings(...texts);
    expect(shared.length).toBe(10_000);
    expect(texts.every((text, i) => shared.get(i) === text)).toBe(true);
    expect([shared.get(-1), shared.get(10_000), shared.get(Number.NaN)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("readXlsxRows on a workbook written as LibreOffice writes it", () => {
  it("reads shared strings stored after the sheet as the same rows as inline strings", async () => {
    const inline = join(dir, "inline.xlsx");
    const shared = join(dir, "shared.xlsx");
    await writeSampleReport(inline, 300, { compression: 1 });
    await writeSampleReport(shared, 300, { compression: 1, sharedStrings: true });
    const read = async (path: string) => {
      const rows: RawRow[] = [];
      for await (const row of readXlsxRows(path)) rows.push(row);
      return rows;
    };
    const expected = await read(inline);
    expect(expected).toHaveLength(301);
    expect(expected[1].cells[1]).toBe("INV-1");
    expect(await read(shared)).toEqual(expected);
  });
});
