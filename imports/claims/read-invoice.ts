// One electronic invoice file → its reading (SPEC 5.2): CFDI 3.3/4.0 or NF-e 4.00, or the coded
// refusal of the file. Never throws: whatever goes wrong is a refusal with a clear message.
// Pure: the bytes are given; nothing is fetched, written or kept.
import { ImportError, isImportError } from "../errors";
import { isCfdi, readCfdi, skipCfdi } from "./cfdi";
import { CLAIM_LIMITS, type ClaimLimits } from "./limits";
import { RefusedInvoice, isNfe, readNfe, skipNfe } from "./nfe";
import type { InvoiceReading, ParsedInvoice } from "./types";
import { parseInvoiceXml } from "./xml";

type NotXml = "empty" | "pdf" | "image" | "zip" | "binary" | "encoding" | "text";

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) =>
  magic.every((byte, i) => bytes[at + i] === byte);

/** What the first bytes say a file is, when it is plainly not XML text. */
function sniff(bytes: Uint8Array): NotXml | null {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || (bytes[i] >= 0x09 && bytes[i] <= 0x0d))) i += 1;
  if (i === bytes.length) return "empty";
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46], i)) return "pdf"; // %PDF
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || // PNG
    startsWith(bytes, [0xff, 0xd8, 0xff]) || // JPEG
    startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) // GIF8
  )
    return "image";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return "zip";
  return null;
}

const LATIN1 = new Set([
  "iso-8859-1",
  "latin1",
  "iso8859-1",
  "windows-1252",
  "cp1252",
  "us-ascii",
  "ascii",
]);

/**
 * The XML's text: UTF-8 (with or without BOM, the only encoding SAT and SEFAZ accept), UTF-16
 * with a BOM, or ISO-8859-1 / Windows-1252 when the declaration says so. Invalid bytes refuse it.
 */
function decode(bytes: Uint8Array): string | NotXml {
  let encoding = "utf-8";
  if (startsWith(bytes, [0xff, 0xfe])) encoding = "utf-16le";
  else if (startsWith(bytes, [0xfe, 0xff])) encoding = "utf-16be";
  else if (!startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const head = Buffer.from(bytes.subarray(0, 200)).toString("latin1");
    const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    const name = declared?.toLowerCase();
    if (name && LATIN1.has(name)) encoding = "windows-1252";
    else if (name && name !== "utf-8" && name !== "utf8") return "encoding";
    // Without a BOM, a NUL in the first bytes is binary (or UTF-16 without its mark).
    if (bytes.subarray(0, 1024).includes(0)) return "binary";
  }
  try {
    // Strips the BOM; refuses invalid sequences instead of replacing them.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return "encoding";
  }
}

function notXml(file: string, kind: NotXml): ImportError {
  return new ImportError("invoice_not_xml", { file, kind });
}

function readOrThrow(file: string, bytes: Uint8Array, limits: ClaimLimits): ParsedInvoice {
  if (bytes.length > limits.maxInvoiceBytes)
    throw new ImportError("invoice_too_large", {
      file,
      what: "bytes",
      max: limits.maxInvoiceBytes,
    });
  const kind = sniff(bytes);
  if (kind) throw notXml(file, kind);
  const text = decode(bytes);
  if (text === "encoding" || text === "binary") throw notXml(file, text);
  if (!/^\s*</.test(text)) throw notXml(file, "text");
  const root = parseInvoiceXml(file, text, (uri, local) => skipCfdi(uri, local) || skipNfe(uri));
  if (isCfdi(root)) return readCfdi(file, root, limits);
  if (isNfe(root)) return readNfe(file, root, limits);
  const name = root.uri ? `${root.local} (${root.uri})` : root.local;
  throw new ImportError("invoice_unsupported", { file, kind: "root", root: name });
}

/**
 * Reads one XML file of a claim: its invoice, or the refusal of the file (`ok: false`, a coded
 * ImportError whose message names the file). `name` is shown in messages, never used as a path.
 */
export function readInvoiceFile(
  name: string,
  bytes: Buffer | Uint8Array,
  limits: Partial<ClaimLimits> = {},
): InvoiceReading {
  const file = displayName(name);
  try {
    return { file, ok: true, invoice: readOrThrow(file, bytes, { ...CLAIM_LIMITS, ...limits }) };
  } catch (error) {
    if (error instanceof RefusedInvoice)
      return { file, ok: false, error: error.error, invoice: error.invoice };
    if (isImportError(error)) return { file, ok: false, error };
    // A defect of ours, not of the file: still a refusal, never an exception out of here.
    const refusal = new ImportError("invoice_malformed", {
      file,
      cutShort: false,
      line: 0,
      column: 0,
    });
    return { file, ok: false, error: refusal };
  }
}

/** A file or entry name fit to show: no control characters, at most 255 characters. */
export function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim() || "invoice.xml";
  return clean.length > 255 ? `${clean.slice(0, 254)}…` : clean;
}
