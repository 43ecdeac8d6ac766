// The schedule of background jobs, shared by every server process on the database: a job's next
// run time (the portal's clock) and the lease of the process running it (the wall clock).
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { getDb, inTransaction } from "@db/client.server";
import { schedules } from "@db/schema";

export type Schedule = typeof schedules.$inferSelect;

/** Adds the job's row unless it exists (a restart keeps the stored next run). */
export function ensureSchedule(name: string, firstRunAt: string): void {
  getDb().insert(schedules).values({ name, nextRunAt: firstRunAt }).onConflictDoNothing().run();
}

/**
 * Takes the job for `owner` when it is due and nobody holds it: one write transaction, so of two
 * processes asking at once exactly one gets it. Returns whether this one did.
 */
export function leaseDueSchedule(
  name: string,
  owner: string,
  nowIso: string,
  nowMs: number,
  leaseUntilMs: number,
): boolean {
  return inTransaction(
    (db) =>
      db
        .update(schedules)
        .set({ leaseOwner: owner, leaseUntilMs })
        .where(
          and(
            eq(schedules.name, name),
            lte(schedules.nextRunAt, nowIso),
            or(isNull(schedules.leaseUntilMs), lte(schedules.leaseUntilMs, nowMs)),
          ),
        )
        .run().changes === 1,
  );
}

/** Records a run and its next time, and lets go of the lease (only if still held by `owner`). */
export function finishScheduledRun(
  name: string,
  owner: string,
  run: { ranAt: string; nextRunAt: string; error: string | null },
): void {
  getDb()
    .update(schedules)
    .set({
      nextRunAt: run.nextRunAt,
      lastRunAt: run.ranAt,
      lastError: run.error,
      leaseOwner: null,
      leaseUntilMs: null,
    })
    .where(and(eq(schedules.name, name), eq(schedules.leaseOwner, owner)))
    .run();
}

export function getSchedule(name: string): Schedule | undefined {
  return getDb().select().from(schedules).where(eq(schedules.name, name)).get();
}
