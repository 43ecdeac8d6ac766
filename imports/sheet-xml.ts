// A worksheet's XML turned into rows of flat cells, as fast as the text arrives (decision 083).
// It reads what exceljs's streaming worksheet reader reads, the same way (element names without
// prefixes, a cell's value is the text from its last <v>, <is> or <t> to its end, shared strings
// by index, dates by the cell's number format), but builds no Row or Cell objects and no XML
// events: bare exceljs spent most of a report's parsing there. The text reaching it has been
// through the XML caps (xml-caps.ts), so no tag, value or row it holds grows past them.
import { ImportError } from "./errors";
import { LIMITS, capCellText } from "./limits";
import type { Cell, RawRow } from "./types";

/** What the workbook's other parts tell about a sheet's cells. */
export interface SheetContext {
  sheet: string;
  /** The shared strings, by index. */
  sharedStrings: SharedStrings | undefined;
  /** Whether cells of this style show a date (their numbers are Excel serial dates). */
  isDateStyle(style: number): boolean;
  date1904: boolean;
}

const enum Into {
  Nothing,
  Formula,
  Value,
}

const GT = 0x3e; // >
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;

export class SheetXmlError extends Error {}

function malformed(what: string): SheetXmlError {
  return new SheetXmlError(`malformed worksheet XML: ${what}`);
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML's five entities and character references, as saxes decodes them; others are errors. */
export function decodeXmlText(text: string): string {
  if (text.indexOf("&") < 0) return text;
  return text.replace(/&([^;&]*);|&/g, (whole, name: string | undefined) => {
    if (name === undefined) throw malformed("a bare &");
    const named = ENTITIES[name];
    if (named !== undefined) return named;
    const code =
      name.startsWith("#x") && /^#x[0-9a-fA-F]+$/.test(name)
        ? parseInt(name.slice(2), 16)
        : /^#[0-9]+$/.test(name)
          ? parseInt(name.slice(1), 10)
          : NaN;
    if (!(code >= 0 && code <= 0x10ffff)) throw malformed(`entity ${whole}`);
    return String.fromCodePoint(code);
  });
}

/** exceljs decodes inline and formula strings once more after the XML parser (utils.xmlDecode). */
function exceljsXmlDecode(text: string): string {
  if (text.indexOf("&") < 0) return text;
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case "&lt;":
        return "<";
      case "&gt;":
        return ">";
      case "&amp;":
        return "&";
      case "&apos;":
        return "'";
      case "&quot;":
        return '"';
      default:
        return c;
    }
  });
}

/** Excel's date formats contain y, m, d, h or s outside quotes and brackets (as exceljs decides). */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

function excelSerialToDate(serial: number, date1904 = false): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** Text as a cell keeps it: blank is nothing, longer than LIMITS.maxCellChars is cut. */
function textCell(text: string | null | undefined): Cell {
  if (text === null || text === undefined) return null;
  return text.trim() === "" ? null : capCellText(text);
}

function numberCell(value: number): Cell {
  return Number.isFinite(value) ? value : null;
}

function tooManyColumns(sheet: string, row: number, column: number): ImportError {
  return new ImportError(
    "too_many_columns",
    { sheet, row, column, maxColumns: LIMITS.maxColumns },
    { sheet, row, limit: LIMITS.maxColumns, actual: column },
  );
}

/** Where the last value found by `valueAt` ends (its closing quote). */
let valueEnd = 0;

/**
 * Where the value of attribute `name` (`name="..."` or `name='...'`) starts in the tag text
 * s[from, to), after its quote, or -1; it ends at `valueEnd`. No string is made on the way.
 */
function valueAt(s: string, from: number, to: number, name: string): number {
  let at = from;
  for (;;) {
    at = s.indexOf(name, at);
    if (at < 0 || at >= to) return -1;
    const before = s.charCodeAt(at - 1);
    at += name.length;
    if (before !== 0x20 && before !== 0x09 && before !== 0x0a && before !== 0x0d) continue;
    let i = at;
    while (s.charCodeAt(i) === 0x20) i++;
    if (s.charCodeAt(i) !== 0x3d) continue; // =
    i++;
    while (s.charCodeAt(i) === 0x20) i++;
    const quote = s.charCodeAt(i);
    if (quote !== QUOTE && quote !== APOSTROPHE) continue;
    const end = s.indexOf(quote === QUOTE ? '"' : "'", i + 1);
    if (end < 0 || end >= to) return -1;
    valueEnd = end;
    return i + 1;
  }
}

