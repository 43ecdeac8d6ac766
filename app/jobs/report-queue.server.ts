// Runs report ingestion jobs in the background, one at a time, in upload order, each in a worker
// thread so requests are answered meanwhile. Progress and outcome are written to the jobs and
// reports tables, so any request (or a restart) can see them.
import { ingestVersion, type IngestTarget } from "@imports/ingest.server";
import type { ColumnMapping } from "@imports/headers";
import { getJob, jobProgressRecorder } from "~/models/jobs.server";
import { fail, startProcessing } from "~/models/report-lifecycle.server";
import { getReport } from "~/models/reports.server";
import { getColumnMapping, getSupplier } from "~/models/suppliers.server";
import { noteJob } from "./cluster.server";
import { registerThreadTask, runInThread } from "./worker-thread.server";

let queue: Promise<void> = Promise.resolve();

/** Queues the job; the returned promise settles when it has run (tests and scripts await it). */
export function enqueueReportJob(jobId: number): Promise<void> {
  noteJob("report", jobId, true);
  queue = queue
    .then(() => runInThread("report", jobId))
    .catch((error) => {
      console.error(`Report job ${jobId} failed unexpectedly:`, error);
      // The thread died before it could say so itself (out of memory, say).
      const reportId = getJob(jobId)?.reportId;
      if (reportId && getReport(reportId)?.status === "processing")
        failUnexpectedly(reportId, error);
    })
    .finally(() => noteJob("report", jobId, false));
  return queue;
}

/** The job's version lands or is rejected by the ingestion; anything thrown fails it. */
export async function runReportJob(jobId: number): Promise<void> {
  const target = queuedTarget(jobId);
  if (!target) return;
  startProcessing(target.reportId);
  try {
    await ingestVersion(target, { onProgress: jobProgressRecorder(jobId) });
  } catch (error) {
    console.error(`Report job ${jobId} failed unexpectedly:`, error);
    failUnexpectedly(target.reportId, error);
  }
}
registerThreadTask("report", runReportJob);

function failUnexpectedly(reportId: number, error: unknown) {
  fail(
    reportId,
    `Processing failed unexpectedly (${(error as Error).message}). Nothing of this upload was kept; please try again.`,
  );
}

/** What the job is to ingest, while it is still queued. */
function queuedTarget(jobId: number): IngestTarget | undefined {
  const job = getJob(jobId);
  if (!job?.reportId || job.status !== "queued") return undefined;
  const report = getReport(job.reportId);
  const supplier = report ? getSupplier(report.supplierId) : undefined;
  if (!report || !supplier) return undefined;
  return {
    reportId: report.id,
    supplierId: report.supplierId,
    period: report.period,
    path: report.storedPath,
    fileName: report.fileName,
    dateOrder: supplier.dateOrder,
    currency: supplier.currency,
    mapping: getColumnMapping(supplier.id) as ColumnMapping,
    today: new Date().toISOString().slice(0, 10),
  };
}
