// Looks for the header row sheet by sheet while rows stream by: buffers at most the first 30
// non-blank rows of a sheet, and remembers what the column-mapping screen needs when no header is found.
import { ImportError } from "./errors";
import { REQUIRED_FIELDS, findHeader, type ColumnMapping, type HeaderMatch } from "./headers";
import { LIMITS } from "./limits";
import type { RawRow } from "./types";
import { isBlankRow } from "./values";

const PREVIEW_ROWS = 10;

export interface FoundHeader {
  sheet: string;
  match: HeaderMatch;
  /** The rows of that sheet already read below the header. */
  rowsBelow: RawRow[];
  /** The first rows of the sheet (for previews). */
  firstRows: RawRow[];
}

export class HeaderSearch {
  private sheet: string | null = null;
  private buffer: RawRow[] = [];
  /** The current sheet was searched without success: its remaining rows are ignored. */
  private skipping = false;
  private previewRows: RawRow[] | null = null;
  private bestPartial: HeaderMatch | null = null;

  constructor(private readonly mapping?: ColumnMapping) {}

  /**
   * Feeds one row. Returns the header of an EARLIER sheet when `row` starts a new sheet and the
   * previous one had a header (then `row` belongs to no chosen sheet), the header of the current
   * sheet once 30 rows are buffered, or null while still looking.
   */
  push(row: RawRow): { found: FoundHeader; previousSheet: boolean } | null {
    if (row.sheet !== this.sheet) {
      const found = this.conclude();
      if (found) return { found, previousSheet: true };
      this.startSheet(row.sheet);
    }
    if (this.skipping || isBlankRow(row.cells)) return null;
    this.buffer.push(row);
    if (this.buffer.length < LIMITS.headerSearchRows) return null;
    const found = this.conclude();
    return found ? { found, previousSheet: false } : null;
  }

  /** At the end of the file: the header of the last sheet, if it had one. */
  finish(): FoundHeader | null {
    return this.conclude();
  }

  /** The refusal when no sheet had a header: file_empty, or header_not_found with a preview. */
  failure(): ImportError {
    if (this.previewRows === null) return new ImportError("file_empty", { kind: "no_rows" });
    const missing = this.bestPartial?.missing ?? [...REQUIRED_FIELDS];
    return new ImportError(
      "header_not_found",
      { searchedRows: LIMITS.headerSearchRows, missing },
      { firstRows: this.previewRows, missing },
    );
  }

  private startSheet(sheet: string): void {
    this.sheet = sheet;
    this.buffer = [];
    this.skipping = false;
  }

  private conclude(): FoundHeader | null {
    if (this.skipping || this.sheet === null || this.buffer.length === 0) return null;
    const buffer = this.buffer;
    const firstRows = buffer.slice(0, PREVIEW_ROWS);
    this.previewRows ??= firstRows;
    this.buffer = [];
    this.skipping = true;
    const match = findHeader(buffer, this.mapping);
    if (match && match.missing.length === 0) {
      return {
        sheet: this.sheet,
        match,
        rowsBelow: buffer.slice(match.headerRowIndex + 1),
        firstRows,
      };
    }
    if (match && (!this.bestPartial || match.missing.length < this.bestPartial.missing.length)) {
      this.bestPartial = match;
    }
    return null;
  }
}
