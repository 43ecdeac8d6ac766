// Streams the records of a CSV report: delimiter (, ; tab) and encoding (UTF-8 with or
// without BOM, UTF-16 with BOM, else Windows-1252) are detected from the start of the file.
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Transform } from "node:stream";
import { parse } from "csv-parse";
import { ImportError, isImportError } from "./errors";
import { LIMITS, capCellText } from "./limits";
import type { Cell, RawRow, ReadProgress } from "./types";

export const CSV_SHEET = "CSV";
const SNIFF_BYTES = 64 * 1024;
const SNIFF_LINES = 20;
/** One record (all its fields) at most: longer is malformed_csv; fields are then cut (capCellText). */
const MAX_RECORD_CHARS = 1024 * 1024;

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
export type CsvDelimiter = "," | ";" | "\t";

/** UTF-8 unless the bytes say otherwise: a UTF-16 BOM, or bytes that are not valid UTF-8. */
export function detectEncoding(head: Uint8Array): CsvEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  try {
    // stream: true so that a character cut at the end of the sample is not held against it.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

/** The candidate that occurs most often outside quotes in the first lines; "," on a tie. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ",": 0, ";": 0, "\t": 0 };
  let inQuotes = false;
  let lines = 0;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === "," || char === ";" || char === "\t")) counts[char] += 1;
    else if (!inQuotes && char === "\n" && ++lines >= SNIFF_LINES) break;
  }
  const order: CsvDelimiter[] = [",", ";", "\t"];
  return order.reduce((best, candidate) => (counts[candidate] > counts[best] ? candidate : best));
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Bytes in, text out, decoded incrementally so multi-byte characters may straddle chunks. */
function decoderStream(encoding: CsvEncoding, onBytes: (bytes: number) => void): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    decodeStrings: true,
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
}

function toCells(record: string[], row: number): Cell[] {
  let last = record.length;
  while (last > 0 && record[last - 1].trim() === "") last -= 1;
  if (last > LIMITS.maxColumns) {
    throw new ImportError(
      "too_many_columns",
      { row, column: last, maxColumns: LIMITS.maxColumns },
      { sheet: CSV_SHEET, row, limit: LIMITS.maxColumns, actual: last },
    );
  }
  const cells: Cell[] = new Array(last);
  for (let i = 0; i < last; i++) cells[i] = record[i].trim() === "" ? null : capCellText(record[i]);
  return cells;
}

function asImportError(error: unknown): ImportError {
  if (isImportError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ImportError("malformed_csv", { detail });
}

/**
 * Yields every record of the file with its 1-based record number (as Excel would number the
 * rows), including empty ones as rows without cells so that numbering stays true.
 */
export async function* readCsvRows(path: string, progress?: ReadProgress): AsyncGenerator<RawRow> {
  const head = await readHead(path);
  const encoding = detectEncoding(head);
  const delimiter = detectDelimiter(new TextDecoder(encoding).decode(head));
  const file = createReadStream(path);
  const { size } = await stat(path);
  let bytesRead = 0;
  const countBytes = (bytes: number) => {
    bytesRead += bytes;
    if (progress) progress.fraction = bytesRead / Math.max(1, size);
  };
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  file.on("error", (error) => parser.destroy(error));
  file.pipe(decoderStream(encoding, countBytes)).pipe(parser);
  const maxRows = LIMITS.maxRows + LIMITS.headerSearchRows;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (row > maxRows) throw tooManyRows();
      yield { sheet: CSV_SHEET, row, cells: toCells(record, row) };
    }
  } catch (error) {
    throw asImportError(error);
  } finally {
    file.destroy();
    parser.destroy();
  }
}

function tooManyRows(): ImportError {
  return new ImportError(
    "too_many_rows",
    { scope: "file", maxRows: LIMITS.maxRows },
    { sheet: CSV_SHEET, limit: LIMITS.maxRows },
  );
}
