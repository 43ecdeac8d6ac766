// Runs report ingestion jobs in the background, one at a time, in upload order. Progress and
// outcome are written to the jobs and reports tables, so any request (or a restart) can see them.
import { eq } from "drizzle-orm";
import { getDb, inTransaction } from "@db/client.server";
import { jobs, reports, suppliers } from "@db/schema";
import { ingestReport, layoutDetails, saveProblems } from "@imports/ingest.server";
import type { ColumnMapping } from "@imports/headers";
import { getColumnMapping } from "~/models/suppliers.server";

let queue: Promise<void> = Promise.resolve();

/** Queues the job; the returned promise settles when it has run (tests and scripts await it). */
export function enqueueReportJob(jobId: number): Promise<void> {
  queue = queue
    .then(() => runReportJob(jobId))
    .catch((error) => {
      console.error(`Report job ${jobId} failed unexpectedly:`, error);
    });
  return queue;
}

const now = () => new Date().toISOString();

export async function runReportJob(jobId: number): Promise<void> {
  const db = getDb();
  const job = db.select().from(jobs).where(eq(jobs.id, jobId)).get();
  if (!job?.reportId || job.status !== "queued") return;
  const report = db.select().from(reports).where(eq(reports.id, job.reportId)).get();
  const supplier = report
    ? db.select().from(suppliers).where(eq(suppliers.id, report.supplierId)).get()
    : undefined;
  if (!report || !supplier) return;
  inTransaction((tx) => {
    tx.update(jobs).set({ status: "running", startedAt: now() }).where(eq(jobs.id, jobId)).run();
    tx.update(reports).set({ status: "processing" }).where(eq(reports.id, report.id)).run();
  });
  const setProgress = db.$client.prepare(
    `UPDATE jobs SET rows_read = ?, progress_permille = ? WHERE id = ?`,
  );
  try {
    const outcome = await ingestReport(
      db,
      {
        reportId: report.id,
        supplierId: report.supplierId,
        period: report.period,
        path: report.storedPath,
        fileName: report.fileName,
        dateOrder: supplier.dateOrder,
        currency: supplier.currency,
        mapping: getColumnMapping(supplier.id) as ColumnMapping,
        today: now().slice(0, 10),
      },
      {
        onProgress: (rowsRead, fraction) =>
          setProgress.run(rowsRead, Math.round(fraction * 1000), jobId),
      },
    );
    inTransaction((tx) => {
      if (outcome.status === "rejected") {
        const summary = outcome.summary;
        if (summary) saveProblems(tx, report.id, summary.problems);
        tx.update(reports)
          .set({
            status: "rejected",
            message: outcome.message,
            format: summary?.format ?? null,
            rows: summary?.rows ?? 0,
            linesCount: 0,
            errorsCount: summary?.errorCount ?? 1,
            warningsCount: summary?.warningCount ?? 0,
            totals: summary?.totalsByCurrency ?? {},
            details: summary ? layoutDetails(summary) : (outcome.refusal ?? null),
            processedAt: now(),
          })
          .where(eq(reports.id, report.id))
          .run();
      }
      tx.update(jobs)
        .set({ status: "done", progress: 1000, finishedAt: now() })
        .where(eq(jobs.id, jobId))
        .run();
    });
  } catch (error) {
    const message = `Processing failed unexpectedly (${(error as Error).message}). Nothing of this upload was kept; please try again.`;
    inTransaction((tx) => {
      tx.update(jobs)
        .set({ status: "failed", message, finishedAt: now() })
        .where(eq(jobs.id, jobId))
        .run();
      tx.update(reports)
        .set({ status: "failed", message, processedAt: now() })
        .where(eq(reports.id, report.id))
        .run();
    });
  }
}
