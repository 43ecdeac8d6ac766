import { closeSync, openSync, writeFileSync, ftruncateSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError } from "./errors";
import { LIMITS, checkFileBeforeParsing, zipEntryRefusal } from "./limits";
import { fixturePath } from "@tests/setup/fixtures";

const dir = mkdtempSync(join(tmpdir(), "tierpool-limits-"));

async function refusal(path: string, name = path.split("/").pop() ?? path): Promise<ImportError> {
  const error = await checkFileBeforeParsing(path, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe("checkFileBeforeParsing", () => {
  it("detects the format by content", async () => {
    expect(
      await checkFileBeforeParsing(
        fixturePath("scenario-q1/reports/axion-2026-01.xlsx"),
        "axion.xlsx",
      ),
    ).toEqual({
      format: "xlsx",
      size: 9923,
      sheetBytes: 18714,
    });
    expect(
      (
        await checkFileBeforeParsing(
          fixturePath("scenario-q1/reports/paulista-2026-01.csv"),
          "p.csv",
        )
      ).format,
    ).toBe("csv");
    // A workbook uploaded under a .csv name is still read as a workbook.
    expect(
      (
        await checkFileBeforeParsing(
          fixturePath("scenario-q1/reports/andes-2026-01.xlsx"),
          "andes.csv",
        )
      ).format,
    ).toBe("xlsx");
  });

  it("refuses an empty file", async () => {
    const error = await refusal(fixturePath("bad/empty.csv"));
    expect([error.code, error.message]).toEqual(["file_empty", "The file is empty."]);
  });

  it("refuses a text file named .xlsx", async () => {
    const error = await refusal(fixturePath("bad/not-a-spreadsheet.xlsx"));
    expect(error.code).toBe("not_a_spreadsheet");
    expect(error.message).toBe(
      '"not-a-spreadsheet.xlsx" is named like an Excel file but is not one (it is not an XLSX workbook). ' +
        "Open it in Excel and save it as .xlsx, or upload it as CSV.",
    );
  });

  it("refuses a truncated workbook whose zip directory is gone", async () => {
    const error = await refusal(fixturePath("bad/truncated.xlsx"));
    expect(error.code).toBe("truncated_file");
    expect(error.message).toContain("The file is damaged or incomplete");
  });

  it("refuses the zip bomb from its directory, naming the part, without inflating it", async () => {
    const started = Date.now();
    const error = await refusal(fixturePath("bad/zip-bomb.xlsx"));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.code).toBe("zip_bomb");
    expect(error.details?.part).toBe("xl/worksheets/sheet1.xml");
    expect(error.message).toBe(
      'The workbook part "xl/worksheets/sheet1.xml" would expand 1029 times (the limit is 100); ' +
        "the file looks like a zip bomb and was not opened.",
    );
  });

  it("refuses a file over 50 MiB before reading it", async () => {
    const path = join(dir, "huge.csv");
    const fd = openSync(path, "w");
    ftruncateSync(fd, LIMITS.maxFileBytes + 1); // sparse: costs no disk
    closeSync(fd);
    const error = await refusal(path);
    expect(error.code).toBe("file_too_large");
    expect(error.message).toBe(
      "The file is 50.0 MB, over the 50 MB limit. Split the report or remove unneeded sheets.",
    );
  });

  it("refuses binary content that is neither zip nor text, and old .xls files", async () => {
    const binary = join(dir, "data.bin");
    writeFileSync(binary, Buffer.from([1, 2, 0, 3, 4]));
    expect((await refusal(binary)).code).toBe("not_a_spreadsheet");
    const xls = join(dir, "old.xls");
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect((await refusal(xls)).message).toContain("old Excel 97-2003 (.xls) file");
  });

  it("refuses a zip that is not a workbook", async () => {
    const path = join(dir, "empty.zip");
    writeFileSync(path, Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]));
    expect((await refusal(path, "report.xlsx")).code).toBe("not_a_spreadsheet");
  });
});

describe("zipEntryRefusal", () => {
  const part = (uncompressedSize: number, compressedSize: number) => ({
    fileName: "xl/worksheets/sheet1.xml",
    uncompressedSize,
    compressedSize,
  });

  it("accepts ordinary parts", () => {
    expect(zipEntryRefusal(part(40_000_000, 6_000_000), 40_000_000)).toBeNull();
    expect(zipEntryRefusal(part(0, 0), 0)).toBeNull();
    expect(zipEntryRefusal(part(10_000, 100), 10_000)).toBeNull(); // exactly 100 is allowed
  });

  it("refuses a part compressed more than 100 times, or with no stored bytes", () => {
    expect(zipEntryRefusal(part(10_100, 100), 10_100)?.code).toBe("zip_bomb");
    expect(zipEntryRefusal(part(5, 0), 5)?.details?.actual).toBe(Infinity);
  });

  it("refuses a workbook whose parts together exceed 500 MiB", () => {
    const error = zipEntryRefusal(
      part(300 * 2 ** 20, 30 * 2 ** 20),
      LIMITS.maxUncompressedBytes + 1,
    );
    expect(error?.code).toBe("zip_bomb");
    expect(error?.message).toBe(
      'The workbook expands to more than 500 MB (reached at part "xl/worksheets/sheet1.xml"); it was not opened.',
    );
  });
});
