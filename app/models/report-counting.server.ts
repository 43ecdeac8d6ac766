// Whether a supplier's accepted report has counted yet (SPEC 6, issue 15 item 10): an accepted
// version moves refunds only when a run of one of the supplier's programs covering its month is
// posted after it was accepted (the month's own run, or a later month's true-up, as the run history
// reads it). Until then the supplier reads "accepted, waiting for the monthly run".
import { prepared } from "@db/client.server";

/** The first posted run that counted an accepted version, per program covering its month. */
export type CountedIn = {
  programId: number;
  programName: string;
  currency: string;
  runId: number;
  runMonth: string;
  postedAt: string;
  /** The version's total in the program's currency. */
  amountMinor: number;
};

export type ReportCounting =
  /** Not accepted (queued, refused, replaced): nothing of it counts or waits. */
  | { state: "not_accepted" }
  /** Accepted, but no program of the supplier covers its month: it never moves a refund. */
  | { state: "no_program" }
  /** Accepted; no run covering its month has been posted since. */
  | { state: "waiting"; programs: string[] }
  | { state: "counted"; runs: CountedIn[] };

type Row = {
  reportId: number;
  programId: number;
  programName: string;
  currency: string;
  runId: number | null;
  runMonth: string | null;
  postedAt: string | null;
  amountMinor: number;
};

// For each accepted version and each program of its supplier whose window holds its month, the
// earliest run posted since the version was accepted, of that month or a later one.
const ROWS = `SELECT r.id AS reportId, p.id AS programId, p.name AS programName, p.currency,
    ar.id AS runId, ar.month AS runMonth, ar.posted_at AS postedAt,
    coalesce(json_extract(r.totals, '$.' || p.currency), 0) AS amountMinor
  FROM reports r
  JOIN programs p ON p.supplier_id = r.supplier_id
   AND substr(p.start, 1, 7) <= r.period AND substr(p."end", 1, 7) >= r.period
  LEFT JOIN allocation_runs ar ON ar.id = (
    SELECT a.id FROM allocation_runs a
     WHERE a.program_id = p.id AND a.status = 'posted' AND a.month >= r.period
       AND a.posted_at >= coalesce(r.processed_at, r.uploaded_at)
     ORDER BY a.posted_at, a.id LIMIT 1)
  WHERE r.supplier_id = @supplierId AND r.status = 'active'
    AND r.id IN (SELECT value FROM json_each(@ids))
  ORDER BY r.id, p.id`;

/** How each of `reportIds` (of one supplier) stands; ids not accepted read "not_accepted". */
export function reportCountings(
  supplierId: number,
  reports: { id: number; status: string }[],
): Map<number, ReportCounting> {
  const accepted = reports.filter((r) => r.status === "active").map((r) => r.id);
  const rows = accepted.length
    ? (prepared(ROWS).all({ supplierId, ids: JSON.stringify(accepted) }) as Row[])
    : [];
  const byReport = new Map<number, Row[]>();
  for (const row of rows) byReport.set(row.reportId, [...(byReport.get(row.reportId) ?? []), row]);
  const result = new Map<number, ReportCounting>();
  for (const r of reports) {
    if (r.status !== "active") {
      result.set(r.id, { state: "not_accepted" });
      continue;
    }
    const programs = byReport.get(r.id) ?? [];
    const counted = programs.filter((p) => p.runId !== null);
    result.set(
      r.id,
      programs.length === 0
        ? { state: "no_program" }
        : counted.length === 0
          ? { state: "waiting", programs: programs.map((p) => p.programName) }
          : {
              state: "counted",
              runs: counted.map((p) => ({
                programId: p.programId,
                programName: p.programName,
                currency: p.currency,
                runId: p.runId!,
                runMonth: p.runMonth!,
                postedAt: p.postedAt!,
                amountMinor: p.amountMinor,
              })),
            },
    );
  }
  return result;
}
