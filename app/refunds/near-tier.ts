// SPEC 11's "near the next tier": the pooled year-to-date volume is within a share (10 %) of the
// next tier's threshold, short of it. Exact: integer arithmetic on minor units and basis points.
import type { Bps, Minor } from "./money";
import { tierReached, type Tier } from "./tiers";

export type NearTier = {
  /** The index (from 0) of the tier the volume is near. */
  tierIndex: number;
  thresholdMinor: Minor;
  rateBps: Bps;
  volumeNeededMinor: Minor;
};

/** The next tier when `volume` is short of its threshold by at most `withinBps` of it, else null. */
export function nearNextTier(
  volume: Minor,
  tiers: readonly Tier[],
  withinBps: Bps = 1000,
): NearTier | null {
  if (tiers.length === 0) return null;
  const index = tierReached(volume, tiers).index + 1;
  const next = tiers[index];
  if (next === undefined) return null;
  const needed = next.thresholdMinor - volume;
  if (needed <= 0) return null;
  // needed / threshold ≤ withinBps / 10,000, multiplied out in BigInt (no float, no overflow).
  if (BigInt(needed) * 10_000n > BigInt(next.thresholdMinor) * BigInt(withinBps)) return null;
  return {
    tierIndex: index,
    thresholdMinor: next.thresholdMinor,
    rateBps: next.rateBps,
    volumeNeededMinor: needed,
  };
}
