// Tier schedules and the gross refund a pooled volume earns under each tier method (SPEC 3.2).
import { DomainError } from "./errors";
import { assertMinor, roundHalfAwayFromZero, toMinor, type Bps, type Minor } from "./money";

export type Tier = { thresholdMinor: Minor; rateBps: Bps };
export type TierMethod = "all-units" | "incremental";
export type TierReached = { index: number; rateBps: Bps };

export const TIER_METHODS: readonly TierMethod[] = ["all-units", "incremental"];

export function isTierMethod(value: string): value is TierMethod {
  return (TIER_METHODS as readonly string[]).includes(value);
}

/** Every problem of a schedule, in plain English; an empty list means it is valid. */
export function validateTierSchedule(tiers: readonly Tier[]): string[] {
  if (tiers.length === 0) return ["A tier schedule needs at least one tier."];
  const problems: string[] = [];
  tiers.forEach((tier, i) => {
    const label = `Tier ${i + 1}`;
    if (!Number.isSafeInteger(tier.thresholdMinor)) {
      problems.push(
        `${label}: threshold ${tier.thresholdMinor} is not a whole number of minor units.`,
      );
    }
    if (!Number.isInteger(tier.rateBps) || tier.rateBps < 0 || tier.rateBps > 10_000) {
      problems.push(`${label}: rate ${tier.rateBps} bp is not a whole number from 0 to 10000.`);
    }
    if (i === 0 && tier.thresholdMinor !== 0) {
      problems.push(`${label}: the first threshold must be 0, not ${tier.thresholdMinor}.`);
    }
    if (i === 0) return;
    const previous = tiers[i - 1];
    if (!(tier.thresholdMinor > previous.thresholdMinor)) {
      problems.push(
        `${label}: threshold ${tier.thresholdMinor} must be above the previous one, ${previous.thresholdMinor}.`,
      );
    }
    if (tier.rateBps < previous.rateBps) {
      problems.push(
        `${label}: rate ${tier.rateBps} bp is below the previous tier's ${previous.rateBps} bp.`,
      );
    }
  });
  return problems;
}

export function assertTierSchedule(tiers: readonly Tier[]): void {
  const problems = validateTierSchedule(tiers);
  if (problems.length > 0) {
    throw new DomainError(
      "tier_schedule_invalid",
      `The tier schedule is invalid: ${problems.join(" ")}`,
      {
        problems,
      },
    );
  }
}

/** The highest tier whose threshold the volume reaches (>=); nothing reached still reports tier 0. */
export function tierReached(volume: Minor, tiers: readonly Tier[]): TierReached {
  assertMinor(volume, "pooled volume");
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