function attribute(s: string, from: number, to: number, name: string): string | undefined {
  const at = valueAt(s, from, to, name);
  return at < 0 ? undefined : decodeXmlText(s.slice(at, valueEnd));
}

/** The column a cell reference names ("AB12" → 28) in s[from, to); 0 when it names none. */
function columnAt(s: string, from: number, to: number): number {
  let column = 0;
  for (let i = from; i < to; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) column = column * 26 + (code - 0x40);
    else if (code >= 0x61 && code <= 0x7a) column = column * 26 + (code - 0x60);
    else if (code !== 0x24) break; // "$"
  }
  return column;
}

/** A style number in s[from, to); NaN when there is none (exceljs's parseInt). */
function integerAt(s: string, from: number, to: number): number {
  let value = 0;
  let i = from;
  while (s.charCodeAt(i) === 0x20) i++;
  const start = i;
  for (; i < to; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x30 || code > 0x39) break;
    value = value * 10 + (code - 0x30);
  }
  return i === start ? Number.NaN : value;
}

/**
 * Feed it the sheet's text piece by piece; it collects the rows completed so far in `rows`
 * (the caller takes them); `end()` checks the XML was whole.
 */
export class SheetXmlReader {
  rows: RawRow[] = [];
  private pending = "";
  private readonly open: string[] = [];
  private inSheetData = false;
  private row: { number: number; cells: Cell[]; tooFar: number } | null = null;
  private lastRow = 0;
  /** The cell being read: its column (0 when its reference names none), style and type. */
  private inCell = false;
  private cellColumn = 0;
  private cellStyle = Number.NaN;
  private cellType: string | undefined = undefined;
  private lastColumn = 0;
  private hasFormula = false;
  private hasValue = false;
  private into = Into.Nothing;
  private text = "";

  constructor(private readonly ctx: SheetContext) {}

  feed(chunk: string): void {
    const s = this.pending === "" ? chunk : this.pending + chunk;
    this.pending = "";
    let pos = 0;
    const length = s.length;
    while (pos < length) {
      const lt = s.indexOf("<", pos);
      if (lt < 0) {
        this.pending = s.slice(pos);
        return;
      }
      if (lt > pos && this.into === Into.Value) this.text += s.slice(pos, lt);
      const next = s.charCodeAt(lt + 1);
      if (next === BANG || next === QUESTION) {
        const end = skipSpecial(s, lt, next);
        if (end < 0) {
          this.pending = s.slice(lt);
          return;
        }
        pos = end;
        continue;
      }
      const gt = tagEnd(s, lt + 1);
      if (gt < 0) {
        this.pending = s.slice(lt);
        return;
      }
      this.tag(s, lt, gt);
      pos = gt + 1;
    }
  }

  /** The XML must end whole: every element closed, no tag cut off. */
  end(): void {
    if (this.pending.trim() !== "" || this.open.length > 0) throw malformed("unexpected end");
  }

  private tag(s: string, lt: number, gt: number): void {
    const closing = s.charCodeAt(lt + 1) === SLASH;
    const name = tagName(s, closing ? lt + 2 : lt + 1, gt);
    const nameEnd = (closing ? lt + 2 : lt + 1) + name.length;
    if (closing) {
      if (this.open.pop() !== name) throw malformed(`</${name}> closes nothing`);
      this.close(name);
      return;
    }
    const selfClosing = s.charCodeAt(gt - 1) === SLASH;
    this.opened(name, s, nameEnd, selfClosing ? gt - 1 : gt);
    if (selfClosing) this.close(name);
    else this.open.push(name);
  }

  private opened(name: string, s: string, from: number, to: number): void {
    switch (name) {
      case "sheetData":
        this.inSheetData = true;
        return;
      case "row": {
        if (!this.inSheetData) return;
        const r = parseInt(attribute(s, from, to, "r") ?? "", 10);
        const number = Number.isNaN(r) ? this.lastRow + 1 : r;
        this.lastRow = number;
        this.lastColumn = 0;
        this.row = { number, cells: [], tooFar: 0 };
        return;
      }
      case "c": {
        if (!this.row) return;
        const ref = valueAt(s, from, to, "r");
        this.cellColumn = ref < 0 ? 0 : columnAt(s, ref, valueEnd);
        const style = valueAt(s, from, to, "s");
        this.cellStyle = style < 0 ? Number.NaN : integerAt(s, style, valueEnd);
        const type = valueAt(s, from, to, "t");
        this.cellType = type < 0 ? undefined : s.slice(type, valueEnd);
        this.inCell = true;
        this.hasFormula = false;
        this.hasValue = false;
        this.into = Into.Nothing;
        return;
      }
      case "f":
        if (!this.inCell) return;
        this.hasFormula = true;
        this.into = Into.Formula;
        return;
      case "v":
      case "is":
      case "t":
        if (!this.inCell) return;
        this.hasValue = true;
        this.into = Into.Value;
        this.text = "";
        return;
      default:
        return;
    }
  }

