// A member's claim upload (SPEC 5.2): one XML, or a ZIP of up to 10,000 (as members download them
// in bulk from the tax authority), read entry by entry into one reading per file.
//
// The ZIP is held to the spreadsheets' limits (SPEC 4.6, imports/limits.ts): its directory is
// walked first and the upload refused as a whole, before anything is inflated or any reading is
// given, for a ratio over 100, declared sizes over 500 MiB in all, too many files, a damaged
// directory or an entry named as a path out of the archive. Each entry is then inflated with a
// byte budget (its declared size, at most the size of one invoice): an entry that inflates past
// it is refused on its own and inflating stops there, so what is really inflated stays within
// what the directory declared. Entry names are only shown, never used as paths.
import { inflateRawSync } from "node:zlib";
import yauzl from "yauzl";
import { ImportError, isImportError } from "../errors";
import { zipEntryRefusal } from "../limits";
import { CLAIM_LIMITS, type ClaimLimits } from "./limits";
import { displayName, readInvoiceFile } from "./read-invoice";
import type { InvoiceReading } from "./types";

export interface ClaimUploadOptions extends Partial<ClaimLimits> {
  /**
   * Told the files read so far and the files in the upload: once (0, total) when the ZIP's
   * directory has been checked, then after each file.
   */
  onProgress?: (done: number, total: number) => void;
}

const STORED = 0;
const DEFLATED = 8;

/** What yauzl gives for an entry when it does not decode names (`decodeStrings: false`). */
type RawEntry = Omit<yauzl.Entry, "fileName"> & { fileName: Buffer };

/** yauzl's own name decoding (CP437 or UTF-8, and the Info-ZIP Unicode path field), untyped. */
const decodeName = (
  yauzl as unknown as {
    getFileNameLowLevel(flags: number, name: Buffer, extra: unknown, strict: boolean): string;
  }
).getFileNameLowLevel;

interface Item {
  entry: RawEntry;
  name: string;
}

/** Whether the bytes are a ZIP (a local file header, or the end record of an empty ZIP). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

/** Operating systems' leftovers in ZIPs made by hand: not invoices, passed over silently. */
function isJunk(name: string): boolean {
  const base = name.slice(name.lastIndexOf("/") + 1);
  return (
    name.endsWith("/") ||
    name.startsWith("__MACOSX/") ||
    base.startsWith("._") ||
    base === ".DS_Store" ||
    base.toLowerCase() === "thumbs.db" ||
    base.toLowerCase() === "desktop.ini"
  );
}

/** A name that would point out of the archive if anyone used it as a path. */
function isUnsafeName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return yauzl.validateFileName(name) !== null || /[\u0000-\u001f]/.test(name);
}

function damaged(): ImportError {
  return new ImportError("claims_zip_refused", { kind: "damaged" });
}

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: false };
    yauzl.fromBuffer(bytes, options, (error, zip) =>
      error || !zip ? reject(damaged()) : resolve(zip),
    );
  });
}

/** The directory, checked as a whole before anything is inflated. */
function walkDirectory(zip: yauzl.ZipFile, limits: ClaimLimits): Promise<Item[]> {
  return new Promise((resolve, reject) => {
    const items: Item[] = [];
    let total = 0;
    let fail = (error: ImportError) => {
      fail = () => {};
      zip.close();
      reject(error);
    };
    zip.on("entry", (raw: yauzl.Entry) => {
      const entry = raw as unknown as RawEntry;
      let name: string;
      try {
        name = decodeName(entry.generalPurposeBitFlag, entry.fileName, entry.extraFields, false);
      } catch {
        return fail(damaged());
      }
      if (isUnsafeName(name))
        return fail(new ImportError("claims_zip_refused", { kind: "unsafe_name", entry: name }));
      total += entry.uncompressedSize;
      const refusal = zipEntryRefusal({ ...entry, fileName: name }, total);
      if (refusal) return fail(new ImportError("claims_zip_bomb", refusal.params, refusal.details));
      if (!isJunk(name)) items.push({ entry, name });
      if (items.length > limits.maxFiles) {
        const actual = Math.max(items.length, zip.entryCount);
        return fail(
          new ImportError("claims_zip_refused", {
            kind: "too_many_files",
            maxFiles: limits.maxFiles,
            actual,
          }),
        );
      }
      zip.readEntry();
    });
    zip.on("end", () => resolve(items));
    zip.on("error", () => fail(damaged()));
    zip.readEntry();
  });
}

