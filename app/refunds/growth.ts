// Growth basis (SPEC 3.7): the prior-year baseline B of a run, the growth tier the pooled volume
// reaches over it, and what that tier pays (all-units, on the whole volume or on the increment).
import type { Baseline, GrowthPays, GrowthTier } from "./components";
import { DomainError } from "./errors";
import {
  addMonths,
  applyBps,
  assertMinor,
  isMonthKey,
  lastDayOfMonth,
  monthOf,
  yearBefore,
  type Bps,
  type IsoDate,
  type Minor,
  type MonthKey,
} from "./money";

/** A pooled volume of one calendar month (prior-year lines, by the rules of 3.1). */
export type MonthVolume = { month: MonthKey; amountMinor: Minor };

/** The dates and months of a run's baseline: `P.start − 1 year` to the last day of `m − 1 year`. */
export type BaselineWindow = { from: IsoDate; to: IsoDate; months: MonthKey[] };

export function baselineWindow(programStart: IsoDate, month: MonthKey): BaselineWindow {
  const from = yearBefore(programStart);
  const last = addMonths(month, -12);
  const months: MonthKey[] = [];
  for (let m = monthOf(from); m <= last; m = addMonths(m, 1)) months.push(m);
  return { from, to: lastDayOfMonth(last), months };
}

/**
 * B: each month of the window from its lines (`priorYear`), or from the admin's negotiated
 * figure where there is one. Months of `priorYear` after the window are left out (a run early in
 * the year uses fewer months); a month before it, or one given twice, is refused.
 */
export function growthBaseline(
  window: BaselineWindow,
  priorYear: readonly MonthVolume[],
  negotiated: readonly Baseline[],
): Minor {
  const first = window.months[0] ?? monthOf(window.from);
  const fromLines = new Map<MonthKey, Minor>();
  for (const { month, amountMinor } of priorYear) {
    if (!isMonthKey(month) || month < first) {
      const details = {
        problem: "prior_month_outside",
        month,
        from: first,
        to: monthOf(window.to),
      };
      throw new DomainError("component_input_invalid", details, details);
    }
    if (fromLines.has(month)) {
      const details = { problem: "prior_month_repeated", month };
      throw new DomainError("component_input_invalid", details, details);
    }
    assertMinor(amountMinor, "pooled_volume");
    fromLines.set(month, amountMinor);
  }
  const agreed = new Map(negotiated.map((b) => [b.month, b.amountMinor]));
  let sum = 0n;
  for (const month of window.months) sum += BigInt(agreed.get(month) ?? fromLines.get(month) ?? 0);
  const baseline = Number(sum);
  assertMinor(baseline, "pooled_volume");
  return baseline;
}

/**
 * The highest growth tier reached: tier k when `B > 0` and `V × 10000 ≥ B × (10000 + t_k)`,
 * in exact integers. `index` is null when none is (then the rate is 0).
 */
export function growthTierReached(
  volume: Minor,
  baseline: Minor,
  tiers: readonly GrowthTier[],
): { index: number | null; rateBps: Bps } {
  if (baseline <= 0) return { index: null, rateBps: 0 };
  const scaled = BigInt(volume) * 10_000n;
  let index: number | null = null;
  for (let k = 0; k < tiers.length; k++) {
    if (scaled >= BigInt(baseline) * BigInt(10_000 + tiers[k].thresholdBps)) index = k;
    else break;
  }
  return index === null ? { index, rateBps: 0 } : { index, rateBps: tiers[index].rateBps };
}

/** `round(V' × rate)` ("whole") or `round(max(0, V' − B) × rate)` ("increment"). */
export function growthGross(
  paidVolume: Minor,
  baseline: Minor,
  rateBps: Bps,
  pays: GrowthPays,
): Minor {
  const base = pays === "whole" ? paidVolume : paidVolume - baseline;
  return base > 0 ? applyBps(base, rateBps) : 0;
}
