// Splits the members' pool among members in proportion to their volume, to the cent,
// by the largest-remainder method (SPEC 3.3 step 3).
import { DomainError } from "./errors";
import { assertMinor, toMinor, type MemberId, type Minor } from "./money";

export type AllocationWeight = { id: MemberId; weight: Minor };

/**
 * Shares of `total` by weight; members with weight ≤ 0 get 0, and the shares always sum to
 * `total` exactly. When no member has a positive weight nobody can receive anything: the
 * result is an empty map and the caller decides what the pool means (a run only meets
 * this with a pool of 0, since volume ≤ 0 earns nothing).
 *
 * A negative total (a clawback pool) is split as the mirror image of the positive one:
 * allocate(−N) = −allocate(N). Flooring negative shares instead would hand the leftover
 * cents back to other members, so the member who got the extra cent of a refund would
 * not be the one whose extra cent is taken back.
 */
export function allocateLargestRemainder(
  total: Minor,
  weights: readonly AllocationWeight[],
): Map<MemberId, Minor> {
  assertMinor(total, "pool");
  assertWeights(weights);
  const positive = weights.filter((w) => w.weight > 0);
  if (positive.length === 0) return new Map();
  const magnitude = BigInt(total < 0 ? -total : total);
  const shares = largestRemainderShares(magnitude, positive);
  const result = new Map<MemberId, Minor>();
  for (const { id } of weights) {
    const share = shares.get(id) ?? 0n;
    result.set(id, toMinor(total < 0 ? -share : share));
  }
  return result;
}

/** floor(N × v_i / Σv) each, then one leftover cent each to the largest remainders. */
function largestRemainderShares(
  pool: bigint,
  positive: readonly AllocationWeight[],
): Map<MemberId, bigint> {
  const sum = positive.reduce((acc, w) => acc + BigInt(w.weight), 0n);
  const parts = positive.map((w) => {
    const product = pool * BigInt(w.weight);
    const share = product / sum;
    const remainder = product - share * sum;
    // Remainders are compared as doubles first (BigInt comparisons made this the engine's
    // slowest step); doubles that tie are told apart exactly.
    return { id: w.id, weight: w.weight, share, remainder, approx: Number(remainder) };
  });
  let leftover = pool - parts.reduce((acc, p) => acc + p.share, 0n);
  if (leftover > 0n) {
    const byRemainder = [...parts].sort(
      (a, b) =>
        b.approx - a.approx ||
        compareBigInt(b.remainder, a.remainder) ||
        b.weight - a.weight ||
        a.id - b.id,
    );
    for (const part of byRemainder) {
      if (leftover === 0n) break;
      part.share += 1n;
      leftover -= 1n;
    }
  }
  return new Map(parts.map((p) => [p.id, p.share]));
}

function compareBigInt(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertWeights(weights: readonly AllocationWeight[]): void {
  const seen = new Set<MemberId>();
  for (const { id, weight } of weights) {
    if (seen.has(id)) {
      const details = { memberId: id };
      throw new DomainError("allocation_weights_invalid", details, details);
    }
    if (!Number.isSafeInteger(weight)) {
      const details = { memberId: id, weight };
      throw new DomainError("allocation_weights_invalid", details, details);
    }
    seen.add(id);
  }
}
