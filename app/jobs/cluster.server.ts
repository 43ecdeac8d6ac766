// Several server processes (WEB_CONCURRENCY, decision 080): node:cluster's primary boots the
// database and forks the processes that answer requests. Each tells the primary which jobs it
// holds (queued in its memory or running in its jobs thread); when one dies, the primary puts
// those report jobs back in the queue and hands them to a live process, so each job completes
// once. Claim uploads keep their bytes in the dead process's memory: they fail, as after a restart.
import cluster, { type Worker } from "node:cluster";
import { failInterruptedClaimUploads } from "~/models/claim-uploads.server";
import { requeueInterrupted } from "~/models/report-lifecycle.server";

type JobKind = "report" | "claim-upload";
type Note = { tierpool: "job"; kind: JobKind; id: number; held: boolean } | { tierpool: "ready" };
type RunReport = { tierpool: "run-report"; jobId: number };

/** In a forked process: tells the primary a job is now held, or no longer. */
export function noteJob(kind: JobKind, id: number, held: boolean): void {
  if (cluster.isWorker) process.send?.({ tierpool: "job", kind, id, held } satisfies Note);
}

/** In a forked process: runs the report jobs the primary hands over. */
export function takeHandedJobs(enqueue: (jobId: number) => unknown): void {
  if (!cluster.isWorker) return;
  process.on("message", (message: RunReport) => {
    if (message?.tierpool === "run-report") enqueue(message.jobId);
  });
  // The primary is gone (killed, say): this process goes too rather than serve on alone.
  process.on("disconnect", () => process.exit(1));
  process.send?.({ tierpool: "ready" } satisfies Note);
}

/** In the primary: keeps track of each process's jobs and recovers them when it dies. */
export function superviseJobs(): void {
  const held = new Map<number, Map<string, { kind: JobKind; id: number }>>();
  const ready = new Map<number, Worker>();
  let orphans: number[] = [];
  let turn = 0;
  const handOver = () => {
    const live = [...ready.values()].filter((worker) => worker.isConnected());
    if (live.length === 0) return;
    const jobs = orphans;
    orphans = [];
    for (const jobId of jobs) {
      // A process killed with the one that died may not have exited yet: its channel is closed
      // and the send fails (an unhandled 'error' would end the primary). The job then waits for
      // the next process to say it is ready.
      live[turn++ % live.length].send(
        { tierpool: "run-report", jobId } satisfies RunReport,
        (error) => {
          if (error) orphans.push(jobId);
        },
      );
    }
  };
  cluster.on("message", (worker: Worker, note: Note) => {
    if (note?.tierpool === "ready") {
      ready.set(worker.id, worker);
      handOver();
    }
    if (note?.tierpool !== "job") return;
    const jobs = held.get(worker.id) ?? new Map();
    held.set(worker.id, jobs);
    const key = `${note.kind}:${note.id}`;
    if (note.held) jobs.set(key, { kind: note.kind, id: note.id });
    else jobs.delete(key);
  });
  cluster.on("exit", (worker) => {
    const jobs = [...(held.get(worker.id)?.values() ?? [])];
    held.delete(worker.id);
    ready.delete(worker.id);
    const ids = (kind: JobKind) => jobs.filter((j) => j.kind === kind).map((j) => j.id);
    const requeued = ids("report").length ? requeueInterrupted(ids("report")) : [];
    if (ids("claim-upload").length) failInterruptedClaimUploads(undefined, ids("claim-upload"));
    if (requeued.length === 0) return;
    console.log(`A server process died; its report job(s) ${requeued.join(", ")} run again.`);
    orphans.push(...requeued);
    handOver();
  });
}
