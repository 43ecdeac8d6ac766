// Aggregates the three dashboards share: counts, and what the last posted allocation run of a
// program says (pooled volume, tier, member volumes); the programs of a year come from
// programs.server.
// They read allocation runs, journal lines and line_totals, never raw report lines.
import { countRows, prepared } from "@db/client.server";
import { readUntilChanged } from "@db/read-cache.server";
import { members, suppliers, users } from "@db/schema";

export function consortiumCounts() {
  return { members: countRows(members), suppliers: countRows(suppliers), users: countRows(users) };
}

export type PostedRun = {
  id: number;
  programId: number;
  month: string;
  pooledVolumeMinor: number;
  tierIndex: number | null;
  rateBps: number;
  postedAt: string | null;
};

const RUN_COLUMNS = `id, program_id AS programId, month, pooled_volume_minor AS pooledVolumeMinor,
  tier_index AS tierIndex, rate_bps AS rateBps, posted_at AS postedAt`;

/**
 * The program's latest posted run (the last month; of a month posted twice, the true-up): every
 * dashboard asks it of every program, so it is kept until the database changes.
 */
export function lastPostedRun(programId: number): Readonly<PostedRun> | null {
  return readUntilChanged(`lastPostedRun:${programId}`, () => {
    const row = prepared(
      `SELECT ${RUN_COLUMNS} FROM allocation_runs
        WHERE program_id = ? AND status = 'posted' ORDER BY month DESC, id DESC LIMIT 1`,
    ).get(programId) as PostedRun | undefined;
    return row ?? null;
  });
}

/** Per month of `year`, the latest posted run of each program (for the volume charts). */
export function postedRunsOfYear(year: number, programIds: number[]): PostedRun[] {
  if (programIds.length === 0) return [];
  const rows = prepared(
    `SELECT ${RUN_COLUMNS} FROM allocation_runs
      WHERE status = 'posted' AND month BETWEEN ? AND ?
        AND program_id IN (SELECT value FROM json_each(?))
      ORDER BY program_id, month, id`,
  ).all(`${year}-01`, `${year}-12`, JSON.stringify(programIds)) as PostedRun[];
  const latest = new Map<string, PostedRun>();
  for (const run of rows) latest.set(`${run.programId}:${run.month}`, run);
  return [...latest.values()];
}

// A posted run's member rows never change, so Σ of its positive volumes is read once per process.
const allocatedVolumes = new Map<number, number>();

/**
 * A member's year-to-date volume in a posted run, and Σ of the positive volumes (the allocation's
 * weights).
 */
export function runVolumes(runId: number, memberId: number | null) {
  const own =
    memberId === null
      ? undefined
      : (prepared(
          `SELECT volume_minor AS v FROM allocation_run_members WHERE run_id = ? AND member_id = ?`,
        ).get(runId, memberId) as { v: number } | undefined);
  let allocated = allocatedVolumes.get(runId);
  if (allocated === undefined) {
    allocated = (
      prepared(
        `SELECT coalesce(sum(volume_minor), 0) AS v FROM allocation_run_members
          WHERE run_id = ? AND volume_minor > 0`,
      ).get(runId) as { v: number }
    ).v;
    if (allocatedVolumes.size > 10_000) allocatedVolumes.clear();
    allocatedVolumes.set(runId, allocated);
  }
  return { memberVolumeMinor: own?.v ?? 0, allocatedVolumeMinor: allocated };
}

export type StackedSeries = { key: string; label: string };
/** One chart's data: a row per month, an amount per series key (minor units). */
export type StackedMonths = {
  currency: string;
  series: StackedSeries[];
  rows: ({ month: string } & Record<string, number | string>)[];
};

/** Rows of (month, series, currency, amount) as one stacked chart per currency, all 12 months. */
export function stackByMonth(
  year: number,
  rows: {
    month: string;
    seriesKey: string;
    seriesLabel: string;
    currency: string;
    amountMinor: number;
  }[],
): StackedMonths[] {
  const charts = new Map<string, StackedMonths>();
  for (const r of rows) {
    let chart = charts.get(r.currency);
    if (!chart) {
      chart = {
        currency: r.currency,
        series: [],
        rows: Array.from({ length: 12 }, (_, i) => ({
          month: `${year}-${String(i + 1).padStart(2, "0")}`,
        })),
      };
      charts.set(r.currency, chart);
    }
    if (!chart.series.some((s) => s.key === r.seriesKey)) {
      chart.series.push({ key: r.seriesKey, label: r.seriesLabel });
    }
    const row = chart.rows[Number(r.month.slice(5, 7)) - 1];
    if (!row) continue;
    row[r.seriesKey] = Number(row[r.seriesKey] ?? 0) + r.amountMinor;
  }
  for (const chart of charts.values()) {
    chart.series.sort((a, b) => a.label.localeCompare(b.label));
    for (const row of chart.rows) for (const s of chart.series) row[s.key] ??= 0;
  }
  return [...charts.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Amounts per currency, as the cards show them: largest first. */
export function byCurrency(rows: { currency: string; amountMinor: number }[]) {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.currency, (totals.get(r.currency) ?? 0) + r.amountMinor);
  return [...totals]
    .map(([currency, amountMinor]) => ({ currency, amountMinor }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

/** The year a dashboard shows: `?year=` when sensible, else this year. */
export function dashboardYear(url: string, today = new Date()): number {
  const current = today.getUTCFullYear();
  const asked = Number(new URL(url).searchParams.get("year"));
  return Number.isInteger(asked) && asked >= 2000 && asked <= current + 1 ? asked : current;
}
