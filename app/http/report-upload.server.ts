// One way in for a supplier report, from the upload screen and from the API alike: receive the
// file, decide whose report and which month it is, queue it, and start processing.
import { copyFile, rm } from "node:fs/promises";
import { z } from "zod";
import type { Actor } from "~/auth/authorize.server";
import { assertOwns } from "~/auth/authorize.server";
import { enqueueReportJob } from "~/jobs/report-queue.server";
import { getSupplier } from "~/models/suppliers.server";
import { getReport, submitReport } from "~/models/reports.server";
import { LIMITS } from "@imports/limits";
import { invalid, notFound } from "~/models/errors";
import { newUploadTempPath, withUpload } from "./upload.server";
import { isMonthKey, MONTH_PATTERN, monthOfDate } from "~/refunds/money";
import { MONTH_MIN } from "~/schemas/ranges";

const currentMonth = () => monthOfDate(new Date());

const periodField = z
  .string({ required_error: "period_required" })
  .regex(MONTH_PATTERN, "period_format")
  // Only a well-formed month is compared, so "2026-13" is not also told it lies in the future.
  .refine((p) => !isMonthKey(p) || p <= currentMonth(), "period_in_future")
  .refine((p) => !isMonthKey(p) || p >= MONTH_MIN, {
    message: "period_too_early",
    params: { min: MONTH_MIN },
  });

const uploadFields = z.object({
  period: periodField,
  supplierId: z.coerce.number().int().positive().optional(),
});

/** Reads the multipart upload, validates it and queues the report; returns the queued version. */
export async function acceptReportUpload(request: Request, actor: Actor, ip?: string) {
  // The part limit counts the file alone (not the multipart envelope): a file over the limit is
  // cut off while it streams in, with the same 50 MiB the supplier reads everywhere else.
  return withUpload(request, LIMITS.maxFileBytes, ["period", "supplierId"], async (upload) => {
    const parsed = uploadFields.safeParse({
      period: upload.fields.get("period") ?? undefined,
      supplierId: upload.fields.get("supplierId") || undefined,
    });
    if (!parsed.success) throw parsed.error;
    const supplierId = actor.role === "supplier" ? actor.supplierId : parsed.data.supplierId;
    if (!supplierId) throw invalid("supplier_id_required");
    assertOwns(request, actor, { supplierId });
    if (parsed.data.supplierId && parsed.data.supplierId !== supplierId)
      assertOwns(request, actor, { supplierId: parsed.data.supplierId });
    if (!getSupplier(supplierId)) throw notFound("supplier");
    const { report, jobId } = await submitReport(
      actor,
      { supplierId, period: parsed.data.period, ...upload, fileName: upload.name },
      ip,
    );
    void enqueueReportJob(jobId);
    return report;
  });
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
  if (!earlier) throw notFound("report");
  assertOwns(request, actor, { supplierId: earlier.supplierId });
  if (earlier.status !== "rejected") throw invalid("resend_needs_rejected");
  // In the upload folder, so a copy a crash leaves behind is swept at the next start.
  const copy = newUploadTempPath();
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
