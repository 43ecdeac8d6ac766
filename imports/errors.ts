// Typed refusals of an uploaded file (too large, damaged, not a spreadsheet, no header...)
// and the one mapping from their codes to HTTP statuses.
import type { RawRow } from "./types";

export type ImportErrorCode =
  | "file_too_large"
  | "zip_bomb"
  | "not_a_spreadsheet"
  | "file_empty"
  | "truncated_file"
  | "malformed_csv"
  | "too_many_rows"
  | "too_many_columns"
  | "header_not_found";

export interface ImportErrorDetails {
  /** The zip part that tripped a limit (zip_bomb). */
  part?: string;
  limit?: number;
  actual?: number;
  sheet?: string;
  row?: number;
  /** header_not_found: the first rows of the first sheet, for the column-mapping screen. */
  firstRows?: RawRow[];
  /** header_not_found: the required fields that could not be found. */
  missing?: string[];
}

export class ImportError extends Error {
  readonly code: ImportErrorCode;
  readonly details?: ImportErrorDetails;

  constructor(code: ImportErrorCode, message: string, details?: ImportErrorDetails) {
    super(message);
    this.name = "ImportError";
    this.code = code;
    this.details = details;
  }
}

export function isImportError(error: unknown): error is ImportError {
  return error instanceof ImportError;
}

/** 413 when the upload is too large to take at all, 422 when its content cannot be used. */
export function statusForImportError(error: ImportError | ImportErrorCode): 413 | 422 {
  const code = typeof error === "string" ? error : error.code;
  return code === "file_too_large" ? 413 : 422;
}
