// Hostile workbooks for the hardening tests (SPEC 8), written by a minimal zip writer so that a
// part's headers can lie about its size: a few hundred KB on disk that inflate to hundreds of MB.
// Parts are deflated as they are generated, so writing one never holds the inflated bytes.
import { writeFileSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32, createDeflateRaw } from "node:zlib";

const MIB = 1024 * 1024;

export interface ZipPart {
  name: string;
  /** The part's bytes, produced chunk by chunk. */
  content: () => Iterable<Buffer | string>;
  /** The uncompressed size written in the local header and the central directory (a lie). */
  declaredSize?: number;
}

interface Deflated {
  name: Buffer;
  compressed: Buffer;
  crc: number;
  size: number;
  declared: number;
  offset: number;
}

async function deflate(part: ZipPart): Promise<Omit<Deflated, "offset" | "name" | "declared">> {
  let crc = 0;
  let size = 0;
  const chunks: Buffer[] = [];
  const source = Readable.from(
    (function* () {
      // Small pieces (a row's cells) are gathered into chunks of about 64 KiB before deflating.
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = () => {
        const bytes = pending.length === 1 ? pending[0] : Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        crc = crc32(bytes, crc);
        size += bytes.length;
        return bytes;
      };
      for (const piece of part.content()) {
        const bytes = typeof piece === "string" ? Buffer.from(piece) : piece;
        pending.push(bytes);
        pendingBytes += bytes.length;
        if (pendingBytes >= 64 * 1024) yield flush();
      }
      if (pendingBytes > 0) yield flush();
    })(),
  );
  await pipeline(
    source,
    createDeflateRaw({ level: 9 }),
    async (deflated: AsyncIterable<Buffer>) => {
      for await (const chunk of deflated) chunks.push(chunk);
    },
  );
  return { compressed: Buffer.concat(chunks), crc, size };
}

