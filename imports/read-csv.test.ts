import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError } from "./errors";
import { detectDelimiter, detectEncoding, readCsvRows } from "./read-csv";
import { fixturePath } from "@tests/setup/fixtures";
import type { RawRow } from "./types";

const dir = mkdtempSync(join(tmpdir(), "tierpool-csv-"));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of readCsvRows(path)) rows.push(row);
  return rows;
}

describe("detectDelimiter", () => {
  it("counts candidates outside quotes", () => {
    expect(detectDelimiter("Data;Nota;Valor\n10/01/2026;PA-1;20.023,71\n")).toBe(";");
    expect(detectDelimiter("a\tb\tc\n1\t2,5\t3\n")).toBe("\t");
    expect(detectDelimiter('a,b,c\n"1;2;3;4;5",x,y\n')).toBe(",");
    expect(detectDelimiter("single column\n")).toBe(",");
  });
});

describe("detectEncoding", () => {
  it("tells UTF-8 from Windows-1252 and UTF-16", () => {
    expect(detectEncoding(Buffer.from("Emissão", "utf8"))).toBe("utf-8");
    expect(detectEncoding(Buffer.from("Emissão", "latin1"))).toBe("windows-1252");
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBe("utf-16le");
    // A character cut by the end of the sample is not held against UTF-8.
    expect(detectEncoding(Buffer.from("ão", "utf8").subarray(0, 2))).toBe("utf-8");
  });
});

describe("readCsvRows", () => {
  it("reads the Paulista report: UTF-8 with BOM, semicolons", async () => {
    const rows = await readAll(fixturePath("scenario-q1/reports/paulista-2026-01.csv"));
    expect(rows[0]).toEqual({
      sheet: "CSV",
      row: 1,
      cells: [
        "Data Emissão",
        "Nota Fiscal",
        "CNPJ",
        "Nome",
        "Código",
        "Linha",
        "Quantidade",
        "Valor",
        "Moeda",
      ],
    });
    expect(rows[1].cells).toEqual([
      "10/01/2026",
      "PA-1251",
      "970.428.058-0",
      "Tecnologia Domótica 99 S.A.",
      "SKU-545",
      "Recorders",
      "37",
      "20.023,71",
      "BRL",
    ]);
    expect(rows).toHaveLength(41);
  });

  it("decodes Windows-1252", async () => {
    const path = file(
      "latin.csv",
      Buffer.from("Data Emissão;Razão Social\r\n01/02/2026;Automação Ltda\r\n", "latin1"),
    );
    expect((await readAll(path)).map((r) => r.cells)).toEqual([
      ["Data Emissão", "Razão Social"],
      ["01/02/2026", "Automação Ltda"],
    ]);
  });

  it("decodes UTF-16 with BOM, tab-separated (Excel's Unicode text)", async () => {
    const path = file(
      "unicode.txt",
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from("Fecha\tImporte\n05/01/2026\t1.234,56\n", "utf16le"),
      ]),
    );
    expect((await readAll(path)).map((r) => r.cells)).toEqual([
      ["Fecha", "Importe"],
      ["05/01/2026", "1.234,56"],
    ]);
  });

  it("numbers records as Excel would show them, counting blank lines and quoted line breaks", async () => {
    const path = file("lines.csv", 'a,b\n\n"multi\nline",x\n1,,  \n');
    expect(await readAll(path)).toEqual([
      { sheet: "CSV", row: 1, cells: ["a", "b"] },
      { sheet: "CSV", row: 2, cells: [] },
      { sheet: "CSV", row: 3, cells: ["multi\nline", "x"] },
      { sheet: "CSV", row: 4, cells: ["1"] },
    ]);
  });

  it("keeps text that starts like a formula as text", async () => {
    const path = file("inject.csv", 'a,b\n"=SUM(A1)",@x\n');
    expect((await readAll(path))[1].cells).toEqual(["=SUM(A1)", "@x"]);
  });

  it("refuses data beyond column 100", async () => {
    const path = file("wide.csv", `${"x,".repeat(100)}y\n`);
    const error = await readAll(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe("too_many_columns");
  });
});
