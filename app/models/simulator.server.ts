// The schedule simulator: a draft tier schedule applied to a program's past pooled volume,
// month by month, beside what the program's own schedule earned.
import { getDb } from "@db/client.server";
import { monthOf, nextMonth, type MonthKey } from "~/refunds/money";
import { pooledVolume } from "~/refunds/pooled";
import { assertTierSchedule, grossRefund, type Tier } from "~/refunds/tiers";
import { candidateLines, fxLookup, loadProgramTerms, memberships } from "./run-inputs.server";

export type SimulationRow = {
  month: MonthKey;
  pooledVolumeMinor: number;
  currentMinor: number;
  draftAllUnitsMinor: number;
  draftIncrementalMinor: number;
};

/** Year-to-date volume at each month end up to `through`, and the gross each schedule gives it. */
export function simulateSchedule(
  programId: number,
  draft: Tier[],
  through: MonthKey,
): SimulationRow[] {
  assertTierSchedule(draft);
  const db = getDb();
  const program = loadProgramTerms(db, programId);
  const last = through < monthOf(program.end) ? through : monthOf(program.end);
  const people = memberships(db);
  const fx = fxLookup(db, program.currency);
  const rows: SimulationRow[] = [];
  for (let month = monthOf(program.start); month <= last; month = nextMonth(month)) {
    // The candidate lines come pre-aggregated over the whole window, so each month end is its own query.
    const ytd = pooledVolume(
      candidateLines(db, program, month, people),
      program,
      people,
      fx,
      month,
    ).total;
    rows.push({
      month,
      pooledVolumeMinor: ytd,
      currentMinor: grossRefund(ytd, program.tiers, program.method),
      draftAllUnitsMinor: grossRefund(ytd, draft, "all-units"),
      draftIncrementalMinor: grossRefund(ytd, draft, "incremental"),
    });
  }
  return rows;
}
