// Caps on the XML of a workbook, checked on the text as it streams to exceljs's XML parser and
// before that parser (or exceljs) accumulates it (SPEC 8). A part past a cap is refused as a whole,
// so memory stays bounded whatever a part inflates to; a DTD is refused outright.
//
// What is counted mirrors what accumulates: saxes holds one tag (attributes, a comment, a CDATA
// section) and one run of text at a time; exceljs's worksheet reader appends every text it sees
// to the value it last opened (`<v>`, `<f>`, `<is>`, `<t>` of a cell: text outside cells too)
// and holds a row's cells until the row ends; its shared strings reader holds one string's runs
// until `</si>`, then all strings. Element names are compared as exceljs does (no prefixes).
import { ImportError } from "./errors";
import { LIMITS } from "./limits";

/** How a part is read: a worksheet, the shared strings, or another part (workbook, styles...). */
export type XmlPartKind = "sheet" | "shared_strings" | "other";

type Caps = { readonly [K in keyof typeof LIMITS.xml]: number };
type What = "cell" | "row" | "cells" | "shared_strings" | "part" | "tag";

/** How far a tag's start is looked at to tell its name: `</sheetData` and `<![CDATA[` fit. */
const HEAD = 16;

const GT = 0x3e; // >
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;

/** The element names exceljs's readers act on. */
const enum Name {
  Other,
  SheetData,
  Row,
  C,
  Value, // v, f, is, t: a cell's value being read
  Si,
}

/** Markup that ends only at its own terminator, not at the first ">". */
const enum Special {
  None,
  Comment, // --> (its text may hold ">")
  Cdata, // ]]>
  Instruction, // ?>
}

function isNameEnd(code: number): boolean {
  // space, tab, CR, LF, "/" and ">" end a tag's name; NaN (past the end of the text) too.
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0d ||
    code === 0x0a ||
    code === SLASH ||
    code === GT ||
    Number.isNaN(code)
  );
}

/** The name of the element whose name starts at `at` (after "<" or "</"). */
function nameAt(s: string, at: number): Name {
  switch (s.charCodeAt(at)) {
    case 0x63: // c
      return isNameEnd(s.charCodeAt(at + 1)) ? Name.C : Name.Other;
    case 0x76: // v
    case 0x66: // f
    case 0x74: // t
      return isNameEnd(s.charCodeAt(at + 1)) ? Name.Value : Name.Other;
    case 0x69: // is
      return s.charCodeAt(at + 1) === 0x73 && isNameEnd(s.charCodeAt(at + 2))
        ? Name.Value
        : Name.Other;
    case 0x72: // row
      return s.startsWith("row", at) && isNameEnd(s.charCodeAt(at + 3)) ? Name.Row : Name.Other;
    case 0x73: // si, sheetData
      if (s.charCodeAt(at + 1) === 0x69 && isNameEnd(s.charCodeAt(at + 2))) return Name.Si;
      return s.startsWith("sheetData", at) && isNameEnd(s.charCodeAt(at + 9))
        ? Name.SheetData
        : Name.Other;
    default:
      return Name.Other;
  }
}

/**
 * Counts one part's XML as it passes, chunk by chunk (any chunking gives the same result);
 * `check` throws oversized_content as soon as a cap is passed.
 */
export class XmlCaps {
  // Where the scan is.
  private inTag = false;
  private tagChars = 0;
  private special = Special.None;
  private close = false;
  private name = Name.Other;
  /** The first characters of a tag that began at the end of the previous chunk. */
  private carriedHead: string | null = null;
  /** The last two characters of the tag so far (terminators, and "/>"). */
  private tail = "";
  // What exceljs holds (worksheets: inside sheetData, a row, a cell).
  private inRows = false;
  private inRow = false;
  private inCell = false;
  private valueText = 0;
  private rowText = 0;
  private rowCells = 0;
  private partText = 0;

  constructor(
    readonly part: string,
    private readonly kind: XmlPartKind,
    private readonly caps: Caps = LIMITS.xml,
  ) {}

  check(chunk: string): void {
    const n = chunk.length;
    let i = 0;
    if (this.carriedHead !== null) this.finishHead(chunk);
    while (i < n) {
      if (!this.inTag) {
        const lt = chunk.indexOf("<", i);
        if (lt !== i) this.addText((lt === -1 ? n : lt) - i);
        if (lt === -1) return;
        // The common case, kept cheap: an element's tag that ends within this chunk.
        const first = chunk.charCodeAt(lt + 1);
        const gt = first === BANG || first === QUESTION ? -1 : chunk.indexOf(">", lt + 1);
        if (gt !== -1) {
          if (gt + 1 - lt > this.caps.tagChars) throw this.refusal("tag", this.caps.tagChars);
          const close = first === SLASH;
          const name = nameAt(chunk, close ? lt + 2 : lt + 1);
          if (name !== Name.Other || this.kind === "other") {
            this.onTag(close, name, !close && chunk.charCodeAt(gt - 1) === SLASH);
          }
          i = gt + 1;
          continue;
        }
        this.startTag(chunk, lt);
        i = lt;
        continue;
      }
      const gt = chunk.indexOf(">", i);
      const end = gt === -1 ? n : gt + 1;
      this.tagChars += end - i;
      if (this.tagChars > this.caps.tagChars) throw this.refusal("tag", this.caps.tagChars);
      if (gt === -1) {
        this.tail = (this.tail + chunk.slice(Math.max(i, n - 2))).slice(-2);
      } else {
        const before = (this.tail + chunk.slice(Math.max(i, gt - 2), gt)).slice(-2);
        if (this.terminates(before)) {
          this.inTag = false;
          if (this.special === Special.None) {
            this.onTag(this.close, this.name, !this.close && before.endsWith("/"));
          }
        } else {
          this.tail = (before + ">").slice(-2);
        }
      }
      i = end;
    }
  }

