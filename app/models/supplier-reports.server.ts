// What a supplier's screens show of its reports: the year month by month (what is missing) and
// one version in detail, with its processing progress, problems and the other versions of its month.
import { and, count, desc, eq } from "drizzle-orm";
import { getDb } from "@db/client.server";
import { reportLines, reports, type ReportStatus } from "@db/schema";
import { getSupplier } from "./suppliers.server";
import { reportJob, reportProblemsPage, reportsByMonth, type Report } from "./reports.server";

export type MonthKey = string;

const PENDING: ReportStatus[] = ["queued", "processing"];

/** Where the rows of a report read to the end sit in its file (what the problem XLSX needs). */
export type ReportLayout = { sheet: string; headerRow: number; headers: string[] };

/** A file refused as a whole: why, and for a missing header what the mapping screen needs. */
export type ReportRefusal = { code: string; missing: string[] };

export function reportLayout(report: Report): ReportLayout | null {
  const d = report.details;
  if (!d || typeof d.sheet !== "string" || !Array.isArray(d.headers)) return null;
  return { sheet: d.sheet, headerRow: Number(d.headerRow), headers: d.headers.map(String) };
}

export function reportRefusal(report: Report): ReportRefusal | null {
  const d = report.details;
  if (!d || typeof d.code !== "string") return null;
  const inner = (d.details ?? {}) as { missing?: unknown };
  return {
    code: d.code,
    missing: Array.isArray(inner.missing) ? inner.missing.map(String) : [],
  };
}

/** Totals as a list, the supplier's own currency first. */
function totalsList(totals: Record<string, number>, currency: string) {
  return Object.entries(totals)
    .map(([c, amountMinor]) => ({ currency: c, amountMinor }))
    .sort((a, b) =>
      a.currency === currency
        ? -1
        : b.currency === currency
          ? 1
          : a.currency.localeCompare(b.currency),
    );
}

/** The short form of a version, as the month grid and the version list show it. */
function versionSummary(r: Report, currency: string) {
  return {
    id: r.id,
    period: r.period,
    version: r.version,
    status: r.status,
    fileName: r.fileName,
    uploadedAt: r.uploadedAt,
    lines: r.linesCount,
    errors: r.errorsCount,
    warnings: r.warningsCount,
    totals: totalsList(r.totals, currency),
  };
}

export type VersionSummary = ReturnType<typeof versionSummary>;

export type MonthRow = {
  period: MonthKey;
  latest: VersionSummary | null;
  /** The version that counts, when it is not the latest (e.g. a later upload was rejected). */
  active: VersionSummary | null;
  /** A month that has ended without a report that counts (and none being processed). */
  missing: boolean;
  /** The month has not ended yet: its report is not due. */
  notDue: boolean;
};

/** The 12 months of `year` for a supplier; `currentMonth` decides which months are due. */
export function supplierYear(supplierId: number, year: number, currentMonth: MonthKey): MonthRow[] {
  const supplier = getSupplier(supplierId);
  const currency = supplier?.currency ?? "USD";
  const byMonth = reportsByMonth(supplierId, year);
  return Array.from({ length: 12 }, (_, i) => {
    const period = `${year}-${String(i + 1).padStart(2, "0")}`;
    const versions = byMonth.get(period) ?? [];
    const latest = versions[0];
    const active = versions.find((v) => v.status === "active");
    const pending = versions.some((v) => PENDING.includes(v.status));
    const notDue = period >= currentMonth;
    return {
      period,
      latest: latest ? versionSummary(latest, currency) : null,
      active: active && active.id !== latest?.id ? versionSummary(active, currency) : null,
      missing: !notDue && !active && !pending,
      notDue,
    };
  });
}

function heldLines(reportId: number): number {
  return (
    getDb()
      .select({ n: count() })
      .from(reportLines)
      .where(and(eq(reportLines.reportId, reportId), eq(reportLines.duplicateStatus, "held")))
      .get()?.n ?? 0
  );
}

function versionsOfMonth(report: Report, currency: string) {
  return getDb()
    .select()
    .from(reports)
    .where(and(eq(reports.supplierId, report.supplierId), eq(reports.period, report.period)))
    .orderBy(desc(reports.version))
    .all()
    .map((r) => versionSummary(r, currency));
}

/** One version as its detail page (and the upload page's polling) shows it. */
export function reportDetail(report: Report, page: number, pageSize: number) {
  const supplier = getSupplier(report.supplierId);
  const currency = supplier?.currency ?? "USD";
  const job = reportJob(report.id);
  const problems = reportProblemsPage(report.id, page, pageSize);
  const layout = reportLayout(report);
  return {
    report: {
      ...versionSummary(report, currency),
      supplierName: supplier?.name ?? "",
      currency,
      fileSize: report.fileSize,
      processedAt: report.processedAt,
      rows: report.rows,
      message: report.message,
      held: report.status === "active" ? heldLines(report.id) : 0,
      refusal: reportRefusal(report),
      hasProblemFile: layout !== null && problems.total > 0,
      progress:
        job && PENDING.includes(report.status)
          ? { rowsRead: job.rowsRead, percent: Math.min(100, Math.floor(job.progress / 10)) }
          : null,
    },
    versions: versionsOfMonth(report, currency),
    problems: problems.rows.map(({ id, sheet, row, column, severity, code, message }) => ({
      id,
      sheet,
      row,
      column,
      severity,
      code,
      message,
    })),
    problemsTotal: problems.total,
    page,
    pageSize,
  };
}

export type ReportDetail = ReturnType<typeof reportDetail>;
