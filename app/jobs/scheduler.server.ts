// Scheduled work (reminders, digests, escalations) run from the schedule kept in the database:
// each process polls it, and a due job is run by the one process that takes its lease. After
// downtime a job runs once, not once per missed slot (decision 050).
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { now } from "~/models/clock.server";
import { ensureSchedule, finishScheduledRun, leaseDueSchedule } from "~/models/schedules.server";
import { firstRunAt, nextRunAfter, type Cadence } from "./schedule-times";

export type Job = Cadence & { run(now: Date): unknown };

const OWNER = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
const jobs = new Map<string, Job>();
let timer: NodeJS.Timeout | undefined;
let ticking = false;

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** Adds a job to this process's scheduler (its row is created on first registration). */
export function registerJob(name: string, job: Job): void {
  jobs.set(name, job);
  ensureSchedule(name, firstRunAt(job, now()).toISOString());
}

/** Polls the schedule every SCHEDULER_POLL_MS (default 30 s) and runs what is due. */
export function startScheduler(): void {
  if (timer) return;
  const loop = async () => {
    try {
      await runDueJobs();
    } catch (error) {
      // The database was busy past its timeout, say: the next poll tries again.
      console.error("The scheduler failed to poll:", error);
    }
    timer = setTimeout(loop, setting("SCHEDULER_POLL_MS", 30_000));
    timer.unref();
  };
  void loop();
}

/** Runs each due job this process can lease; returns the names it ran. */
export async function runDueJobs(): Promise<string[]> {
  if (ticking) return [];
  ticking = true;
  const ran: string[] = [];
  try {
    for (const [name, job] of jobs) {
      const at = now();
      const nowMs = Date.now();
      const leaseMs = setting("SCHEDULER_LEASE_MS", 10 * 60_000);
      if (!leaseDueSchedule(name, OWNER, at.toISOString(), nowMs, nowMs + leaseMs)) continue;
      let error: string | null = null;
      try {
        await job.run(at);
      } catch (e) {
        error = (e as Error).message ?? String(e);
        console.error(`Scheduled job ${name} failed:`, e);
      }
      finishScheduledRun(name, OWNER, {
        ranAt: at.toISOString(),
        nextRunAt: nextRunAfter(job, now()).toISOString(),
        error,
      });
      ran.push(name);
    }
  } finally {
    ticking = false;
  }
  return ran;
}
