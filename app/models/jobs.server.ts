// Background jobs persisted with their progress, so a restart knows what was interrupted. Their
// status moves with their report version's, in report-lifecycle.server.ts.
import { eq } from "drizzle-orm";
import { getDb } from "@db/client.server";
import { jobs } from "@db/schema";

export const INTERRUPTED_MESSAGE =
  "Processing was interrupted (the server stopped). Nothing of this upload was kept; please upload the file again.";

export type Job = typeof jobs.$inferSelect;

export function getJob(id: number): Job | undefined {
  return getDb().select().from(jobs).where(eq(jobs.id, id)).get();
}

/** Records a running job's progress; the statement is prepared once, as it runs on every tick. */
export function jobProgressRecorder(jobId: number): (rowsRead: number, fraction: number) => void {
  const update = getDb().$client.prepare(
    `UPDATE jobs SET rows_read = ?, progress_permille = ? WHERE id = ?`,
  );
  return (rowsRead, fraction) => {
    update.run(rowsRead, Math.round(fraction * 1000), jobId);
  };
}
