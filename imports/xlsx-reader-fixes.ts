// What the XLSX reader hands exceljs's parsers of the workbook's small parts (workbook,
// relationships, styles): whole characters, checked against the XML caps on the way. exceljs
// decodes every chunk of XML on its own, so an "ó" or "ç" cut between two chunks became "\uFFFD";
// it passes strings through untouched. The sheets and shared strings are read by sheet-xml.ts
// from the same whole characters (decision 083).
import { Readable } from "node:stream";

type TextChunk = Buffer | Uint8Array | string;

/** Decodes UTF-8 across chunk boundaries, counting the raw bytes as they pass. */
export async function* wholeCharacters(
  source: AsyncIterable<TextChunk>,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of source) {
    if (typeof chunk === "string") {
      yield chunk;
      continue;
    }
    onBytes?.(chunk.length);
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

type EntryParser = (entry: AsyncIterable<TextChunk>) => unknown;

interface ReaderInternals {
  _parseRels: EntryParser;
  _parseWorkbook: EntryParser;
  _parseStyles: EntryParser;
}

/** What a part's text goes through before it is parsed (read-xlsx checks the XML caps). */
export type XmlGuard = (
  part: string,
  kind: "sheet" | "shared_strings" | "other",
  text: AsyncIterable<string>,
) => AsyncIterable<string>;

/**
 * Makes exceljs's parsers of the workbook, its relationships and its styles read whole characters
 * that went through `guard` first.
 */
export function decodeWholeCharacters(reader: unknown, guard: XmlGuard): void {
  const internals = reader as ReaderInternals;
  const parts = [
    ["_parseRels", "xl/_rels/workbook.xml.rels"],
    ["_parseWorkbook", "xl/workbook.xml"],
    ["_parseStyles", "xl/styles.xml"],
  ] as const;
  for (const [method, part] of parts) {
    const parse = internals[method];
    internals[method] = function (entry) {
      return parse.call(this, Readable.from(guard(part, "other", wholeCharacters(entry))));
    };
  }
}
