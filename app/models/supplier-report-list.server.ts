// The supplier's reports as a list that sorts, filters and downloads (SPEC 6, issue 15 items 10
// and 11): the months of a year with whether each accepted report waits for the monthly run or
// has counted, and every upload of the year for the download.
import { MONTH_SHOWS, MONTH_SORTS, type MonthShow, type MonthSort } from "~/schemas/report-lists";
import type { ListSort } from "./list-order.server";
import { reportCountings, type ReportCounting } from "./report-counting.server";
import { reportsByMonth } from "./reports.server";
import { getSupplier } from "./suppliers.server";
import { supplierYear, type MonthRow } from "./supplier-reports.server";

export { MONTH_SHOWS, MONTH_SORTS, type MonthShow, type MonthSort };

export type MonthLine = MonthRow & { counting?: ReportCounting };

const countingOf = (m: MonthLine) => m.counting?.state;

const SHOWS: Record<MonthShow, (m: MonthLine) => boolean> = {
  missing: (m) => m.missing,
  waiting: (m) => countingOf(m) === "waiting",
  counted: (m) => countingOf(m) === "counted",
  refused: (m) => m.latest?.status === "rejected" || m.latest?.status === "failed",
};

/** A month's value for a sort key; null (no report) sorts last in either direction. */
function sortValue(m: MonthLine, key: MonthSort, currency: string): string | number | null {
  const v = m.latest;
  if (key === "month") return m.period;
  if (!v) return null;
  switch (key) {
    case "status":
      return v.status;
    case "version":
      return v.version;
    case "lines":
      return v.lines;
    case "total":
      return v.totals.find((x) => x.currency === currency)?.amountMinor ?? 0;
    case "warnings":
      return v.warnings;
    case "errors":
      return v.errors;
  }
}

/**
 * The months of `year`, each with its counting, narrowed to `show` and in the chosen order; and
 * how many months are missing a report, whatever is shown.
 */
export function supplierMonths(
  supplierId: number,
  year: number,
  currentMonth: string,
  sorted: ListSort<MonthSort>,
  show?: MonthShow,
): { months: MonthLine[]; missing: number } {
  const currency = getSupplier(supplierId)?.currency ?? "USD";
  const months = supplierYear(supplierId, year, currentMonth);
  // The version that counts of each month: accepted, and counted by a posted run or waiting.
  const shown = months.flatMap((m) => {
    const v = m.active ?? m.latest;
    return v ? [{ id: v.id, status: v.status }] : [];
  });
  const countings = reportCountings(supplierId, shown);
  const lines: MonthLine[] = months.map((m) => {
    const v = m.active ?? m.latest;
    return { ...m, counting: v ? countings.get(v.id) : undefined };
  });
  const sign = sorted.dir === "desc" ? -1 : 1;
  const shownMonths = lines.filter(show ? SHOWS[show] : () => true).sort((a, b) => {
    const x = sortValue(a, sorted.sort, currency);
    const y = sortValue(b, sorted.sort, currency);
    if (x === null || y === null)
      return x === y ? a.period.localeCompare(b.period) : x === null ? 1 : -1;
    const c = x < y ? -1 : x > y ? 1 : 0;
    return c !== 0 ? sign * c : a.period.localeCompare(b.period);
  });
  return { months: shownMonths, missing: lines.filter((m) => m.missing).length };
}

/** Every upload of `year`, month by month and newest upload first, with its counting. */
export function supplierUploads(supplierId: number, year: number) {
  const currency = getSupplier(supplierId)?.currency ?? "USD";
  const versions = [...reportsByMonth(supplierId, year).values()].flat();
  const countings = reportCountings(supplierId, versions);
  return {
    currency,
    rows: versions.map((r) => ({
      id: r.id,
      period: r.period,
      version: r.version,
      status: r.status,
      fileName: r.fileName,
      uploadedAt: r.uploadedAt,
      rows: r.rows,
      lines: r.linesCount,
      warnings: r.warningsCount,
      errors: r.errorsCount,
      totals: r.totals,
      counting: countings.get(r.id)!,
    })),
  };
}
