// Next-tier forecast for the member dashboard (SPEC 6): how far the group is from the next
// tier, what reaching it would add to one member's refund, and a straight-line year-end projection.
import { DomainError } from "./errors";
import {
  addMinor,
  applyBps,
  assertMinor,
  roundHalfAwayFromZero,
  toMinor,
  type Bps,
  type Minor,
} from "./money";
import { grossRefund, tierReached, type Tier, type TierMethod } from "./tiers";

export type NextTier = { thresholdMinor: Minor; rateBps: Bps; volumeNeededMinor: Minor };
export type TierForecast = {
  tierIndex: number;
  rateBps: Bps;
  nextTier: NextTier | null;
  extraForMemberMinor: Minor;
};
export type ForecastInput = {
  pooledVolumeMinor: Minor;
  tiers: readonly Tier[];
  method: TierMethod;
  feeBps: Bps;
  /** The member's own volume v_i so far. */
  memberVolumeMinor: Minor;
  /** Σv: the sum of the positive member volumes, the weights of the allocation. */
  allocatedVolumeMinor: Minor;
};
export type YearEndProjection = { projectedVolumeMinor: Minor; tierIndex: number; rateBps: Bps };

/** N, the members' pool, for a pooled volume: gross refund less the consortium's fee. */
export function membersPool(
  volume: Minor,
  tiers: readonly Tier[],
  method: TierMethod,
  feeBps: Bps,
): Minor {
  const gross = grossRefund(volume, tiers, method);
  return gross - applyBps(gross, feeBps);
}

/**
 * The member's extra assumes its share of the group's volume stays what it is today, so it
 * is an estimate ("about 412.00"), rounded half away from zero.
 */
export function nextTierForecast(input: ForecastInput): TierForecast {
  const { pooledVolumeMinor: volume, tiers, method, feeBps } = input;
  assertMinor(input.memberVolumeMinor, "member_volume");
  assertMinor(input.allocatedVolumeMinor, "allocated_volume");
  const reached = tierReached(volume, tiers);
  const next = tiers[reached.index + 1];
  const current = { tierIndex: reached.index, rateBps: reached.rateBps };
  if (next === undefined) return { ...current, nextTier: null, extraForMemberMinor: 0 };
  const nextTier = {
    thresholdMinor: next.thresholdMinor,
    rateBps: next.rateBps,
    volumeNeededMinor: addMinor(next.thresholdMinor, -volume),
  };
  const extraPool =
    membersPool(next.thresholdMinor, tiers, method, feeBps) -
    membersPool(volume, tiers, method, feeBps);
  return { ...current, nextTier, extraForMemberMinor: memberShare(extraPool, input) };
}

function memberShare(pool: Minor, input: ForecastInput): Minor {
  if (input.memberVolumeMinor <= 0 || input.allocatedVolumeMinor <= 0) return 0;
  const exact = BigInt(pool) * BigInt(input.memberVolumeMinor);
  return toMinor(roundHalfAwayFromZero(exact, BigInt(input.allocatedVolumeMinor)));
}

/** Extends the run rate so far to the whole program: V × monthsInProgram / monthsElapsed. */
export function projectYearEnd(
  volume: Minor,
  monthsElapsed: number,
  monthsInProgram: number,
  tiers: readonly Tier[],
): YearEndProjection {
  assertMinor(volume, "pooled_volume");
  const validPeriod =
    Number.isInteger(monthsElapsed) &&
    Number.isInteger(monthsInProgram) &&
    monthsElapsed >= 1 &&
    monthsElapsed <= monthsInProgram;
  if (!validPeriod) {
    const details = { monthsElapsed, monthsInProgram };
    throw new DomainError("forecast_period_invalid", details, details);
  }
  const projected = toMinor(
    roundHalfAwayFromZero(BigInt(volume) * BigInt(monthsInProgram), BigInt(monthsElapsed)),
  );
  const reached = tierReached(projected, tiers);
  return { projectedVolumeMinor: projected, tierIndex: reached.index, rateBps: reached.rateBps };
}