  /** A tag that does not end in this chunk: told apart as soon as enough of it is read. */
  private startTag(chunk: string, at: number): void {
    this.inTag = true;
    this.tagChars = 0;
    this.tail = "";
    this.special = Special.None;
    this.name = Name.Other;
    // Enough of it is in this chunk to tell what it is, unless it begins near the end.
    if (at + HEAD <= chunk.length || chunk.indexOf(">", at) !== -1) this.classify(chunk, at);
    else this.carriedHead = chunk.slice(at);
  }

  /** Tells a tag carried over from the previous chunk once HEAD characters (or its end) are in. */
  private finishHead(chunk: string): void {
    const head = this.carriedHead + chunk.slice(0, HEAD);
    if (head.length < HEAD && !head.includes(">")) {
      this.carriedHead = head; // a tiny chunk: still not enough to tell
      return;
    }
    this.carriedHead = null;
    this.classify(head, 0);
  }

  /** What the tag starting at `at` is: a comment, CDATA, an instruction, a DTD, an element. */
  private classify(s: string, at: number): void {
    this.special = Special.None;
    const first = s.charCodeAt(at + 1);
    if (first === QUESTION) {
      this.special = Special.Instruction;
    } else if (first === BANG) {
      if (s.startsWith("!--", at + 1)) this.special = Special.Comment;
      else if (s.startsWith("![CDATA[", at + 1)) this.special = Special.Cdata;
      // Anything else after "<!" is a DTD (entities, external references): never in a workbook.
      else {
        const part = this.part;
        throw new ImportError("oversized_content", { what: "dtd", part }, { part });
      }
    } else {
      this.close = first === SLASH;
      this.name = nameAt(s, this.close ? at + 2 : at + 1);
    }
  }

  /** Whether a ">" preceded by `before` ends the tag (a comment or CDATA needs its terminator). */
  private terminates(before: string): boolean {
    switch (this.special) {
      case Special.None:
        return true;
      case Special.Comment:
        return before === "--";
      case Special.Cdata:
        return before === "]]";
      default:
        return before.endsWith("?");
    }
  }

  /** A tag has ended: what it opens or closes in exceljs's reading (a self-closing tag does both). */
  private onTag(close: boolean, name: Name, selfClosing: boolean): void {
    if (this.kind === "other") {
      if (!close) this.valueText = 0; // each element's text on its own
      return;
    }
    if (this.kind === "shared_strings") {
      if (name === Name.Si && !close) this.valueText = 0;
      return;
    }
    if (!close) this.opened(name);
    if (close || selfClosing) this.closed(name);
  }

  private opened(name: Name): void {
    switch (name) {
      case Name.SheetData:
        this.inRows = true;
        break;
      case Name.Row:
        if (!this.inRows) break;
        this.inRow = true;
        this.rowText = 0;
        this.rowCells = 0;
        break;
      case Name.C:
        if (!this.inRow) break;
        this.inCell = true;
        if (++this.rowCells > this.caps.rowCells) throw this.refusal("cells", this.caps.rowCells);
        break;
      case Name.Value:
        if (this.inCell) this.valueText = 0; // exceljs starts a new value: the last one is let go
        break;
    }
  }

  private closed(name: Name): void {
    if (name === Name.SheetData) this.inRows = false;
    else if (name === Name.Row) this.inRow = false;
    else if (name === Name.C && this.inRow) this.inCell = false;
  }

  private addText(chars: number): void {
    this.valueText += chars;
    if (this.valueText > this.caps.cellChars) throw this.refusal("cell", this.caps.cellChars);
    if (this.kind === "sheet") {
      this.rowText += chars;
      if (this.rowText > this.caps.rowChars) throw this.refusal("row", this.caps.rowChars);
      return;
    }
    this.partText += chars;
    if (this.kind === "shared_strings" && this.partText > this.caps.sharedStringsChars) {
      throw this.refusal("shared_strings", this.caps.sharedStringsChars);
    }
    if (this.kind === "other" && this.partText > this.caps.otherPartChars) {
      throw this.refusal("part", this.caps.otherPartChars);
    }
  }

  private refusal(what: What, max: number): ImportError {
    return new ImportError(
      "oversized_content",
      { what, part: this.part, max },
      { part: this.part, limit: max },
    );
  }
}

/** Passes `source` through unchanged, checking every chunk against the caps of `part`. */
export async function* checkedXml(
  part: string,
  kind: XmlPartKind,
  source: AsyncIterable<string>,
): AsyncGenerator<string> {
  const caps = new XmlCaps(part, kind);
  for await (const chunk of source) {
    caps.check(chunk);
    yield chunk;
  }
}
