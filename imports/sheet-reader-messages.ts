// What the sheet reader's thread and the thread reading through it say to each other.
import type { ErrorParams } from "~/errors/coded";
import type { ImportErrorCode, ImportErrorDetails } from "./errors";
import type { RawRow } from "./types";

export type ToReader =
  | { type: "read"; path: string; sheetBytes?: number }
  /** A batch was taken: the reader may send one more. */
  | { type: "more" }
  /** The rest is not wanted: the reader stops and closes the file. */
  | { type: "stop" };

export type FromReader =
  | { type: "rows"; rows: RawRow[]; fraction: number }
  | { type: "done" }
  | { type: "refused"; code: ImportErrorCode; params: ErrorParams; details?: ImportErrorDetails }
  | { type: "failed"; message: string };
