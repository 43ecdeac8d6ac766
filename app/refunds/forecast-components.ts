// The member's next-tier card for programs with components (SPEC 3.7 and 6): how far the group
// is above last year and what the next growth tier would add, and how much more of each category
// switches a mix bonus on and what that bonus would then pay the member. Estimates ("about"),
// from the figures of the last posted run, with the member's share held where it is.
import type { GrowthProgram, MixRequirement } from "./components";
import { applyBps, roundHalfAwayFromZero, toMinor, type Bps, type Minor } from "./money";
import { tierComponent } from "./tier-component";

/** Growth over the baseline in basis points, floored (1.2 % is never shown as more than it is). */
export function growthBps(volume: Minor, baseline: Minor): Bps | null {
  if (baseline <= 0) return null;
  const num = (BigInt(volume) - BigInt(baseline)) * 10_000n;
  const den = BigInt(baseline);
  const q = num / den;
  return Number(num % den !== 0n && num < 0n ? q - 1n : q);
}

/** The smallest V that reaches a growth threshold: `V × 10000 ≥ B × (10000 + t)`. */
export function volumeForGrowth(baseline: Minor, thresholdBps: Bps): Minor {
  const num = BigInt(baseline) * BigInt(10_000 + thresholdBps);
  return toMinor((num + 9_999n) / 10_000n);
}

/** round(pool × weight / Σweights), half away from zero; 0 without a positive weight. */
export function estimatedShare(pool: Minor, weight: Minor, weightSum: Minor): Minor {
  if (weight <= 0 || weightSum <= 0) return 0;
  return toMinor(roundHalfAwayFromZero(BigInt(pool) * BigInt(weight), BigInt(weightSum)));
}

export type GrowthForecastInput = {
  program: Pick<
    GrowthProgram,
    | "basis"
    | "tiers"
    | "growthPays"
    | "volumeCapMinor"
    | "refundCapMinor"
    | "feeBps"
    | "start"
    | "end"
  >;
  baselineMinor: Minor;
  pooledVolumeMinor: Minor;
  memberVolumeMinor: Minor;
  /** Σ of the positive member volumes of the run (the tier component's weights). */
  allocatedVolumeMinor: Minor;
};

export type GrowthForecast = {
  baselineMinor: Minor;
  pooledVolumeMinor: Minor;
  /** Null when there is no baseline (no tier can be reached). */
  growthBps: Bps | null;
  tierIndex: number | null;
  rateBps: Bps;
  nextTier: { thresholdBps: Bps; rateBps: Bps; volumeNeededMinor: Minor } | null;
  /** What reaching the next tier would add to the member's share of the tier component. */
  extraForMemberMinor: Minor;
};

/** N of the tier component at a pooled volume: the tier judged over B, limits applied, less fee. */
function growthPool(input: GrowthForecastInput, volume: Minor): Minor {
  const { grossMinor } = tierComponent({ ...input.program, basis: "growth" }, volume, {
    baselineMinor: input.baselineMinor,
    lastMonth: false,
    someMemberBought: true,
  });
  return grossMinor - applyBps(grossMinor, input.program.feeBps);
}

export function growthForecast(input: GrowthForecastInput): GrowthForecast {
  const { baselineMinor: baseline, pooledVolumeMinor: volume, program } = input;
  const now = tierComponent({ ...program, basis: "growth" }, volume, {
    baselineMinor: baseline,
    lastMonth: false,
    someMemberBought: true,
  });
  const figures = {
    baselineMinor: baseline,
    pooledVolumeMinor: volume,
    growthBps: growthBps(volume, baseline),
    tierIndex: now.tierIndex,
    rateBps: now.rateBps,
  };
  const next = baseline > 0 ? program.tiers[(now.tierIndex ?? -1) + 1] : undefined;
  if (next === undefined) return { ...figures, nextTier: null, extraForMemberMinor: 0 };
  const target = volumeForGrowth(baseline, next.thresholdBps);
  const extraPool = growthPool(input, target) - growthPool(input, volume);
  return {
    ...figures,
    nextTier: {
      thresholdBps: next.thresholdBps,
      rateBps: next.rateBps,
      volumeNeededMinor: Math.max(0, target - volume),
    },
    extraForMemberMinor: estimatedShare(
      extraPool,
      input.memberVolumeMinor,
      input.allocatedVolumeMinor,
    ),
  };
}

export type MixForecastInput = {
  rateBps: Bps | null;
  perUnitMinor: Minor | null;
  feeBps: Bps;
  /** Σ w_i of the bonus in the run (its weights are kept while the mix is unmet). */
  basisMinor: Minor;
  memberWeightMinor: Minor;
  /** The mix condition as the run judged it. */
  requirements: readonly (MixRequirement & { volumeMinor: Minor; met: boolean })[];
};

export type MixForecast = {
  met: boolean;
  /** Each listed category still short of its minimum, and by how much. */
  missing: { category: string; volumeMinor: Minor; minVolumeMinor: Minor; neededMinor: Minor }[];
  /** The member's share of the bonus if the mix were met today (0 when it already is). */
  memberWouldEarnMinor: Minor;
};

export function mixForecast(input: MixForecastInput): MixForecast {
  const missing = input.requirements
    .filter((r) => r.volumeMinor < r.minVolumeMinor)
    .map((r) => ({
      category: r.category,
      volumeMinor: r.volumeMinor,
      minVolumeMinor: r.minVolumeMinor,
      neededMinor: r.minVolumeMinor - r.volumeMinor,
    }));
  if (missing.length === 0) return { met: true, missing, memberWouldEarnMinor: 0 };
  const gross =
    input.basisMinor <= 0
      ? 0
      : input.rateBps !== null
        ? applyBps(input.basisMinor, input.rateBps)
        : input.basisMinor;
  const pool = gross - applyBps(gross, input.feeBps);
  return {
    met: false,
    missing,
    memberWouldEarnMinor: estimatedShare(pool, input.memberWeightMinor, input.basisMinor),
  };
}

/** The growth bar: growth so far against the next tier's growth, in thousandths (0–1000), floored. */
export function growthProgressPermille(forecast: GrowthForecast): number {
  const growth = forecast.growthBps ?? 0;
  if (forecast.nextTier === null) return forecast.tierIndex === null ? 0 : 1000;
  if (growth <= 0 || forecast.nextTier.thresholdBps <= 0) return 0;
  return Math.min(1000, Math.floor((growth * 1000) / forecast.nextTier.thresholdBps));
}
