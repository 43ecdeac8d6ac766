// Refuses an uploaded file before any parsing (SPEC 4.6): size, format detected by content,
// and for XLSX the zip central directory, then every part inflated (and thrown away) with a byte
// budget: a part that inflates past the size its directory declares is refused (SPEC 8).
import { open, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import yauzl from "yauzl";
import { ImportError } from "./errors";
import type { ReportFormat } from "./types";

const MIB = 1024 * 1024;

export const LIMITS = {
  maxFileBytes: 50 * MIB,
  maxUncompressedBytes: 500 * MIB,
  maxCompressionRatio: 100,
  /**
   * Text cells are cut to this many characters (plus "…") as they are read, so a giant cell
   * never travels further (previews, the problems workbook); no field we keep takes more than
   * 500, so a cut cell is still over its field's cap (validate.ts) and its row is refused.
   */
  maxCellChars: 1_000,
  /** XML read from a workbook (xml-caps.ts): beyond these the file is refused as a whole. */
  xml: {
    /** Text of one cell's value or one shared string: Excel holds 32,767 characters, ×10 for escaping. */
    cellChars: 327_680,
    /** Text of one row: 100 columns (our limit) of long cells. */
    rowChars: 8 * MIB,
    /** Cells of one row: Excel's own number of columns. */
    rowCells: 16_384,
    /** Text of all shared strings (a 1,000,000-row report with unique invoices uses ~20 M). */
    sharedStringsChars: 64 * MIB,
    /** Text of any other part exceljs reads (workbook, relationships, styles). */
    otherPartChars: 16 * MIB,
    /** One tag with its attributes, or one comment, CDATA section or instruction. */
    tagChars: 64 * 1024,
  },
  maxRows: 1_000_000,
  maxColumns: 100,
  /** The header row is looked for within this many rows of a sheet (SPEC 4.2). */
  headerSearchRows: 30,
} as const;

export interface FileCheck {
  format: ReportFormat;
  size: number;
  /** XLSX: the uncompressed size of all worksheets, to tell reading progress. */
  sheetBytes?: number;
}

const SNIFF_BYTES = 64 * 1024;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(head: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => head[i] === byte);
}

export interface CheckOptions {
  /**
   * Inflate every part of a workbook to count its real bytes (default). readReport turns it off:
   * its reader counts the same bytes while it parses them (inflate-budget.ts), so measuring first
   * would only inflate everything twice (~3 % of a read).
   */
  measureInflated?: boolean;
}

export async function checkFileBeforeParsing(
  path: string,
  originalName: string,
  { measureInflated = true }: CheckOptions = {},
): Promise<FileCheck> {
  const { size } = await stat(path);
  if (size === 0) throw new ImportError("file_empty", { kind: "no_bytes" });
  if (size > LIMITS.maxFileBytes) {
    throw new ImportError(
      "file_too_large",
      { maxBytes: LIMITS.maxFileBytes, actual: size },
      { limit: LIMITS.maxFileBytes, actual: size },
    );
  }
  const head = await readHead(path, Math.min(size, SNIFF_BYTES));
  if (startsWith(head, ZIP_MAGIC) || startsWith(head, EMPTY_ZIP_MAGIC)) {
    const sheetBytes = await checkZip(path, measureInflated);
    return { format: "xlsx", size, sheetBytes };
  }
  refuseNonText(head, originalName);
  return { format: "csv", size };
}

async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Whatever is not a zip must be text (CSV); a spreadsheet name on it gets a precise message. */
function refuseNonText(head: Uint8Array, originalName: string): void {
  const name = originalName.toLowerCase();
  if (startsWith(head, OLE_MAGIC)) {
    throw new ImportError("not_a_spreadsheet", { kind: "xls" });
  }
  if (/\.(xlsx|xlsm|xls|ods)$/.test(name)) {
    throw new ImportError("not_a_spreadsheet", { kind: "misnamed", fileName: originalName });
  }
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16 && head.includes(0)) {
    throw new ImportError("not_a_spreadsheet", { kind: "binary" });
  }
}

/** A cell's text as kept: at most LIMITS.maxCellChars characters, then "…" when it was longer. */
export function capCellText(text: string): string {
  if (text.length <= LIMITS.maxCellChars) return text;
  let end = LIMITS.maxCellChars;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // never half a surrogate pair
  return `${text.slice(0, end)}\u2026`;
}

function openZip(path: string, validateEntrySizes = true): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes }, (error, zip) =>
      error || !zip ? reject(error ?? new Error("no zip")) : resolve(zip),
    );
  });
}

function damaged(): ImportError {
  return new ImportError("truncated_file", { kind: "zip_directory" });
}

/**
 * Reads the central directory (refusing zip bombs by their declared sizes and zips that are not
 * workbooks), then inflates every part to count its real bytes. Returns the worksheets' size.
 */