  private close(name: string): void {
    switch (name) {
      case "sheetData":
        this.inSheetData = false;
        return;
      case "row": {
        const row = this.row;
        if (!row) return;
        this.row = null;
        if (row.tooFar > 0) throw tooManyColumns(this.ctx.sheet, row.number, row.tooFar);
        if (row.cells.length > 0)
          this.rows.push({ sheet: this.ctx.sheet, row: row.number, cells: row.cells });
        return;
      }
      case "c": {
        const row = this.row;
        if (!this.inCell || !row) return;
        this.inCell = false;
        const value = this.hasFormula || this.hasValue ? this.value() : null;
        this.into = Into.Nothing;
        this.text = "";
        const column = this.cellColumn > 0 ? this.cellColumn : this.lastColumn + 1;
        this.lastColumn = column;
        if (value === null) return;
        if (column > LIMITS.maxColumns) {
          if (row.tooFar === 0 || column < row.tooFar) row.tooFar = column;
          return;
        }
        const cells = row.cells;
        while (cells.length < column - 1) cells.push(null);
        cells[column - 1] = value;
        return;
      }
      default:
        return;
    }
  }

  /** What exceljs makes of the cell, flattened as read-xlsx's flattenCellValue does. */
  private value(): Cell {
    const { ctx } = this;
    const style = this.cellStyle;
    const type = this.cellType;
    const text = decodeXmlText(this.text);
    if (this.hasFormula) {
      if (!this.hasValue) return null;
      if (type === "str") return textCell(exceljsXmlDecode(text));
      const result = parseFloat(text);
      // exceljs's formula result is a number; a date format makes it a date (ignoring 1904).
      const isDate = style ? ctx.isDateStyle(style) : false;
      return isDate ? excelSerialToDate(result) : numberCell(result);
    }
    switch (type) {
      case "s": {
        return textCell(ctx.sharedStrings?.get(parseInt(text, 10)));
      }
      case "inlineStr":
      case "str":
        return textCell(exceljsXmlDecode(text));
      case "e":
        return text;
      case "b":
        return parseInt(text, 10) !== 0;
      default: {
        const number = parseFloat(text);
        if (style && ctx.isDateStyle(style)) {
          const date = excelSerialToDate(number, ctx.date1904);
          return Number.isNaN(date.getTime()) ? null : date;
        }
        return numberCell(number);
      }
    }
  }
}

/** The name of the tag whose name starts at `from`; its tag ends at `gt`. */
function tagName(s: string, from: number, gt: number): string {
  let end = from;
  for (;;) {
    const code = s.charCodeAt(end);
    if (
      end >= gt ||
      code === 0x20 ||
      code === SLASH ||
      code === 0x0a ||
      code === 0x09 ||
      code === 0x0d
    )
      break;
    end++;
  }
  if (end === from) throw malformed("a tag without a name");
  return s.slice(from, end);
}

/**
 * Where markup starting "<!" or "<?" ends: comments and instructions are skipped, CDATA too
 * (exceljs listens to no CDATA events), a DOCTYPE never gets here (the XML caps refuse it).
 * -1: not in this text yet.
 */
function skipSpecial(s: string, lt: number, next: number): number {
  if (next === QUESTION) {
    const end = s.indexOf("?>", lt + 2);
    return end < 0 ? -1 : end + 2;
  }
  if (s.startsWith("<!--", lt)) {
    const end = s.indexOf("-->", lt + 4);
    return end < 0 ? -1 : end + 3;
  }
  if (s.startsWith("<![CDATA[", lt)) {
    const end = s.indexOf("]]>", lt + 9);
    return end < 0 ? -1 : end + 3;
  }
  if (s.length - lt < 9) return -1; // cannot tell yet
  const end = tagEnd(s, lt + 2);
  return end < 0 ? -1 : end + 1;
}

/** Where the tag starting at `from` ends (its ">"), skipping quoted attribute values; -1: not yet. */
function tagEnd(s: string, from: number): number {
  let i = from;
  for (;;) {
    const code = s.charCodeAt(i);
    if (code === GT) return i;
    if (code === QUOTE || code === APOSTROPHE) {
      const close = s.indexOf(code === QUOTE ? '"' : "'", i + 1);
      if (close < 0) return -1;
      i = close + 1;
    } else if (Number.isNaN(code)) {
      return -1; // past the end of the text
    } else {
      i++;
    }
  }
}

