// One way in for a supplier report, from the upload screen and from the API alike: receive the
// file, decide whose report and which month it is, queue it, and start processing.
import { randomBytes } from "node:crypto";
import { copyFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import type { Actor } from "~/auth/authorize.server";
import { assertOwns } from "~/auth/authorize.server";
import { enqueueReportJob } from "~/jobs/report-queue.server";
import { getSupplier } from "~/models/suppliers.server";
import { getReport, submitReport } from "~/models/reports.server";
import { LIMITS } from "@imports/limits";
import { badRequest, notFound } from "./errors.server";
import { receiveUpload } from "./upload.server";

const currentMonth = () => new Date().toISOString().slice(0, 7);

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const periodField = z
  .string({ required_error: 'Say which month the report covers in "period", as YYYY-MM.' })
  .regex(MONTH, 'The period must be a month written YYYY-MM, e.g. "2026-03".')
  // Only a well-formed month is compared, so "2026-13" is not also told it lies in the future.
  .refine(
    (p) => !MONTH.test(p) || p <= currentMonth(),
    "The period cannot be a month that has not started yet.",
  );

const uploadFields = z.object({
  period: periodField,
  supplierId: z.coerce.number().int().positive().optional(),
});

/** Reads the multipart upload, validates it and queues the report; returns the queued version. */
export async function acceptReportUpload(request: Request, actor: Actor, ip?: string) {
  // The part limit counts the file alone (not the multipart envelope): a file over the limit is
  // cut off while it streams in, with the same 50 MiB the supplier reads everywhere else.
  const upload = await receiveUpload(request, LIMITS.maxFileBytes);
  try {
    const parsed = uploadFields.safeParse({
      period: upload.fields.get("period") ?? undefined,
      supplierId: upload.fields.get("supplierId") || undefined,
    });
    if (!parsed.success) throw parsed.error;
    const supplierId = actor.role === "supplier" ? actor.supplierId : parsed.data.supplierId;
    if (!supplierId) throw badRequest('Say which supplier the report is for in "supplierId".');
    assertOwns(request, actor, { supplierId });
    if (parsed.data.supplierId && parsed.data.supplierId !== supplierId)
      assertOwns(request, actor, { supplierId: parsed.data.supplierId });
    if (!getSupplier(supplierId)) throw notFound("That supplier");
    const { report, jobId } = await submitReport(
      actor,
      { supplierId, period: parsed.data.period, ...upload, fileName: upload.name },
      ip,
    );
    void enqueueReportJob(jobId);
    return report;
  } finally {
    await upload.remove();
  }
}

/**
 * Sends a rejected version's stored file through again as a new version of its month (after the
 * supplier saved a column mapping for it): the same as uploading the same file once more.
 */
export async function resubmitRejectedReport(
  request: Request,
  actor: Actor,
  reportId: number,
  ip?: string,
) {
  const earlier = getReport(reportId);
  if (!earlier) throw notFound("That report");
  assertOwns(request, actor, { supplierId: earlier.supplierId });
  if (earlier.status !== "rejected") throw badRequest("Only a rejected report can be sent again.");
  const copy = join(tmpdir(), `tierpool-resubmit-${randomBytes(8).toString("hex")}`);
  await copyFile(earlier.storedPath, copy);
  try {
    const { report, jobId } = await submitReport(
      actor,
      {
        supplierId: earlier.supplierId,
        period: earlier.period,
        path: copy,
        fileName: earlier.fileName,
        size: earlier.fileSize,
      },
      ip,
    );
    void enqueueReportJob(jobId);
    return report;
  } finally {
    await rm(copy, { force: true });
  }
}
