import { describe, expect, it } from "vitest";
import { CLAIM_ERROR_CASES } from "@tests/setup/claim-error-cases";
import { PIPELINE_TEXTS, type PipelineErrorParams } from "./error-texts";
import { ImportError, PIPELINE_ERROR_CODES, type PipelineErrorCode } from "./errors";

const MIB = 1024 * 1024;
const LANGUAGES = ["en", "es", "pt-BR"] as const;

/** Realistic params for every cause of every code. */
const CASES: { [C in PipelineErrorCode]: PipelineErrorParams[C][] } = {
  ...CLAIM_ERROR_CASES,
  file_too_large: [{ maxBytes: 50 * MIB, actual: 62 * MIB }, { maxBytes: 50 * MIB }],
  zip_bomb: [
    { cause: "ratio", part: "xl/worksheets/sheet1.xml", ratio: 1029.4, maxRatio: 100 },
    { cause: "ratio", part: "xl/worksheets/sheet1.xml", ratio: Infinity, maxRatio: 100 },
    { cause: "total", part: "xl/worksheets/sheet2.xml", maxBytes: 500 * MIB },
    { cause: "declared", part: "xl/worksheets/sheet1.xml", declaredBytes: 20_000 },
  ],
  not_a_spreadsheet: [
    { kind: "xls" },
    { kind: "misnamed", fileName: "ventas.xlsx" },
    { kind: "binary" },
    { kind: "zip_not_workbook" },
  ],
  file_empty: [{ kind: "no_bytes" }, { kind: "no_rows" }],
  truncated_file: [{ kind: "zip_directory" }, { kind: "unreadable" }],
  malformed_csv: [{ detail: "Invalid Closing Quote: quote is not closed at line 3" }],
  too_many_rows: [
    { scope: "file", maxRows: 1_000_000 },
    { scope: "report", maxRows: 1_000_000 },
    { scope: "sheet", sheet: "Ventas", maxRows: 1_000_000 },
  ],
  too_many_columns: [
    { row: 7, column: 101, maxColumns: 100 },
    { sheet: "Wide", row: 3, column: 101, maxColumns: 100 },
  ],
  header_not_found: [
    { searchedRows: 30, missing: ["invoiceDate", "invoiceNumber", "customerKey", "netAmount"] },
    { searchedRows: 30, missing: ["netAmount"] },
  ],
  oversized_content: [
    { what: "cell", part: "xl/sharedStrings.xml", max: 327_680 },
    { what: "row", part: "xl/worksheets/sheet1.xml", max: 8 * MIB },
    { what: "cells", part: "xl/worksheets/sheet1.xml", max: 16_384 },
    { what: "shared_strings", part: "xl/sharedStrings.xml", max: 64 * MIB },
    { what: "part", part: "xl/styles.xml", max: 16 * MIB },
    { what: "tag", part: "xl/worksheets/sheet1.xml", max: 65_536 },
    { what: "dtd", part: "xl/workbook.xml" },
  ],
};

describe("PIPELINE_TEXTS", () => {
  it("has a text for every code in every language", () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(PIPELINE_TEXTS[language]).sort()).toEqual(
        [...PIPELINE_ERROR_CODES].sort(),
      );
    }
  });

  it.each(PIPELINE_ERROR_CODES)("%s: non-empty en, es and pt-BR texts that differ", (code) => {
    const cases = CASES[code];
    expect(cases.length).toBeGreaterThan(0);
    for (const params of cases) {
      const [en, es, pt] = LANGUAGES.map((language) => PIPELINE_TEXTS[language][code](params));
      for (const text of [en, es, pt]) {
        expect(text.trim().length).toBeGreaterThan(10);
        expect(text).not.toMatch(/undefined|NaN|\[object/);
      }
      expect(es).not.toBe(en);
      expect(pt).not.toBe(en);
      expect(pt).not.toBe(es);
    }
  });

  it("gives each cause of a code its own text", () => {
    for (const code of PIPELINE_ERROR_CODES) {
      const texts = CASES[code].map((params) => PIPELINE_TEXTS.en[code](params));
      expect(new Set(texts).size).toBe(texts.length);
    }
  });

  it("writes the exact English messages", () => {
    const { en } = PIPELINE_TEXTS;
    expect(en.not_a_spreadsheet({ kind: "misnamed", fileName: "not-a-spreadsheet.xlsx" })).toBe(
      '"not-a-spreadsheet.xlsx" is named like an Excel file but is not one (it is not an XLSX workbook). ' +
        "Open it in Excel and save it as .xlsx, or upload it as CSV.",
    );
    expect(en.file_too_large({ maxBytes: 50 * MIB })).toBe(
      "The file is larger than 50 MiB, the most we accept.",
    );
    expect(en.file_too_large({ maxBytes: 50 * MIB, actual: 50 * MIB + 1 })).toBe(
      "The file is 50.0 MB, over the 50 MB limit. Split the report or remove unneeded sheets.",
    );
    expect(en.zip_bomb(CASES.zip_bomb[1])).toBe(
      'The workbook part "xl/worksheets/sheet1.xml" would expand without limit times (the limit is 100); ' +
        "the file looks like a zip bomb and was not opened.",
    );
    expect(en.too_many_rows({ scope: "file", maxRows: 1_000_000 })).toBe(
      "The file has more than 1,000,000 rows; split it into smaller files.",
    );
  });

  it("writes numbers and field names the reader's way", () => {
    const rows = { scope: "report", maxRows: 1_000_000 } as const;
    expect(PIPELINE_TEXTS.es.too_many_rows(rows)).toContain("1,000,000 filas de datos");
    expect(PIPELINE_TEXTS["pt-BR"].too_many_rows(rows)).toContain("1.000.000 linhas de dados");
    const size = { maxBytes: 50 * MIB, actual: 62.25 * MIB };
    expect(PIPELINE_TEXTS["pt-BR"].file_too_large(size)).toContain("62,3 MB");
    const header = { searchedRows: 30, missing: ["netAmount"] as const };
    expect(PIPELINE_TEXTS.es.header_not_found(header)).toContain(
      "(no hay columna para: importe neto)",
    );
    expect(PIPELINE_TEXTS["pt-BR"].header_not_found(header)).toContain("valor líquido");
  });
});

describe("ImportError", () => {
  it("takes its message from the en text and keeps params and details apart", () => {
    const details = { limit: 50 * MIB, actual: 60 * MIB };
    const error = new ImportError("file_too_large", { maxBytes: 50 * MIB }, details);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ImportError");
    expect(error.code).toBe("file_too_large");
    expect(error.message).toBe("The file is larger than 50 MiB, the most we accept.");
    expect(error.params).toEqual({ maxBytes: 50 * MIB });
    expect(error.details).toBe(details);
    expect(Object.keys(error)).not.toContain("params");
  });
});
