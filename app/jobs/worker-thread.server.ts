// Heavy jobs (a report's parsing, validation and landing) run in a worker thread, so that reading
// a big file never holds the event loop that answers requests (issue 17, decision 079). The worker
// is the built server bundle itself started again in a thread: the bundle evaluates as usual, and
// this module, seeing it is the jobs thread, runs the tasks it is sent, one at a time. The thread
// is started on the first task and kept (starting one costs seconds on a busy machine); if it
// dies, the task in hand fails and the next task starts a new one.
// Outside the built bundle (unit tests run the TypeScript sources) tasks run inline.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

type Task = { seq: number; name: string; id: number; payload?: Uint8Array };
type Outcome = { seq: number; error?: string };
/** A task: the id of what to work on, and bytes it needs that are kept nowhere else. */
type Runner = (id: number, payload?: Uint8Array) => Promise<void>;

const runners = new Map<string, Runner>();
const bundle = import.meta.url;
const JOBS_THREAD = "tierpool-jobs";
/** JOBS_IN_THREADS=0 runs jobs on the main thread (e.g. to debug one). */
const threaded = () => bundle.endsWith(".js") && process.env.JOBS_IN_THREADS !== "0";

/** Names a task the jobs thread can run; every thread registers the same tasks as it loads. */
export function registerThreadTask(name: string, run: Runner): void {
  runners.set(name, run);
}

let worker: Worker | undefined;
let seq = 0;
const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

function jobsThread(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL(bundle), { workerData: { thread: JOBS_THREAD } });
  started.unref(); // an idle jobs thread does not keep the process alive
  started.on("message", ({ seq: done, error }: Outcome) => {
    const task = waiting.get(done);
    waiting.delete(done);
    if (error) task?.reject(new Error(error));
    else task?.resolve();
  });
  const lost = (error: Error) => {
    if (worker === started) worker = undefined;
    for (const task of waiting.values()) task.reject(error);
    waiting.clear();
  };
  started.on("error", lost);
  started.on("exit", (code) => lost(new Error(`the jobs thread exited with ${code}`)));
  worker = started;
  return started;
}

/**
 * Runs the task in the jobs thread, or inline outside the built bundle. The payload is copied to
 * the thread (a Buffer may share its memory with others, so it is not transferred).
 */
export function runInThread(name: string, id: number, payload?: Uint8Array): Promise<void> {
  const run = runners.get(name);
  if (!run) return Promise.reject(new Error(`no thread task named ${name}`));
  if (!threaded()) return run(id, payload);
  return new Promise((resolve, reject) => {
    const task: Task = { seq: ++seq, name, id, payload };
    waiting.set(task.seq, { resolve, reject });
    jobsThread().postMessage(task);
  });
}

if (!isMainThread && (workerData as { thread?: string } | null)?.thread === JOBS_THREAD) {
  let chain = Promise.resolve();
  parentPort?.on("message", (task: Task) => {
    chain = chain.then(async () => {
      try {
        const run = runners.get(task.name);
        if (!run) throw new Error(`no thread task named ${task.name}`);
        await run(task.id, task.payload);
        parentPort?.postMessage({ seq: task.seq } satisfies Outcome);
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        parentPort?.postMessage({ seq: task.seq, error: message } satisfies Outcome);
      }
    });
  });
}