async function checkZip(path: string, measure: boolean): Promise<number> {
  const entries = await withZip(path, true, walkEntries);
  if (!entries.some((entry) => entry.fileName === "xl/workbook.xml")) {
    throw new ImportError("not_a_spreadsheet", { kind: "zip_not_workbook" });
  }
  // A second handle, without yauzl's own size validation: that would stop a lying part as
  // damage; counting ourselves tells the lie apart from damage, and names the part.
  if (measure) await withZip(path, false, (zip) => measureEntries(zip, entries));
  let sheetBytes = 0;
  for (const { fileName, uncompressedSize } of entries)
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(fileName)) sheetBytes += uncompressedSize;
  return sheetBytes;
}

async function withZip<T>(
  path: string,
  validateEntrySizes: boolean,
  work: (zip: yauzl.ZipFile) => Promise<T>,
): Promise<T> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path, validateEntrySizes);
  } catch {
    throw damaged();
  }
  try {
    return await work(zip);
  } finally {
    if (zip.isOpen) zip.close();
  }
}

/** Every entry of the directory, refusing on the first part that trips a limit. */
function walkEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    let total = 0;
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.push(entry);
      total += entry.uncompressedSize;
      const refusal = zipEntryRefusal(entry, total);
      if (refusal) return reject(refusal);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", () => reject(damaged()));
    zip.readEntry();
  });
}

/**
 * Inflates the parts one after the other, throwing the bytes away: a part may not inflate past
 * the size the directory declares for it (so the total stays within maxUncompressedBytes, which
 * the declared sizes were checked against). A part that cannot be inflated (damaged data, an
 * unknown method) is left to the reader, which refuses it as truncated_file while reading.
 */
async function measureEntries(zip: yauzl.ZipFile, entries: yauzl.Entry[]): Promise<void> {
  for (const entry of entries) {
    if (entry.fileName.endsWith("/")) continue; // a directory
    const inflated = await inflatedBytes(zip, entry, entry.uncompressedSize);
    if (inflated > entry.uncompressedSize)
      throw inflatedPastDeclared(entry.fileName, entry.uncompressedSize, inflated);
  }
}

/** Inflated in large pieces: counting 40 MB takes ~3 times less than in zlib's 16 KiB default. */
const MEASURE_CHUNK_BYTES = 256 * 1024;
const STORED = 0;
const DEFLATED = 8;

/** Bytes the part really inflates to, counted while streaming; stops once past `budget`. */
function inflatedBytes(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: number): Promise<number> {
  const method = entry.compressionMethod;
  if ((method !== STORED && method !== DEFLATED) || entry.isEncrypted()) return Promise.resolve(0);
  return new Promise((resolve) => {
    // Deflated parts are read raw and inflated here, in large pieces; stored parts are the bytes.
    const undecoded = { decompress: false, decrypt: null, start: null, end: null };
    const open = (callback: (error: Error | null, stream: Readable) => void) =>
      method === DEFLATED
        ? zip.openReadStream(entry, undecoded, callback)
        : zip.openReadStream(entry, callback);
    open((error, raw) => {
      if (error || !raw) return resolve(0);
      const stream: Readable =
        method === DEFLATED
          ? raw.pipe(createInflateRaw({ chunkSize: MEASURE_CHUNK_BYTES }))
          : (raw as Readable);
      let bytes = 0;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        raw.unpipe();
        raw.destroy();
        stream.destroy();
        resolve(bytes);
      };
      stream.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > budget) finish();
      });
      stream.on("end", finish);
      stream.on("error", finish);
      raw.on("error", finish);
    });
  });
}

/** The zip_bomb refusal of a part that inflates to more than its zip headers declare. */
export function inflatedPastDeclared(part: string, declared: number, actual: number): ImportError {
  return new ImportError(
    "zip_bomb",
    { cause: "declared", part, declaredBytes: declared },
    { part, limit: declared, actual },
  );
}

/** The zip_bomb refusal for one central-directory entry, given the running uncompressed total. */
export function zipEntryRefusal(
  entry: Pick<yauzl.Entry, "fileName" | "uncompressedSize" | "compressedSize">,
  total: number,
): ImportError | null {
  const { uncompressedSize: inflated, compressedSize: stored, fileName } = entry;
  const ratio = stored > 0 ? inflated / stored : inflated > 0 ? Infinity : 0;
  if (ratio > LIMITS.maxCompressionRatio) {
    return new ImportError(
      "zip_bomb",
      { cause: "ratio", part: fileName, ratio, maxRatio: LIMITS.maxCompressionRatio },
      { part: fileName, limit: LIMITS.maxCompressionRatio, actual: ratio },
    );
  }
  if (total > LIMITS.maxUncompressedBytes) return inflatedPastTotal(fileName, total);
  return null;
}

/** The zip_bomb refusal once the parts together pass maxUncompressedBytes, at `part`. */
export function inflatedPastTotal(part: string, total: number): ImportError {
  return new ImportError(
    "zip_bomb",
    { cause: "total", part, maxBytes: LIMITS.maxUncompressedBytes },
    { part, limit: LIMITS.maxUncompressedBytes, actual: total },
  );
}
