// Reads an XLSX file's rows in a thread of their own (sheet-reader.worker.ts, decision 090): the
// caller validates and stages rows while the next ones are parsed. One idle thread is kept for the
// next file (starting one costs ~100 ms); a read abandoned halfway (the chosen sheet is over) tells
// the thread to stop, and the thread is kept once it has.
import { Worker } from "node:worker_threads";
import { ImportError } from "./errors";
import type { FromReader, ToReader } from "./sheet-reader-messages";
import type { RawRow, ReadProgress } from "./types";

const here = import.meta.url;
// Names in variables: a literal `new URL("…", import.meta.url)` is taken by Vite for an asset.
const BUILT = "../workers/sheet-reader.js";
const BUILT_FROM_SOURCES = "../build/workers/sheet-reader.js";
const SOURCE = "./sheet-reader.worker.ts";

/**
 * The worker's file: bundled beside the server in the build; from the sources its TypeScript, run
 * through tsx, unless READER_FROM_BUILD=1 asks for the build (the bench measures what the server
 * runs, without tsx's weight in the thread).
 */
function workerFile(): { file: URL; typescript: boolean } {
  if (!here.endsWith(".ts")) return { file: new URL(BUILT, here), typescript: false };
  if (process.env.READER_FROM_BUILD === "1") {
    return { file: new URL(BUILT_FROM_SOURCES, here), typescript: false };
  }
  return { file: new URL(SOURCE, here), typescript: true };
}

/** From the sources, the thread first has tsx compile what it imports (execArgv does not reach it). */
const TSX_BOOT = `import("node:worker_threads").then(async ({ workerData }) => {
  (await import("tsx/esm/api")).register();
  await import(workerData);
});`;

/**
 * The thread's heap is bounded: with V8's defaults two busy heaps (this one and the caller's) took
 * a 1,000,000-row ingestion to 290–320 MB, past SPEC 9's 300; with these, 250–270 MB at the same
 * speed (a 4–8 MB young generation cost a fifth of the speed). What a file may make the thread
 * hold is capped far lower (LIMITS.xml: 64 M characters of shared strings, 8 M in a row).
 */
const HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 };

let idle: Worker | undefined;

function startWorker(): Worker {
  const { file, typescript } = workerFile();
  const worker = typescript
    ? new Worker(TSX_BOOT, { eval: true, workerData: file.href, resourceLimits: HEAP })
    : new Worker(file, { resourceLimits: HEAP });
  worker.on("exit", () => {
    if (idle === worker) idle = undefined;
  });
  return worker;
}

/** A thread at work keeps the process alive until the read ends; an idle one does not. */
function takeWorker(): Worker {
  const worker = idle ?? startWorker();
  idle = undefined;
  worker.ref();
  return worker;
}

function keepWorker(worker: Worker): void {
  worker.unref();
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