/**
 * The shared strings part read as exceljs caches it, but as plain texts (rich text runs joined,
 * which is all a report's cells keep of them) and without XML events: 1,000,000 unique invoice
 * numbers took exceljs's reader past 300 MB. A string is the text of its `<t>` elements, runs
 * included, phonetic readings (`<rPh>`) left out; a string with no text is null.
 */
export class SharedStringsXmlReader {
  readonly strings = new SharedStrings();
  private pending = "";
  private readonly open: string[] = [];
  private inString = false;
  private inText = false;
  private phonetic = 0;
  private text: string | null = null;
  private part = "";

  feed(chunk: string): void {
    const s = this.pending === "" ? chunk : this.pending + chunk;
    this.pending = "";
    let pos = 0;
    while (pos < s.length) {
      const lt = s.indexOf("<", pos);
      if (lt < 0) {
        this.pending = s.slice(pos);
        return;
      }
      if (lt > pos && this.inText) this.part += s.slice(pos, lt);
      const next = s.charCodeAt(lt + 1);
      let end: number;
      if (next === BANG || next === QUESTION) {
        end = skipSpecial(s, lt, next);
      } else {
        const gt = tagEnd(s, lt + 1);
        if (gt >= 0) this.tag(s, lt, gt);
        end = gt < 0 ? -1 : gt + 1;
      }
      if (end < 0) {
        this.pending = s.slice(lt);
        return;
      }
      pos = end;
    }
  }

  end(): void {
    if (this.pending.trim() !== "" || this.open.length > 0) throw malformed("unexpected end");
    this.strings.finish();
  }

  private tag(s: string, lt: number, gt: number): void {
    const closing = s.charCodeAt(lt + 1) === SLASH;
    const name = tagName(s, closing ? lt + 2 : lt + 1, gt);
    if (closing) {
      if (this.open.pop() !== name) throw malformed(`</${name}> closes nothing`);
      this.close(name);
      return;
    }
    this.opened(name);
    if (s.charCodeAt(gt - 1) === SLASH) this.close(name);
    else this.open.push(name);
  }

  private opened(name: string): void {
    if (name === "si") {
      this.inString = true;
      this.phonetic = 0;
      this.text = null;
    } else if (name === "rPh") {
      this.phonetic += 1;
    } else if (name === "t" && this.inString && this.phonetic === 0) {
      this.inText = true;
      this.part = "";
    }
  }

  private close(name: string): void {
    if (name === "t" && this.inText) {
      this.inText = false;
      const text = decodeXmlText(this.part);
      this.part = "";
      this.text = this.text === null ? text : this.text + text;
    } else if (name === "rPh") {
      this.phonetic -= 1;
    } else if (name === "si" && this.inString) {
      this.inString = false;
      this.strings.push(this.text);
      this.text = null;
    }
  }
}

/** Strings per page of SharedStrings. */
const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;
const NO_TEXT = 0xffffffff;

/**
 * A workbook's shared strings, held as one text per page of 4,096 strings and their ends: a
 * million short strings as JS strings cost about three times the memory (SPEC 9's 300 MB).
 */
export class SharedStrings {
  private readonly pages: string[] = [];
  /** Where each string ends in its page's text; NO_TEXT for a string without text. */
  private ends = new Uint32Array(PAGE_SIZE);
  private page: string[] = [];
  private pageLength = 0;
  length = 0;

  push(text: string | null): void {
    const slot = this.length & (PAGE_SIZE - 1);
    if (slot === 0 && this.length > 0) this.closePage();
    if (this.length >= this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    if (text === null) {
      this.ends[this.length] = NO_TEXT;
    } else {
      this.page.push(text);
      this.pageLength += text.length;
      this.ends[this.length] = this.pageLength;
    }
    this.length += 1;
  }

  /** The string at `index`: null when it has no text, undefined when there is none. */
  get(index: number): string | null | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    const end = this.ends[index];
    if (end === NO_TEXT) return null;
    const pageNo = index >>> PAGE_BITS;
    let start = 0;
    for (let i = index - 1; i >= pageNo << PAGE_BITS; i--) {
      if (this.ends[i] !== NO_TEXT) {
        start = this.ends[i];
        break;
      }
    }
    return this.pages[pageNo].slice(start, end);
  }

  /** No more strings: the last page is kept like the others. */
  finish(): void {
    if (this.pages.length * PAGE_SIZE < this.length) this.closePage();
  }

  private closePage(): void {
    this.pages.push(this.page.join(""));
    this.page = [];
    this.pageLength = 0;
  }
}