/** Writes a zip whose every part is deflated; `declaredSize` replaces the real size in headers. */
export async function writeZip(path: string, parts: ZipPart[]): Promise<{ inflatedBytes: number }> {
  const body: Buffer[] = [];
  const entries: Deflated[] = [];
  let offset = 0;
  let inflatedBytes = 0;
  for (const part of parts) {
    const { compressed, crc, size } = await deflate(part);
    inflatedBytes += size;
    const name = Buffer.from(part.name);
    const declared = part.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names, sizes known up front (no data descriptor)
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    body.push(local, name, compressed);
    entries.push({ name, compressed, crc, size, declared, offset });
    offset += local.length + name.length + compressed.length;
  }
  const directoryStart = offset;
  for (const entry of entries) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(entry.declared, 24);
    central.writeUInt16LE(entry.name.length, 28);
    central.writeUInt32LE(entry.offset, 42);
    body.push(central, entry.name);
    offset += central.length + entry.name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  body.push(end);
  writeFileSync(path, Buffer.concat(body));
  return { inflatedBytes };
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Column letters of a 0-based index (A, B, ..., Z, AA, ...). */
function column(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** One cell of a sheet: text inline, numbers as they are, or a shared string by its index. */
export type SheetCell = string | number | { shared: number } | { repeat: string; times: number };

/** A cell's XML, in pieces: a `repeat` cell is streamed out in chunks of at most 1 MiB. */
function* cellXml(cell: SheetCell, ref: string): Generator<Buffer | string> {
  if (typeof cell === "number") {
    yield `<c r="${ref}"><v>${cell}</v></c>`;
  } else if (typeof cell === "string") {
    yield `<c r="${ref}" t="inlineStr"><is><t>${escape(cell)}</t></is></c>`;
  } else if ("shared" in cell) {
    yield `<c r="${ref}" t="s"><v>${cell.shared}</v></c>`;
  } else {
    yield `<c r="${ref}" t="inlineStr"><is><t>`;
    yield* repeated(cell.repeat, cell.times);
    yield `</t></is></c>`;
  }
}

/** `text` repeated `times` times, in chunks of about 1 MiB (one buffer reused). */
function* repeated(text: string, times: number): Generator<Buffer> {
  const unit = Buffer.from(text);
  const perChunk = Math.max(1, Math.floor(MIB / unit.length));
  const chunk = Buffer.alloc(perChunk * unit.length);
  for (let i = 0; i < perChunk; i++) unit.copy(chunk, i * unit.length);
  for (let left = times; left > 0; left -= perChunk) {
    yield left >= perChunk ? chunk : chunk.subarray(0, left * unit.length);
  }
}

function* sheetXml(
  rows: (() => Iterable<SheetCell[]>) | SheetCell[][],
): Generator<Buffer | string> {
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  yield '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  let r = 0;
  for (const cells of typeof rows === "function" ? rows() : rows) {
    r += 1;
    yield `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) yield* cellXml(cells[i], `${column(i)}${r}`);
    yield "</row>";
  }
  yield "</sheetData></worksheet>";
}

function* sharedStringsXml(strings: SharedString[]): Generator<Buffer | string> {
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  yield `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">`;
  for (const string of strings) {
    yield "<si><t>";
    if (typeof string === "string") yield escape(string);
    else if ("random" in string) yield* randomText(string.random);
    else yield* repeated(string.repeat, string.times);
    yield "</t></si>";
  }
  yield "</sst>";
}

/** Text as is, one text repeated, or `random` letters that do not compress (4 bits each). */
export type SharedString = string | { repeat: string; times: number } | { random: number };

/** `length` pseudo-random letters from a–p, in chunks of at most 1 MiB (deterministic). */
function* randomText(length: number): Generator<Buffer> {
  let state = 0x9e3779b9;
  for (let left = length; left > 0; left -= MIB) {
    const chunk = Buffer.alloc(Math.min(MIB, left));
    for (let i = 0; i < chunk.length; i++) {
      state = (state * 1664525 + 1013904223) >>> 0;
      chunk[i] = 0x61 + (state >>> 28);
    }
    yield chunk;
  }
}

export interface HostileWorkbook {
  /** Rows of the one sheet "Sales" (a function for rows generated on the fly). */
  rows: (() => Iterable<SheetCell[]>) | SheetCell[][];
  sharedStrings?: SharedString[];
  /** The sheet's uncompressed size as its headers declare it (a lie), if set. */
  sheetDeclaredSize?: number;
  /** Shared strings stored after the sheet (as LibreOffice does): exceljs then buffers the sheet. */
  sharedStringsLast?: boolean;
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
  "</Types>";

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  "</Relationships>";

const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheets><sheet name="Sales" sheetId="1" r:id="rId1"/></sheets></workbook>';

const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
  "</Relationships>";

/** Writes a one-sheet workbook; returns how many bytes its parts really inflate to. */
export function writeHostileXlsx(path: string, workbook: HostileWorkbook) {
  const fixed = (name: string, xml: string): ZipPart => ({ name, content: () => [xml] });
  const sheet: ZipPart = {
    name: "xl/worksheets/sheet1.xml",
    content: () => sheetXml(workbook.rows),
    declaredSize: workbook.sheetDeclaredSize,
  };
  const strings: ZipPart[] = workbook.sharedStrings
    ? [{ name: "xl/sharedStrings.xml", content: () => sharedStringsXml(workbook.sharedStrings!) }]
    : [];
  return writeZip(path, [
    fixed("[Content_Types].xml", CONTENT_TYPES),
    fixed("_rels/.rels", ROOT_RELS),
    fixed("xl/workbook.xml", WORKBOOK),
    fixed("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ...(workbook.sharedStringsLast ? [sheet, ...strings] : [...strings, sheet]),
  ]);
}

/** The header of the hostile reports: what a supplier's report needs, and a name column. */
export const HOSTILE_HEADER: SheetCell[] = [
  "Invoice Date",
  "Invoice Number",
  "Customer Tax ID",
  "Customer Name",
  "Net Amount",
  "Currency",
];

/** A good data row of the hostile reports (row `n`, dated in January 2026). */
export function hostileRow(n: number, name: SheetCell = `Customer ${n}`): SheetCell[] {
  return ["2026-01-15", `INV-${n}`, "XAXX010101000", name, 100 + n, "USD"];
}

/**
 * Finding 1 of the hardening issue: a workbook whose sheet declares `declared` bytes (headers and
 * directory alike) but inflates to more than `megabytes` MiB, nearly all of it one customer name.
 */
export function writeLyingXlsx(path: string, megabytes = 300, declared = 20_000) {
  return writeHostileXlsx(path, {
    rows: [HOSTILE_HEADER, hostileRow(1, { repeat: "A", times: megabytes * MIB })],
    sheetDeclaredSize: declared,
  });
}
