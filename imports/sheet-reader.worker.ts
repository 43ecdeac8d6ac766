// The sheet reader's own thread (issue 17, decision 090): reads an XLSX file's rows while the
// thread that asked for them validates, stages and lands them, so that work hides behind parsing.
// Rows go back in batches, never more than AHEAD batches before the reader has taken them: a fast
// parser cannot fill memory with rows nobody has read yet.
import { parentPort } from "node:worker_threads";
import { isImportError } from "./errors";
import { readXlsxRows } from "./read-xlsx";
import type { RawRow, ReadProgress } from "./types";
import type { FromReader, ToReader } from "./sheet-reader-messages";

const BATCH_ROWS = 500;
const AHEAD = 4;

let credits = AHEAD;
let wakeReader: (() => void) | null = null;
let stopped = false;

async function read(path: string, sheetBytes: number | undefined): Promise<void> {
  const progress: ReadProgress = { fraction: 0 };
  const send = (message: FromReader) => parentPort!.postMessage(message);
  try {
    let rows: RawRow[] = [];
    for await (const row of readXlsxRows(path, progress, sheetBytes)) {
      rows.push(row);
      if (rows.length < BATCH_ROWS) continue;
      send({ type: "rows", rows, fraction: progress.fraction });
      rows = [];
      if (--credits === 0) await new Promise<void>((wake) => (wakeReader = wake));
      if (stopped) break;
    }
    if (rows.length && !stopped) send({ type: "rows", rows, fraction: progress.fraction });
    send({ type: "done" });
  } catch (error) {
    if (isImportError(error)) {
      const { code, params, details } = error;
      send({ type: "refused", code, params, details });
    } else {
      send({ type: "failed", message: (error as Error).message ?? String(error) });
    }
  }
}

parentPort!.on("message", (message: ToReader) => {
  if (message.type === "read") {
    credits = AHEAD;
    stopped = false;
    void read(message.path, message.sheetBytes);
    return;
  }
  if (message.type === "stop") stopped = true;
  credits += 1;
  wakeReader?.();
  wakeReader = null;
});
