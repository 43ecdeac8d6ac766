// Background jobs persisted with their progress, so a restart knows what was interrupted.
import { eq, inArray } from "drizzle-orm";
import { getDb } from "@db/client.server";
import { jobs, reports } from "@db/schema";

export const INTERRUPTED_MESSAGE =
  "Processing was interrupted (the server stopped). Nothing of this upload was kept; please upload the file again.";

/** Fails jobs left queued or running; their report versions become failed (their lines never landed). */
export function recoverJobs(): number {
  const db = getDb();
  return db.$client
    .transaction(() => {
      const stuck = db
        .select()
        .from(jobs)
        .where(inArray(jobs.status, ["queued", "running"]))
        .all();
      const now = new Date().toISOString();
      for (const job of stuck) {
        db.update(jobs)
          .set({ status: "failed", message: INTERRUPTED_MESSAGE, finishedAt: now })
          .where(eq(jobs.id, job.id))
          .run();
        if (job.reportId) {
          db.update(reports)
            .set({ status: "failed", message: INTERRUPTED_MESSAGE, processedAt: now })
            .where(eq(reports.id, job.reportId))
            .run();
        }
      }
      return stuck.length;
    })
    .immediate();
}
