// Reads an XLSX file's rows in a thread of their own (sheet-reader.worker.ts, decision 090): the
// caller validates and stages rows while the next ones are parsed. One idle thread is kept for the
// next file (starting one costs ~100 ms); a read abandoned halfway (the chosen sheet is over) tells
// the thread to stop, and the thread is kept once it has.
import { Worker } from "node:worker_threads";
import { ImportError } from "./errors";
import type { FromReader, ToReader } from "./sheet-reader-messages";
import type { RawRow, ReadProgress } from "./types";

const here = import.meta.url;
/** The sources run the worker's TypeScript through tsx; the build has it bundled beside the server. */
const fromSources = here.endsWith(".ts");
// Names in variables: a literal `new URL("…", import.meta.url)` is taken by Vite for an asset.
const WORKER = fromSources ? "./sheet-reader.worker.ts" : "../workers/sheet-reader.js";

let idle: Worker | undefined;

/** From the sources, the thread first has tsx compile what it imports (execArgv does not reach it). */
const TSX_BOOT = `import("node:worker_threads").then(async ({ workerData }) => {
  (await import("tsx/esm/api")).register();
  await import(workerData);
});`;

function startWorker(): Worker {
  const file = new URL(WORKER, here);
  const worker = fromSources
    ? new Worker(TSX_BOOT, { eval: true, workerData: file.href })
    : new Worker(file);
  worker.unref(); // an idle reader does not keep the process alive
  worker.on("exit", () => {
    if (idle === worker) idle = undefined;
  });
  return worker;
}

function takeWorker(): Worker {
  const worker = idle ?? startWorker();
  idle = undefined;
  return worker;
}

function keepWorker(worker: Worker): void {
  if (idle) void worker.terminate();
  else idle = worker;
}

/** Yields the rows `readXlsxRows` yields, read in the reader's thread; refusals are the same. */
export async function* readXlsxRowsInThread(
  path: string,
  progress?: ReadProgress,
  sheetBytes?: number,
): AsyncGenerator<RawRow> {
  const worker = takeWorker();
  const inbox: FromReader[] = [];
  let wake: (() => void) | null = null;
  const deliver = (message: FromReader) => {
    inbox.push(message);
    wake?.();
    wake = null;
  };
  let dead = false;
  const died = (error: Error) => {
    dead = true;
    deliver({ type: "failed", message: error.message });
  };
  const exited = (code: number) => died(new Error(`the sheet reader thread exited with ${code}`));
  const send = (message: ToReader) => worker.postMessage(message);
  worker.on("message", deliver).on("error", died).on("exit", exited);
  let ended = false;
  try {
    send({ type: "read", path, sheetBytes });
    for (;;) {
      if (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift()!;
      if (message.type === "rows") {
        send({ type: "more" });
        if (progress) progress.fraction = message.fraction;
        yield* message.rows;
        continue;
      }
      ended = true;
      if (message.type === "done") return;
      if (message.type === "refused") {
        throw new ImportError(message.code, message.params, message.details);
      }
      throw new Error(message.message);
    }
  } finally {
    worker.off("message", deliver).off("error", died).off("exit", exited);
    if (dead) void worker.terminate();
    else if (ended) keepWorker(worker);
    else stopWorker(worker);
  }
}

/** Asks a thread to stop reading; it is kept once it says it has ended. */
function stopWorker(worker: Worker): void {
  const ended = (message: FromReader) => {
    if (message.type === "rows") return;
    worker.off("message", ended);
    keepWorker(worker);
  };
  worker.on("message", ended);
  worker.postMessage({ type: "stop" } satisfies ToReader);
}
