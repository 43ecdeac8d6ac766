// The tier component of a run (SPEC 3.2 and 3.7): the tier judged on the whole pooled volume V
// (or on its growth over the baseline), paid on V capped, then the refund cap, then the minimum.
import type { ComponentProgram } from "./components";
import { growthGross, growthTierReached } from "./growth";
import { applyBps, type Bps, type Minor } from "./money";
import { grossRefund, tierReached } from "./tiers";

/** The last limit that changed the tier component's refund, in the order they apply. */
export type ComponentLimit = "volume-cap" | "refund-cap" | "minimum";

export type TierFigures = {
  /** V: the volume the tier is judged on. */
  basisMinor: Minor;
  /** B, for a growth basis. */
  baselineMinor?: Minor;
  /** min(V, volumeCapMinor): the volume the tier's rate is paid on. */
  paidVolumeMinor: Minor;
  tierIndex: number | null;
  rateBps: Bps;
  grossMinor: Minor;
  limit?: ComponentLimit;
};

export type TierContext = {
  /** B; required for a growth basis. */
  baselineMinor?: Minor;
  /** The run is for the program's last month (or a true-up of it). */
  lastMonth: boolean;
  /** Some member has v_i > 0 (the minimum is owed only then). */
  someMemberBought: boolean;
};

export function tierComponent(
  program: ComponentProgram,
  volume: Minor,
  context: TierContext,
): TierFigures {
  const cap = program.volumeCapMinor ?? null;
  const paidVolume = cap === null ? volume : Math.min(volume, cap);
  const figures = paidOn(program, volume, paidVolume, context.baselineMinor ?? 0);
  let grossMinor = figures.grossMinor;
  let limit: ComponentLimit | undefined;
  if (cap !== null && grossMinor !== paidOn(program, volume, volume, figures.baseline).grossMinor)
    limit = "volume-cap";
  const refundCap = program.refundCapMinor ?? null;
  if (refundCap !== null && grossMinor > refundCap) {
    grossMinor = refundCap;
    limit = "refund-cap";
  }
  const minimum = program.minimumRefundMinor ?? null;
  if (minimum !== null && context.lastMonth && context.someMemberBought && grossMinor < minimum) {
    grossMinor = minimum;
    limit = "minimum";
  }
  return {
    basisMinor: volume,
    ...(program.basis === "growth" ? { baselineMinor: figures.baseline } : {}),
    paidVolumeMinor: paidVolume,
    tierIndex: figures.tierIndex,
    rateBps: figures.rateBps,
    grossMinor,
    ...(limit ? { limit } : {}),
  };
}

/** The tier judged on `volume`, its rate paid on `paidVolume` (3.2 or growth). */
function paidOn(
  program: ComponentProgram,
  volume: Minor,
  paidVolume: Minor,
  baseline: Minor,
): { tierIndex: number | null; rateBps: Bps; grossMinor: Minor; baseline: Minor } {
  if (program.basis === "growth") {
    const { index, rateBps } = growthTierReached(volume, baseline, program.tiers);
    const pays = program.growthPays ?? "whole";
    const grossMinor = index === null ? 0 : growthGross(paidVolume, baseline, rateBps, pays);
    return { tierIndex: index, rateBps, grossMinor, baseline };
  }
  const { index, rateBps } = tierReached(volume, program.tiers);
  let grossMinor: Minor;
  if (volume <= 0 || paidVolume <= 0) grossMinor = 0;
  else if (program.method === "incremental")
    grossMinor = grossRefund(paidVolume, program.tiers, "incremental");
  else grossMinor = applyBps(paidVolume, rateBps);
  return { tierIndex: index, rateBps, grossMinor, baseline };
}
