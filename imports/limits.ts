// Refuses an uploaded file before any parsing (SPEC 4.6): size, format detected by content,
// and for XLSX the zip central directory (declared sizes only: nothing is inflated here).
import { open, stat } from "node:fs/promises";
import yauzl from "yauzl";
import { ImportError } from "./errors";
import type { ReportFormat } from "./types";

const MIB = 1024 * 1024;

export const LIMITS = {
  maxFileBytes: 50 * MIB,
  maxUncompressedBytes: 500 * MIB,
  maxCompressionRatio: 100,
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

export async function checkFileBeforeParsing(
  path: string,
  originalName: string,
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
    const sheetBytes = await checkZip(path);
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

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) =>
      error || !zip ? reject(error ?? new Error("no zip")) : resolve(zip),
    );
  });
}

function damaged(): ImportError {
  return new ImportError("truncated_file", { kind: "zip_directory" });
}

/** Reads the central directory only; refuses zip bombs and zips that are not workbooks. */
/** Returns the uncompressed size of the worksheets. */
async function checkZip(path: string): Promise<number> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch {
    throw damaged();
  }
  const sizes = await walkEntries(zip);
  if (!sizes.has("xl/workbook.xml")) {
    throw new ImportError("not_a_spreadsheet", { kind: "zip_not_workbook" });
  }
  let sheetBytes = 0;
  for (const [name, size] of sizes)
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) sheetBytes += size;
  return sheetBytes;
}

/** Part name → uncompressed size, refusing on the first part that trips a limit. */
function walkEntries(zip: yauzl.ZipFile): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const names = new Map<string, number>();
    let total = 0;
    const fail = (error: ImportError) => {
      zip.close();
      reject(error);
    };
    zip.on("entry", (entry: yauzl.Entry) => {
      names.set(entry.fileName, entry.uncompressedSize);
      total += entry.uncompressedSize;
      const refusal = zipEntryRefusal(entry, total);
      if (refusal) return fail(refusal);
      zip.readEntry();
    });
    zip.on("end", () => resolve(names));
    zip.on("error", () => fail(damaged()));
    zip.readEntry();
  });
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
  if (total > LIMITS.maxUncompressedBytes) {
    return new ImportError(
      "zip_bomb",
      { cause: "total", part: fileName, maxBytes: LIMITS.maxUncompressedBytes },
      { part: fileName, limit: LIMITS.maxUncompressedBytes, actual: total },
    );
  }
  return null;
}
