// Supplier report versions: taking an upload in (checks, duplicate refusal, storage, queueing),
// and reading them back for the supplier, the admin and the API.
import { createHash } from "node:crypto";
import { createReadStream, mkdirSync, renameSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { databasePath, getDb, inTransaction } from "@db/client.server";
import { jobs, reportProblems, reports, suppliers, type ReportStatus } from "@db/schema";
import { checkFileBeforeParsing } from "@imports/limits";
import { ImportError, isImportError } from "@imports/errors";
import { conflict, notFound } from "./errors";
import type { Actor } from "~/auth/authorize.server";
import { recordAudit } from "./audit.server";
import { contains, limitOf, offsetOf, orderFor, type ListSort } from "./list-order.server";
import { refreshLineTotals } from "./line-totals.server";
import { queueVersion } from "./report-lifecycle.server";

export type Report = typeof reports.$inferSelect;

/** Versions that still stand for their file: the same file again is refused while one exists. */
const LIVE_STATUSES: ReportStatus[] = ["queued", "processing", "active", "superseded"];

export function reportStorageDir(): string {
  return join(dirname(databasePath()), "reports");
}

function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", reject);
  });
}

export interface Submission {
  supplierId: number;
  period: string;
  path: string;
  fileName: string;
  size: number;
}

/**
 * Checks the file's limits (nothing parsed yet), refuses a file already uploaded, stores it and
 * queues its processing. Returns the queued version and its job.
 */
export async function submitReport(actor: Actor, upload: Submission, ip?: string) {
  try {
    await checkFileBeforeParsing(upload.path, upload.fileName);
  } catch (error) {
    // The refusal is the answer: the limits it tripped are for the logs, not the uploader.
    if (isImportError(error)) throw new ImportError(error.code, error.params);
    throw error;
  }
  const digest = await sha256(upload.path);
  const storage = reportStorageDir();
  mkdirSync(storage, { recursive: true });
  const queued = inTransaction((db) => {
    const earlier = db
      .select()
      .from(reports)
      .where(
        and(
          eq(reports.supplierId, upload.supplierId),
          eq(reports.fileSha256, digest),
          inArray(reports.status, LIVE_STATUSES),
        ),
      )
      .get();
    if (earlier) {
      const { id: reportId, period, version, fileName } = earlier;
      throw conflict("duplicate_file", { reportId, period, version, fileName }, { reportId });
    }
    const version =
      (db
        .select({ v: sql<number>`max(${reports.version})` })
        .from(reports)
        .where(and(eq(reports.supplierId, upload.supplierId), eq(reports.period, upload.period)))
        .get()?.v ?? 0) + 1;
    const { report, jobId } = queueVersion(db, {
      supplierId: upload.supplierId,
      period: upload.period,
      version,
      fileName: upload.fileName,
      fileSha256: digest,
      fileSize: upload.size,
      storedPath: "",
      uploadedBy: actor.id,
    });
    const storedPath = join(storage, `${report.id}${extname(upload.fileName).toLowerCase()}`);
    renameSync(upload.path, storedPath);
    db.update(reports).set({ storedPath }).where(eq(reports.id, report.id)).run();
    return { report: { ...report, storedPath }, jobId };
  });
  recordAudit(
    actor,
    "report.upload",
    { type: "report", id: queued.report.id },
    { supplierId: upload.supplierId, period: upload.period, file: upload.fileName },
    ip,
  );
  return queued;
}

export function getReport(id: number): Report | undefined {
  return getDb().select().from(reports).where(eq(reports.id, id)).get();
}

export function reportJob(reportId: number) {
  return getDb()
    .select()
    .from(jobs)
    .where(eq(jobs.reportId, reportId))
    .orderBy(desc(jobs.id))
    .limit(1)
    .get();
}