/** The entry's stored bytes, as they are in the ZIP (compressed). */
function storedBytes(zip: yauzl.ZipFile, entry: RawEntry): Promise<Buffer> {
  // yauzl takes `decompress` only for deflated entries; a stored entry's bytes are its content.
  const raw = entry.compressionMethod === DEFLATED ? { decompress: false } : {};
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry as unknown as yauzl.Entry, raw as never, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error("no stream"));
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
      stream.on("error", reject);
    });
  });
}

/**
 * The entry inflated within its budget (its declared size): the inflater's output is capped
 * there (`maxOutputLength`), so a lying entry costs at most what it declared.
 */
async function entryBytes(
  zip: yauzl.ZipFile,
  item: Item,
  limits: ClaimLimits,
): Promise<Buffer | ImportError> {
  const { entry } = item;
  const file = displayName(item.name);
  if (entry.isEncrypted())
    return new ImportError("zip_entry_refused", { file, cause: "encrypted" });
  const method = entry.compressionMethod;
  if (method !== STORED && method !== DEFLATED)
    return new ImportError("zip_entry_refused", { file, cause: "method" });
  const declared = entry.uncompressedSize;
  if (declared > limits.maxInvoiceBytes)
    return new ImportError("invoice_too_large", {
      file,
      what: "bytes",
      max: limits.maxInvoiceBytes,
    });
  let stored: Buffer;
  try {
    stored = await storedBytes(zip, entry);
  } catch {
    return new ImportError("zip_entry_refused", { file, cause: "damaged" });
  }
  const lie = () =>
    new ImportError("zip_entry_refused", { file, cause: "declared", declaredBytes: declared });
  if (method === STORED) return stored.length > declared ? lie() : stored;
  if (declared === 0) return stored.length > 2 ? lie() : Buffer.alloc(0);
  try {
    const inflated = inflateRawSync(stored, { maxOutputLength: declared });
    if (inflated.length !== declared)
      return new ImportError("zip_entry_refused", { file, cause: "damaged" });
    return inflated;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === "ERR_BUFFER_TOO_LARGE"
      ? lie()
      : new ImportError("zip_entry_refused", { file, cause: "damaged" });
  }
}

/** Lets the event loop run between entries: a 10,000-file ZIP never holds the server. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads a claim upload: a single XML (one reading) or a ZIP (one reading per file, in the ZIP's
 * order), as an async iterable so that a 10,000-file ZIP is never held parsed in memory at once.
 * A refusal of the whole upload (too large; a ZIP that is damaged, a zip bomb by SPEC 4.6, holds
 * too many files, no file, or a path out of the archive) is thrown as an ImportError before the
 * first reading is given; afterwards nothing is thrown, each file's problem is its reading.
 */
export async function* readClaimUpload(
  name: string,
  bytes: Buffer,
  options: ClaimUploadOptions = {},
): AsyncGenerator<InvoiceReading> {
  const { onProgress, ...given } = options;
  const limits: ClaimLimits = { ...CLAIM_LIMITS, ...given };
  if (bytes.length > limits.maxUploadBytes) {
    throw new ImportError("claims_upload_too_large", {
      maxBytes: limits.maxUploadBytes,
      actual: bytes.length,
    });
  }
  if (!isZip(bytes)) {
    onProgress?.(0, 1);
    yield readInvoiceFile(name, bytes, limits);
    onProgress?.(1, 1);
    return;
  }
  const zip = await openZip(bytes);
  try {
    const items = await walkDirectory(zip, limits);
    if (items.length === 0) throw new ImportError("claims_zip_refused", { kind: "no_files" });
    onProgress?.(0, items.length);
    for (const [i, item] of items.entries()) {
      let reading: InvoiceReading;
      try {
        const content = await entryBytes(zip, item, limits);
        reading = isImportError(content)
          ? { file: content.params.file as string, ok: false, error: content }
          : readInvoiceFile(item.name, content, limits);
      } catch {
        const file = displayName(item.name);
        reading = {
          file,
          ok: false,
          error: new ImportError("zip_entry_refused", { file, cause: "damaged" }),
        };
      }
      yield reading;
      onProgress?.(i + 1, items.length);
      if (i % 50 === 49) await breathe();
    }
  } finally {
    if (zip.isOpen) zip.close();
  }
}

/** Every reading of an upload, in order (for callers that want them all at once). */
export async function readClaimUploadAll(
  name: string,
  bytes: Buffer,
  options?: ClaimUploadOptions,
): Promise<InvoiceReading[]> {
  const readings: InvoiceReading[] = [];
  for await (const reading of readClaimUpload(name, bytes, options)) readings.push(reading);
  return readings;
}
