import { describe, expect, it } from "vitest";
import { ImportError } from "./errors";
import { LIMITS } from "./limits";
import { XmlCaps, type XmlPartKind } from "./xml-caps";

const caps = {
  cellChars: 10,
  rowChars: 25,
  rowCells: 3,
  sharedStringsChars: 40,
  otherPartChars: 50,
  tagChars: 30,
};

/** Runs `xml` through the caps cut into chunks of `size` characters; the refusal, if any. */
function run(xml: string, kind: XmlPartKind, size = xml.length): ImportError | null {
  const check = new XmlCaps("xl/part.xml", kind, caps);
  try {
    for (let i = 0; i < xml.length; i += size) check.check(xml.slice(i, i + size));
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
}

/** The outcome, the same whatever the chunking: "ok" or what was refused. */
function outcome(xml: string, kind: XmlPartKind): string {
  const results = new Set<string>();
  for (const size of [1, 2, 3, 5, 7, 16, 17, xml.length]) {
    const error = run(xml, kind, size);
    results.add(error ? `${error.code}:${(error.params as { what: string }).what}` : "ok");
  }
  expect(results.size).toBe(1);
  return [...results][0];
}

const cell = (text: string) => `<c r="A1"><v>${text}</v></c>`;
const inline = (text: string) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
const row = (...cells: string[]) => `<row r="1">${cells.join("")}</row>`;
const sheet = (...rows: string[]) => `<worksheet><sheetData>${rows.join("")}</sheetData>`;

describe("XmlCaps", () => {
  it("counts a cell's value, a row's text and a row's cells, as exceljs holds them", () => {
    expect(outcome(sheet(row(inline("0123456789"), cell("abc")), row(cell("x"))), "sheet")).toBe(
      "ok",
    );
    expect(outcome(sheet(row(cell("0123456789a"))), "sheet")).toBe("oversized_content:cell");
    // 3 cells of 9 characters: each within its cap, the row over 25.
    expect(
      outcome(sheet(row(cell("123456789"), cell("123456789"), cell("123456789"))), "sheet"),
    ).toBe("oversized_content:row");
    expect(
      outcome(
        sheet(row(cell("123456789"), cell("123456789")), row(cell("123456789"), cell("123456789"))),
        "sheet",
      ),
    ).toBe("ok");
    expect(outcome(sheet(row(cell("1"), cell("2"), cell("3"), `<c r="D1"/>`)), "sheet")).toBe(
      "oversized_content:cells",
    );
  });

  it("counts text after a cell's value until the next value, as exceljs appends it there", () => {
    const after = (xml: string) => sheet(row(cell("12345"))) + xml + "</worksheet>";
    expect(
      outcome(after("<headerFooter><oddHeader>1234</oddHeader></headerFooter>"), "sheet"),
    ).toBe("ok");
    expect(
      outcome(after("<headerFooter><oddHeader>123456</oddHeader></headerFooter>"), "sheet"),
    ).toBe("oversized_content:cell");
    // Outside a cell, <v> starts nothing for exceljs; nor does a prefixed <x:c> (not its name).
    expect(outcome(after("<v>123</v><v>123</v>"), "sheet")).toBe("oversized_content:cell");
    expect(
      outcome(sheet(row(cell("12345"), `<x:c><v>123</v></x:c><x:c><v>123</v></x:c>`)), "sheet"),
    ).toBe("oversized_content:cell");
  });

  it("counts rich text runs of one shared string together, and all shared strings", () => {
    const rich = `<si><r><t>123456</t></r><r><rPr><b/></rPr><t>789ab</t></r></si>`;
    expect(outcome(rich, "shared_strings")).toBe("oversized_content:cell");
    const sst = (n: number) => `<sst>${"<si><t>123456789</t></si>".repeat(n)}</sst>`;
    expect(outcome(sst(4), "shared_strings")).toBe("ok");
    expect(outcome(sst(5), "shared_strings")).toBe("oversized_content:shared_strings");
  });

  it("counts each element of other parts on its own, and the whole part", () => {
    expect(outcome(`<a><b>123456789</b><b>123456789</b></a>`, "other")).toBe("ok");
    expect(outcome(`<a><b>123456789ab</b></a>`, "other")).toBe("oversized_content:cell");
    expect(outcome(`<a>${"<b>123456789</b>".repeat(6)}</a>`, "other")).toBe(
      "oversized_content:part",
    );
  });

  it("refuses a tag past its cap, and a DTD", () => {
    expect(outcome(`<c r="A1" t="inlineStr"/>`, "sheet")).toBe("ok"); // 25 of 30
    expect(outcome(`<c r="A1" s="1" t="inlineStr" x="${"y".repeat(10)}"/>`, "sheet")).toBe(
      "oversized_content:tag",
    );
    expect(outcome(`<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`, "other")).toBe(
      "oversized_content:dtd",
    );
  });

  it("does not let comments, CDATA or instructions pass for tags", () => {
    // Inside them "<v>" is no value and ">" does not end them: all of it is one tag.
    const before = sheet(row(cell("12345")));
    expect(outcome(`${before}<!-- a > <v> -->`, "sheet")).toBe("ok");
    expect(outcome(`${before}<x><![CDATA[a > <c><v>]]>123456</x>`, "sheet")).toBe(
      "oversized_content:cell",
    );
    expect(outcome(`<x><![CDATA[a > <row> <row> <row> <row>]]></x>`, "sheet")).toBe(
      "oversized_content:tag",
    );
    expect(outcome(`<?pi a > <row> <row> <row> <row> ?>`, "sheet")).toBe("oversized_content:tag");
  });

  it("has caps far above what Excel writes", () => {
    expect(LIMITS.xml.cellChars).toBeGreaterThan(32_767 * 7 + 8_192 * 5);
    expect(LIMITS.maxCellChars).toBeGreaterThan(500);
  });
});
