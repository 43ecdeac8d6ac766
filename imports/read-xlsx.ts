// Streams the rows of every sheet of an XLSX file as flat cells: memory stays flat whatever the
// row count; formulas are never evaluated. The upload is a file on disk, so the zip is read by its
// central directory (yauzl): the workbook, relationships, styles and shared strings first, wherever
// they sit in the zip (LibreOffice writes the shared strings after the sheets), then each sheet
// streamed straight from the zip (decision 083). What is inflated is counted against a byte budget
// (inflate-budget.ts), every part's XML is checked against caps before it is parsed (xml-caps.ts),
// the small parts are parsed by exceljs as before, the sheets by sheet-xml.ts, and text cells are
// cut to LIMITS.maxCellChars.
import type { Readable } from "node:stream";
import { crc32, createInflateRaw } from "node:zlib";
import ExcelJS from "exceljs";
import yauzl from "yauzl";
import { ImportError, isImportError } from "./errors";
import { InflateBudget } from "./inflate-budget";
import { LIMITS, capCellText } from "./limits";
import {
  SharedStringsXmlReader,
  SheetXmlReader,
  isDateFormat,
  type SharedStrings,
} from "./sheet-xml";
import type { Cell, RawRow, ReadProgress } from "./types";
import { checkedXml } from "./xml-caps";
import { decodeWholeCharacters, wholeCharacters } from "./xlsx-reader-fixes";

/** How exceljs's streaming reader is opened: for the workbook's parts here, and as the reference
 * (the bench's baseline, the differential test's oracle). */
export const EXCELJS_READER_OPTIONS = {
  sharedStrings: "cache",
  worksheets: "emit",
  hyperlinks: "ignore",
  styles: "cache",
  entries: "emit",
} as const;

function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

function textOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "richText" in value) {
    const runs = (value as { richText: Array<{ text?: string | null }> }).richText;
    return runs.map((run) => run.text ?? "").join("");
  }
  return null;
}

/**
 * Flattens what exceljs gives for one cell into a plain value; blank text becomes null. The sheets
 * are no longer read through exceljs: this is the reference sheet-xml.ts follows (and tests).
 */
export function flattenCellValue(value: unknown, numFmt?: string): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : capCellText(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== "object") return null;
  const object = value as Record<string, unknown>;
  if ("formula" in object || "sharedFormula" in object) {
    const result = object.result;
    if (typeof result === "number" && isDateFormat(numFmt)) return excelSerialToDate(result);
    if (result && typeof result === "object" && "error" in result) return String(result.error);
    return flattenCellValue(result);
  }
  if ("error" in object) return String(object.error);
  if ("text" in object) return flattenCellValue(textOf(object.text) ?? object.text);
  const text = textOf(value);
  return text === null ? null : flattenCellValue(text);
}

function tooManyRows(sheet: string): ImportError {
  return new ImportError(
    "too_many_rows",
    { scope: "sheet", sheet, maxRows: LIMITS.maxRows },
    { sheet, limit: LIMITS.maxRows },
  );
}

function unreadable(): ImportError {
  return new ImportError("truncated_file", { kind: "unreadable" });
}

function asImportError(error: unknown): ImportError {
  if (isImportError(error)) return error;
  return unreadable();
}

/** The worksheets exceljs reads (its own unanchored pattern), and their number. */
const SHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;
/** The parts exceljs reads before any sheet. */
const BOOK_PARTS = ["xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/styles.xml"] as const;
const SHARED_STRINGS = "xl/sharedStrings.xml";

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // Sizes are checked by our own budget, which names the part (yauzl's would call it damage).
    const options = { lazyEntries: true, autoClose: false, validateEntrySizes: false };
    yauzl.open(path, options, (error, zip) =>
      error || !zip ? reject(error ?? unreadable()) : resolve(zip),
    );
  });
}

function zipEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

const STORED = 0;
const DEFLATED = 8;
/**
 * Inflated in pieces of this size: twice zlib's default, yet the text of a piece stays a young
 * object for V8 (128 KiB pieces went to its large-object space, collected only by full GCs: a
 * 1,000,000-row file's reading then held 70 MB more).
 */
const INFLATE_CHUNK_BYTES = 32 * 1024;

function rawStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  const options = { decompress: false, decrypt: null, start: null, end: null };
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, options, (error, stream) =>
      error || !stream ? reject(error ?? unreadable()) : resolve(stream),
    ),
  );
}