export function reportProblemsPage(reportId: number, page: number, pageSize: number) {
  const db = getDb();
  const where = eq(reportProblems.reportId, reportId);
  const rows = db
    .select()
    .from(reportProblems)
    .where(where)
    .orderBy(asc(reportProblems.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const total = db.select({ n: count() }).from(reportProblems).where(where).get()?.n ?? 0;
  return { rows, total };
}

export function allReportProblems(reportId: number) {
  return getDb()
    .select()
    .from(reportProblems)
    .where(eq(reportProblems.reportId, reportId))
    .orderBy(asc(reportProblems.id))
    .all();
}

export type ReportFilter = {
  supplierId?: number;
  period?: string;
  status?: ReportStatus;
  /** The file's name contains this text. */
  q?: string;
};

export const REPORT_SORTS = [
  "uploadedAt",
  "supplier",
  "period",
  "version",
  "status",
  "fileName",
  "rows",
  "errors",
] as const;
export type ReportSort = (typeof REPORT_SORTS)[number];

/** Newest first (ids follow upload order, so this is the primary key's index). */
export const DEFAULT_REPORT_SORT: ListSort<ReportSort> = { sort: "uploadedAt", dir: "desc" };

/** A page of reports (every matching report when `pageSize` is 0), newest first unless sorted. */
export function listReports(
  filter: ReportFilter,
  page: number,
  pageSize: number,
  sorted: ListSort<ReportSort> = DEFAULT_REPORT_SORT,
) {
  const where: SQL[] = [];
  if (filter.supplierId) where.push(eq(reports.supplierId, filter.supplierId));
  if (filter.period) where.push(eq(reports.period, filter.period));
  if (filter.status) where.push(eq(reports.status, filter.status));
  const named = contains(reports.fileName, filter.q);
  if (named) where.push(named);
  const cond = where.length ? and(...where) : undefined;
  const paging = pageSize > 0 ? { page, pageSize } : undefined;
  const db = getDb();
  const rows = db
    .select({
      id: reports.id,
      supplierId: reports.supplierId,
      supplierName: suppliers.name,
      period: reports.period,
      version: reports.version,
      status: reports.status,
      fileName: reports.fileName,
      rows: reports.rows,
      linesCount: reports.linesCount,
      errorsCount: reports.errorsCount,
      warningsCount: reports.warningsCount,
      totals: reports.totals,
      uploadedAt: reports.uploadedAt,
      held: sql<number>`(SELECT count(*) FROM report_lines l WHERE l.report_id = ${reports.id} AND l.duplicate_status = 'held')`,
    })
    .from(reports)
    .innerJoin(suppliers, eq(suppliers.id, reports.supplierId))
    .where(cond)
    .orderBy(
      ...orderFor(
        {
          uploadedAt: reports.id,
          supplier: suppliers.name,
          period: reports.period,
          version: reports.version,
          status: reports.status,
          fileName: reports.fileName,
          rows: reports.rows,
          errors: reports.errorsCount,
        },
        sorted,
        reports.id,
      ),
    )
    .limit(limitOf(paging))
    .offset(offsetOf(paging))
    .all();
  const total = db.select({ n: count() }).from(reports).where(cond).get()?.n ?? 0;
  return { rows, total };
}

/** The latest version of each month of a supplier, for the month-by-month view. */
export function reportsByMonth(supplierId: number, year: number) {
  const rows = getDb()
    .select()
    .from(reports)
    .where(and(eq(reports.supplierId, supplierId), sql`${reports.period} LIKE ${`${year}-%`}`))
    .orderBy(asc(reports.period), desc(reports.version))
    .all();
  const byMonth = new Map<string, Report[]>();
  for (const r of rows) byMonth.set(r.period, [...(byMonth.get(r.period) ?? []), r]);
  return byMonth;
}

/** Releases a report's held duplicate lines: they count from the next run on. */
export function acceptDuplicates(actor: Actor, reportId: number, ip?: string): number {
  const accepted = inTransaction((db) => {
    const report = db.select().from(reports).where(eq(reports.id, reportId)).get();
    if (!report) throw notFound("report");
    const changed = db.$client
      .prepare(
        `UPDATE report_lines SET duplicate_status = 'accepted' WHERE report_id = ? AND duplicate_status = 'held'`,
      )
      .run(reportId).changes;
    if (changed > 0) refreshLineTotals(db, [reportId]);
    return changed;
  });
  if (accepted > 0)
    recordAudit(
      actor,
      "report.accept_duplicates",
      { type: "report", id: reportId },
      { accepted },
      ip,
    );
  return accepted;
}

/** The API shape of a report (SPEC 7), with every problem kept and the job's progress. */
export function reportForApi(report: Report, supplierCurrency: string) {
  const totals = Object.entries(report.totals).map(([currency, amountMinor]) => ({
    currency,
    amountMinor,
  }));
  const main = totals.find((t) => t.currency === supplierCurrency) ??
    totals[0] ?? { currency: supplierCurrency, amountMinor: 0 };
  const job = reportJob(report.id);
  return {
    id: report.id,
    supplierId: report.supplierId,
    period: report.period,
    version: report.version,
    status: report.status,
    fileName: report.fileName,
    rows: report.rows,
    lines: report.linesCount,
    errors: report.errorsCount,
    warnings: report.warningsCount,
    message: report.message,
    progress: job ? { rowsRead: job.rowsRead, percent: Math.floor(job.progress / 10) } : null,
    problems: allReportProblems(report.id).map(
      ({ sheet, row, column, severity, code, message }) => ({
        sheet,
        row,
        column,
        severity,
        code,
        message,
      }),
    ),
    totals: main,
    totalsByCurrency: totals,
  };
}
