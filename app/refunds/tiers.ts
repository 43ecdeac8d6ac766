// Tier schedules and the gross refund a pooled volume earns under each tier method (SPEC 3.2).
import { TIER_PROBLEM_TEXTS, type TextLanguage } from "./error-texts";
import { DomainError } from "./errors";
import { assertMinor, roundHalfAwayFromZero, toMinor, type Bps, type Minor } from "./money";

export type Tier = { thresholdMinor: Minor; rateBps: Bps };
export type TierMethod = "all-units" | "incremental";
export type TierReached = { index: number; rateBps: Bps };

export const TIER_METHODS: readonly TierMethod[] = ["all-units", "incremental"];

export function isTierMethod(value: string): value is TierMethod {
  return (TIER_METHODS as readonly string[]).includes(value);
}

/** One problem of a tier schedule (`tier` counts from 1); its text is in error-texts.ts. */
export type TierProblem =
  | { problem: "no_tiers" }
  | { problem: "threshold_not_whole"; tier: number; thresholdMinor: Minor }
  | { problem: "rate_invalid"; tier: number; rateBps: Bps }
  | { problem: "first_threshold_not_zero"; tier: number; thresholdMinor: Minor }
  | { problem: "threshold_not_rising"; tier: number; thresholdMinor: Minor; previousMinor: Minor }
  | { problem: "rate_falling"; tier: number; rateBps: Bps; previousBps: Bps };

/** Every problem of a schedule; an empty list means it is valid. */
export function tierScheduleProblems(tiers: readonly Tier[]): TierProblem[] {
  if (tiers.length === 0) return [{ problem: "no_tiers" }];
  const problems: TierProblem[] = [];
  tiers.forEach(({ thresholdMinor, rateBps }, i) => {
    const tier = i + 1;
    if (!Number.isSafeInteger(thresholdMinor)) {
      problems.push({ problem: "threshold_not_whole", tier, thresholdMinor });
    }
    if (!Number.isInteger(rateBps) || rateBps < 0 || rateBps > 10_000) {
      problems.push({ problem: "rate_invalid", tier, rateBps });
    }
    if (i === 0 && thresholdMinor !== 0) {
      problems.push({ problem: "first_threshold_not_zero", tier, thresholdMinor });
    }
    if (i === 0) return;
    const previous = tiers[i - 1];
    if (!(thresholdMinor > previous.thresholdMinor)) {
      const previousMinor = previous.thresholdMinor;
      problems.push({ problem: "threshold_not_rising", tier, thresholdMinor, previousMinor });
    }
    if (rateBps < previous.rateBps) {
      problems.push({ problem: "rate_falling", tier, rateBps, previousBps: previous.rateBps });
    }
  });
  return problems;
}

/** Every problem of a schedule, one sentence each (English unless asked); empty when valid. */
export function validateTierSchedule(
  tiers: readonly Tier[],
  language: TextLanguage = "en",
): string[] {
  return tierScheduleProblems(tiers).map(TIER_PROBLEM_TEXTS[language]);
}

export function assertTierSchedule(tiers: readonly Tier[]): void {
  const problems = tierScheduleProblems(tiers);
  if (problems.length > 0) {
    throw new DomainError(
      "tier_schedule_invalid",
      { problems },
      { problems: problems.map(TIER_PROBLEM_TEXTS.en) },
    );
  }
}

/** The highest tier whose threshold the volume reaches (>=); nothing reached still reports tier 0. */
export function tierReached(volume: Minor, tiers: readonly Tier[]): TierReached {
  assertMinor(volume, "pooled_volume");
  assertTierSchedule(tiers);
  let index = 0;
  for (let i = 1; i < tiers.length && volume >= tiers[i].thresholdMinor; i++) index = i;
  return { index, rateBps: tiers[index].rateBps };
}

export function grossRefund(volume: Minor, tiers: readonly Tier[], method: TierMethod): Minor {
  const { rateBps } = tierReached(volume, tiers);
  if (volume <= 0) return 0;
  const exact =
    method === "all-units" ? BigInt(volume) * BigInt(rateBps) : incrementalProducts(volume, tiers);
  return toMinor(roundHalfAwayFromZero(exact, 10_000n));
}

/** Σ portion_k × rate_k over the bands, kept exact so the refund is rounded only once. */
function incrementalProducts(volume: Minor, tiers: readonly Tier[]): bigint {
  let sum = 0n;
  for (let k = 0; k < tiers.length && volume > tiers[k].thresholdMinor; k++) {
    const bandEnd = k + 1 < tiers.length ? Math.min(volume, tiers[k + 1].thresholdMinor) : volume;
    sum += BigInt(bandEnd - tiers[k].thresholdMinor) * BigInt(tiers[k].rateBps);
  }
  return sum;
}
