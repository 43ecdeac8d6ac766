// What a member's next-tier card shows for one program, from the program's last posted run: the
// tier reached, how much more the group must buy to reach the next one, what that would add to the
// member's refund, how far along the bar is, and where the run rate so far would end the year.
import {
  nextTierForecast,
  projectYearEnd,
  type TierForecast,
  type YearEndProjection,
} from "./forecast";
import { monthOf, monthsInclusive, type Bps, type Minor, type MonthKey } from "./money";
import type { Tier, TierMethod } from "./tiers";

export type TierProgressInput = {
  tiers: readonly Tier[];
  method: TierMethod;
  feeBps: Bps;
  programStart: string;
  programEnd: string;
  /** The month of the run the figures come from (its pooled volume is year-to-date through it). */
  throughMonth: MonthKey;
  pooledVolumeMinor: Minor;
  memberVolumeMinor: Minor;
  /** Σ of the positive member volumes of that run. */
  allocatedVolumeMinor: Minor;
};

export type TierProgress = TierForecast & {
  pooledVolumeMinor: Minor;
  /** How far the pooled volume is from 0 to the next threshold, in thousandths (0–1000), floored. */
  progressPermille: number;
  /** Where the current tier's threshold sits on that bar, in thousandths. */
  currentThresholdPermille: number;
  /** The member's share of the group's volume, in basis points (floored), for display only. */
  memberShareBps: Bps;
  monthsElapsed: number;
  monthsInProgram: number;
  projection: YearEndProjection;
};

function permille(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  return Math.min(1000, Math.floor((part * 1000) / whole));
}

export function tierProgress(input: TierProgressInput): TierProgress {
  const forecast = nextTierForecast({
    pooledVolumeMinor: input.pooledVolumeMinor,
    tiers: input.tiers,
    method: input.method,
    feeBps: input.feeBps,
    memberVolumeMinor: input.memberVolumeMinor,
    allocatedVolumeMinor: input.allocatedVolumeMinor,
  });
  const monthsInProgram = monthsInclusive(monthOf(input.programStart), monthOf(input.programEnd));
  const elapsed = monthsInclusive(monthOf(input.programStart), input.throughMonth);
  const monthsElapsed = Math.max(1, Math.min(elapsed, monthsInProgram));
  const barEnd =
    forecast.nextTier?.thresholdMinor ?? input.tiers[forecast.tierIndex].thresholdMinor;
  const share =
    input.memberVolumeMinor > 0 && input.allocatedVolumeMinor > 0
      ? Number((BigInt(input.memberVolumeMinor) * 10_000n) / BigInt(input.allocatedVolumeMinor))
      : 0;
  return {
    ...forecast,
    pooledVolumeMinor: input.pooledVolumeMinor,
    progressPermille: forecast.nextTier
      ? permille(input.pooledVolumeMinor, barEnd)
      : input.pooledVolumeMinor > 0
        ? 1000
        : 0,
    currentThresholdPermille: forecast.nextTier
      ? permille(input.tiers[forecast.tierIndex].thresholdMinor, barEnd)
      : 1000,
    memberShareBps: share,
    monthsElapsed,
    monthsInProgram,
    projection: projectYearEnd(
      Math.max(0, input.pooledVolumeMinor),
      monthsElapsed,
      monthsInProgram,
      input.tiers,
    ),
  };
}