/** The part's bytes as they inflate, counted against the budget and checked against its CRC. */
async function* inflated(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: InflateBudget,
): AsyncGenerator<Buffer> {
  const method = entry.compressionMethod;
  if ((method !== STORED && method !== DEFLATED) || entry.isEncrypted()) throw unreadable();
  const raw = await rawStream(zip, entry);
  const stream: Readable =
    method === DEFLATED ? raw.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES })) : raw;
  if (stream !== raw) raw.on("error", (error) => stream.destroy(error));
  const part = budget.part(entry.fileName, entry.uncompressedSize);
  let crc = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      part.count(chunk.length); // throws the zip_bomb refusal past the budget
      crc = crc32(chunk, crc);
      yield chunk;
    }
    if (crc >>> 0 !== entry.crc32 >>> 0) throw unreadable();
  } finally {
    if (stream !== raw) raw.unpipe();
    raw.destroy();
    stream.destroy();
  }
}

interface BookReader {
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: Array<{ rId: string; name: string }> };
  properties?: { date1904?: boolean };
  styles: { getStyleModel(id: number): { numFmt?: string } | null };
  _parseRels(entry: AsyncIterable<Buffer>): Promise<void>;
  _parseWorkbook(entry: AsyncIterable<Buffer>): Promise<void>;
  _parseStyles(entry: AsyncIterable<Buffer>): Promise<void>;
}

/** The sheet's name as the workbook gives it (exceljs's look-up, absolute targets too). */
function sheetName(book: BookReader, sheetNo: string): string {
  const target = `worksheets/sheet${sheetNo}.xml`;
  const rel = (book.workbookRels ?? []).find(
    (r) => r.Target === target || r.Target === `/xl/${target}`,
  );
  const sheet = rel && (book.model?.sheets ?? []).find((s) => s.rId === rel.Id);
  return sheet?.name ?? `Sheet${sheetNo}`;
}

function dateStyles(book: BookReader): (style: number) => boolean {
  const known = new Map<number, boolean>();
  return (style) => {
    let isDate = known.get(style);
    if (isDate === undefined) {
      isDate = isDateFormat(book.styles.getStyleModel(style)?.numFmt);
      known.set(style, isDate);
    }
    return isDate;
  };
}

/**
 * Yields the non-empty rows of every sheet, in the order the sheets are stored in the file.
 * Breaking out of the loop stops reading and closes the file.
 */
export async function* readXlsxRows(
  path: string,
  progress?: ReadProgress,
  sheetBytes?: number,
): AsyncGenerator<RawRow> {
  let zip: yauzl.ZipFile | undefined;
  try {
    zip = await openZip(path);
    const open = zip;
    const entries = await zipEntries(open);
    const budget = new InflateBudget();
    const part = (entry: yauzl.Entry) => inflated(open, entry, budget);
    let parsed = 0;
    const sheets = entries.filter((entry) => SHEET_PART.test(entry.fileName));
    const toParse = sheetBytes || sheets.reduce((sum, e) => sum + e.uncompressedSize, 0);
    const onSheetBytes = (bytes: number) => {
      parsed += bytes;
      if (progress && toParse) progress.fraction = Math.min(1, parsed / toParse);
    };
    const book = new ExcelJS.stream.xlsx.WorkbookReader(
      path,
      EXCELJS_READER_OPTIONS,
    ) as unknown as BookReader;
    decodeWholeCharacters(book, checkedXml);
    for (const name of BOOK_PARTS) {
      const entry = entries.find((e) => e.fileName === name);
      if (!entry) continue;
      if (name === "xl/_rels/workbook.xml.rels") await book._parseRels(part(entry));
      else if (name === "xl/workbook.xml") await book._parseWorkbook(part(entry));
      else await book._parseStyles(part(entry));
    }
    let sharedStrings: SharedStrings | undefined;
    const stringsEntry = entries.find((e) => e.fileName === SHARED_STRINGS);
    if (stringsEntry) {
      const strings = new SharedStringsXmlReader();
      const text = checkedXml(
        SHARED_STRINGS,
        "shared_strings",
        wholeCharacters(part(stringsEntry)),
      );
      for await (const chunk of text) strings.feed(chunk);
      strings.end();
      sharedStrings = strings.strings;
    }
    const isDateStyle = dateStyles(book);
    const maxRowsPerSheet = LIMITS.maxRows + LIMITS.headerSearchRows;
    for (const entry of sheets) {
      const sheetNo = SHEET_PART.exec(entry.fileName)![1];
      const sheet = sheetName(book, sheetNo);
      const reader = new SheetXmlReader({
        sheet,
        sharedStrings,
        isDateStyle,
        date1904: Boolean(book.properties?.date1904),
      });
      const text = checkedXml(entry.fileName, "sheet", wholeCharacters(part(entry), onSheetBytes));
      let count = 0;
      for await (const chunk of text) {
        reader.feed(chunk);
        if (reader.rows.length === 0) continue;
        const rows = reader.rows;
        reader.rows = [];
        for (const row of rows) {
          if (++count > maxRowsPerSheet) throw tooManyRows(sheet);
          yield row;
        }
      }
      reader.end();
    }
  } catch (error) {
    throw asImportError(error);
  } finally {
    if (zip?.isOpen) zip.close();
  }
}
