// Typed refusals of an uploaded file (too large, damaged, not a spreadsheet, no header...).
// Each code's message is written from its params by PIPELINE_TEXTS (en, es, pt-BR); the HTTP
// status of a refusal is chosen at the web edge only.
import { CodedError, type ErrorParams } from "~/errors/coded";
import { CLAIM_ERROR_CODES } from "./claims/error-texts";
import { PIPELINE_TEXTS } from "./error-texts";
import type { RawRow } from "./types";

export type { PipelineErrorParams } from "./error-texts";

export const PIPELINE_ERROR_CODES = [
  "file_too_large",
  "zip_bomb",
  "not_a_spreadsheet",
  "file_empty",
  "truncated_file",
  "malformed_csv",
  "too_many_rows",
  "too_many_columns",
  "header_not_found",
  "oversized_content",
  ...CLAIM_ERROR_CODES,
] as const;

export type PipelineErrorCode = (typeof PIPELINE_ERROR_CODES)[number];
export type ImportErrorCode = PipelineErrorCode;

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

export class ImportError extends CodedError<PipelineErrorCode> {
  declare readonly details?: ImportErrorDetails;

  /** `params`: the values the message names (see PipelineErrorParams); `details`: sent to the caller. */
  constructor(code: PipelineErrorCode, params: ErrorParams = {}, details?: ImportErrorDetails) {
    super(PIPELINE_TEXTS.en, code, params, details);
    this.name = "ImportError";
  }
}

export function isImportError(error: unknown): error is ImportError {
  return error instanceof ImportError;
}
