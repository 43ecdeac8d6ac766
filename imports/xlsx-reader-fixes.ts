// Two defects of exceljs 4.4's streaming reader, worked around from outside (it is unmaintained):
// damaged zips hang it forever, and characters cut between two chunks come out garbled. The same
// hooks let read-xlsx count what its unzip inflates and check the XML before exceljs parses it.
import type { ReadStream } from "node:fs";
import { Readable } from "node:stream";

/**
 * exceljs pipes our file into its own unzip stream and never listens for that stream's errors:
 * a damaged entry leaves its promises pending forever. So we catch the pipe destination's
 * errors ourselves and let them reject whichever step of the iteration is waiting.
 */
export class DamageWatch {
  private error: unknown = null;
  private rejectWaiting: ((error: unknown) => void) | null = null;

  /** `onUnzip` is handed exceljs's unzip stream (unzipper's Parse) before the file flows into it. */
  constructor(file: ReadStream, onUnzip?: (unzip: NodeJS.WritableStream) => void) {
    const fail = (error: unknown) => this.fail(error);
    const pipe = file.pipe.bind(file);
    file.pipe = <T extends NodeJS.WritableStream>(
      destination: T,
      options?: { end?: boolean },
    ): T => {
      (destination as unknown as ReadStream).on("error", fail);
      onUnzip?.(destination);
      return pipe(destination, options);
    };
    file.on("error", fail);
  }

  /** Fails the iteration: the waiting step now, or the next one. The first error wins. */
  fail(error: unknown): void {
    this.error ??= error;
    this.rejectWaiting?.(this.error);
  }

  /** One promise per step (never one long-lived promise collecting a reaction per row). */
  step<T>(pending: Promise<T>): Promise<T> {
    if (this.error) return Promise.reject(this.error);
    return new Promise<T>((resolve, reject) => {
      this.rejectWaiting = reject;
      pending.then(resolve, reject);
    });
  }

  async *iterate<T>(iterable: AsyncIterable<T>): AsyncGenerator<T> {
    const iterator = iterable[Symbol.asyncIterator]();
    for (;;) {
      const next = await this.step(iterator.next());
      if (next.done) return;
      yield next.value;
    }
  }
}

type TextChunk = Buffer | Uint8Array | string;

/** Decodes UTF-8 across chunk boundaries, counting the raw bytes as they pass. */
async function* wholeCharacters(
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
  _parseWorksheet(iterator: AsyncIterable<TextChunk>, sheetNo: string): Iterable<unknown>;
  _parseSharedStrings(entry: AsyncIterable<TextChunk>): AsyncIterable<unknown>;
  _parseRels: EntryParser;
  _parseWorkbook: EntryParser;
  _parseStyles: EntryParser;
}

/** What a part's text goes through before exceljs parses it (read-xlsx checks the XML caps). */
export type XmlGuard = (
  part: string,
  kind: "sheet" | "shared_strings" | "other",
  text: AsyncIterable<string>,
) => AsyncIterable<string>;

const unguarded: XmlGuard = (_part, _kind, text) => text;

/**
 * exceljs decodes every chunk of XML on its own, so an "ó" or "ç" cut between two chunks becomes
 * "\uFFFD" (it passes strings through untouched). We hand it whole characters instead, for the
 * worksheets and the shared strings, and count the worksheet bytes parsed for progress. Every
 * part exceljs parses (worksheets, shared strings, workbook, relationships, styles) goes through
 * `guard` on the way.
 */
export function decodeWholeCharacters(
  reader: unknown,
  onSheetBytes: (bytes: number) => void,
  guard: XmlGuard = unguarded,
): void {
  const internals = reader as ReaderInternals;
  const parseWorksheet = internals._parseWorksheet;
  internals._parseWorksheet = function (iterator, sheetNo) {
    const part = `xl/worksheets/sheet${sheetNo}.xml`;
    const text = guard(part, "sheet", wholeCharacters(iterator, onSheetBytes));
    return parseWorksheet.call(this, text, sheetNo);
  };
  const parseSharedStrings = internals._parseSharedStrings;
  internals._parseSharedStrings = function (entry) {
    const text = guard("xl/sharedStrings.xml", "shared_strings", wholeCharacters(entry));
    return parseSharedStrings.call(this, Readable.from(text));
  };
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
