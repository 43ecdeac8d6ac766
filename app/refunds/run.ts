// The monthly allocation run of one program (SPEC 3.3): year-to-date refund from scratch,
// each member's share of it, and what this run posts on top of everything posted before.
import { allocateLargestRemainder } from "./allocate";
import {
  bonusGross,
  cellWeight,
  keyCache,
  prepareBonus,
  qualifies,
  requirementStatus,
  type Bonus,
  type RequirementStatus,
} from "./bonuses";
import { assertComponents, TIER_COMPONENT_NAME, type ComponentProgram } from "./components";
import { DomainError } from "./errors";
import { baselineWindow, growthBaseline, type MonthVolume } from "./growth";
import {
  addMinor,
  applyBps,
  assertMonthKey,
  lastDayOfMonth,
  monthOf,
  nextMonth,
  sumMinor,
  type Bps,
  type IsoDate,
  type MemberId,
  type Minor,
  type MonthKey,
} from "./money";
import type { PooledVolume } from "./pooled";
import { assertCell, type SalesCell } from "./sales";
import { tierComponent, type ComponentLimit } from "./tier-component";
import { assertTierSchedule, grossRefund, tierReached, type Tier, type TierMethod } from "./tiers";

export type PostedSoFar = {
  grossMinor: Minor;
  feeMinor: Minor;
  byMember: ReadonlyMap<MemberId, Minor>;
};
export type RunInput = {
  method: TierMethod;
  tiers: readonly Tier[];
  feeBps: Bps;
  volume: PooledVolume;
  alreadyPosted: PostedSoFar;
};
export type RunPosting = { grossMinor: Minor; feeMinor: Minor; netMinor: Minor };
export type RunMember = {
  memberId: MemberId;
  volumeMinor: Minor;
  ytdMinor: Minor;
  postingMinor: Minor;
};
export type AllocationRun = {
  pooledVolumeMinor: Minor;
  tierIndex: number;
  rateBps: Bps;
  grossMinor: Minor;
  feeMinor: Minor;
  netMinor: Minor;
  posting: RunPosting;
  members: RunMember[];
};
/** "first" run of a program, the "next" month, or a "true-up" of the last posted month. */
export type RunKind = "first" | "next" | "true-up";

export const NOTHING_POSTED: PostedSoFar = { grossMinor: 0, feeMinor: 0, byMember: new Map() };

export function assertFeeBps(feeBps: Bps): void {
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > 10_000) {
    const details = { feeBps };
    throw new DomainError("fee_bps_invalid", details, details);
  }
}

export function computeRun({
  method,
  tiers,
  feeBps,
  volume,
  alreadyPosted,
}: RunInput): AllocationRun {
  assertFeeBps(feeBps);
  assertConsistent(volume, alreadyPosted);
  const tier = tierReached(volume.total, tiers);
  const grossMinor = grossRefund(volume.total, tiers, method);
  const feeMinor = applyBps(grossMinor, feeBps);
  const netMinor = grossMinor - feeMinor;
  const shares = allocateLargestRemainder(
    netMinor,
    [...volume.byMember].map(([id, weight]) => ({ id, weight })),
  );
  const postingGross = addMinor(grossMinor, -alreadyPosted.grossMinor);
  const postingFee = addMinor(feeMinor, -alreadyPosted.feeMinor);
  return {
    pooledVolumeMinor: volume.total,
    tierIndex: tier.index,
    rateBps: tier.rateBps,
    grossMinor,
    feeMinor,
    netMinor,
    posting: {
      grossMinor: postingGross,
      feeMinor: postingFee,
      netMinor: postingGross - postingFee,
    },
    members: runMembers(volume, shares, alreadyPosted),
  };
}

/**
 * Members with volume this year, and members who were posted something before even if
 * their volume has since gone (their share must be taken back); sorted by member id.
 */
function runMembers(
  volume: PooledVolume,
  shares: Map<MemberId, Minor>,
  posted: PostedSoFar,
): RunMember[] {
  const ids = new Set(volume.byMember.keys());
  for (const [id, amount] of posted.byMember) if (amount !== 0) ids.add(id);
  return [...ids]
    .sort((a, b) => a - b)
    .map((memberId) => {
      const ytdMinor = shares.get(memberId) ?? 0;
      return {
        memberId,
        volumeMinor: volume.byMember.get(memberId) ?? 0,
        ytdMinor,
        postingMinor: addMinor(ytdMinor, -(posted.byMember.get(memberId) ?? 0)),
      };
    });
}

function assertConsistent(volume: PooledVolume, posted: PostedSoFar): void {
  const members = sumMinor(volume.byMember.values());
  if (members !== volume.total) {
    const details = { total: volume.total, members };
    throw new DomainError("allocation_weights_invalid", details, details);
  }
  assertPostedBalanced(posted);
}

function assertPostedBalanced(posted: PostedSoFar): void {
  const postedNet = sumMinor(posted.byMember.values());
  if (postedNet !== posted.grossMinor - posted.feeMinor) {
    const details = {
      grossMinor: posted.grossMinor,
      feeMinor: posted.feeMinor,
      membersMinor: postedNet,
    };
    throw new DomainError("journal_unbalanced", details, details);
  }
}

/** A run of a program with components (SPEC 3.7): its terms and its year-to-date aggregates. */
export type ProgramRunInput = {
  program: ComponentProgram;
  month: MonthKey;
  /** Eligible sales from the program start through `month` (`salesCells`, or SQL aggregates). */
  sales: readonly SalesCell[];
  /** Growth basis only: the prior year's pooled volume per month (`priorYearVolume`). */
  priorYear?: readonly MonthVolume[];
  alreadyPosted: PostedSoFar;
};

/** One component of a run, as the preview lists it. */
export type RunComponent = {
  kind: "tier" | "bonus";
  name: string;
  /** V for the tier component (the volume the tier is judged on); Σ w_i for a bonus. */
  basisMinor: Minor;
  /** B, for a growth basis. */
  baselineMinor?: Minor;
  /** min(V, volumeCapMinor): what the tier's rate is paid on. */
  paidVolumeMinor?: Minor;
  /** The tier component's tier (null: no growth tier reached). */
  tierIndex?: number | null;
  /** The tier's rate, or a rate bonus's. */
  rateBps?: Bps;
  /** A per-unit bonus's pay per unit. */
  perUnitMinor?: Minor;
  /** A bonus's mix condition, category by category. */
  requirements?: RequirementStatus[];
  grossMinor: Minor;
  feeMinor: Minor;
  netMinor: Minor;
  /** The last limit that changed the tier component's refund. */
  limit?: ComponentLimit;
};
/** A member's weight in one component and its share of the component's N_c. */
export type MemberComponent = { name: string; weightMinor: Minor; amountMinor: Minor };
/** `ytdMinor` is A_i, the sum of the member's component shares. */
export type ComponentRunMember = RunMember & { components: MemberComponent[] };
export type ComponentRun = Omit<AllocationRun, "tierIndex" | "members"> & {
  tierIndex: number | null;
  components: RunComponent[];
  members: ComponentRunMember[];
};

/**
 * SPEC 3.7: every component computed year to date, each with its own fee and largest-remainder
 * allocation; a member's A_i is the sum of its shares and the run posts A_i − already posted.
 * One pass over the cells (O(cells × bonuses)), then O(members × components).
 * A program without components gives exactly `computeRun`'s figures, with one tier component.
 */
export function computeProgramRun({
  program,
  month,
  sales,
  priorYear = [],
  alreadyPosted,
}: ProgramRunInput): ComponentRun {
  assertFeeBps(program.feeBps);
  if (program.basis !== "growth") assertTierSchedule(program.tiers);
  assertComponents(program);
  assertRunMonth(month, program);
  assertPostedBalanced(alreadyPosted);
  const bonuses = (program.bonuses ?? []).map((terms) => prepareBonus(program, terms));
  const sums = sumCells(sales, bonuses, {
    from: program.start,
    to: minDate(program.end, lastDayOfMonth(month)),
  });
  const tier = tierComponent(program, sums.pooled, {
    baselineMinor:
      program.basis === "growth"
        ? growthBaseline(baselineWindow(program.start, month), priorYear, program.baselines ?? [])
        : undefined,
    lastMonth: month === monthOf(program.end),
    someMemberBought: [...sums.volumes.values()].some((v) => v > 0),
  });
  const { grossMinor: tierGross, ...tierFigures } = tier;
  const parts: ComponentPart[] = [
    part(
      { kind: "tier", name: TIER_COMPONENT_NAME, ...tierFigures },
      tierGross,
      program.feeBps,
      sums.volumes,
    ),
    ...bonuses.map((bonus, k) => {
      const weights = sums.bonusWeights[k];
      const basisMinor = sumMinor(weights.values());
      const requirements = requirementStatus(bonus, sums.byCategory);
      const gross = bonusGross(
        bonus,
        basisMinor,
        requirements.every((r) => r.met),
      );
      const pays =
        bonus.rateBps !== null ? { rateBps: bonus.rateBps } : { perUnitMinor: bonus.perUnitMinor! };
      const shown = requirements.length > 0 ? { requirements } : {};
      return part(
        { kind: "bonus", name: bonus.name, basisMinor, ...pays, ...shown },
        gross,
        program.feeBps,
        weights,
      );
    }),
  ];
  const grossMinor = sumMinor(parts.map((p) => p.component.grossMinor));
  const feeMinor = sumMinor(parts.map((p) => p.component.feeMinor));
  const postingGross = addMinor(grossMinor, -alreadyPosted.grossMinor);
  const postingFee = addMinor(feeMinor, -alreadyPosted.feeMinor);
  return {
    pooledVolumeMinor: sums.pooled,
    tierIndex: tier.tierIndex,
    rateBps: tier.rateBps,
    grossMinor,
    feeMinor,
    netMinor: grossMinor - feeMinor,
    posting: {
      grossMinor: postingGross,
      feeMinor: postingFee,
      netMinor: postingGross - postingFee,
    },
    components: parts.map((p) => p.component),
    members: componentMembers(sums.volumes, parts, alreadyPosted),
  };
}

type ComponentPart = {
  component: RunComponent;
  weights: ReadonlyMap<MemberId, Minor>;
  shares: ReadonlyMap<MemberId, Minor>;
};

/** A component's own fee, N_c = G_c − F_c, and N_c split by largest remainder over its weights. */
function part(
  figures: Omit<RunComponent, "grossMinor" | "feeMinor" | "netMinor">,
  grossMinor: Minor,
  feeBps: Bps,
  weights: ReadonlyMap<MemberId, Minor>,
): ComponentPart {
  const feeMinor = applyBps(grossMinor, feeBps);
  const netMinor = grossMinor - feeMinor;
  const { limit, ...rest } = figures;
  const component: RunComponent = {
    ...rest,
    grossMinor,
    feeMinor,
    netMinor,
    ...(limit ? { limit } : {}),
  };
  const shares = allocateLargestRemainder(
    netMinor,
    [...weights].map(([id, weight]) => ({ id, weight })),
  );
  return { component, weights, shares };
}

type CellSums = {
  pooled: Minor;
  volumes: Map<MemberId, Minor>;
  /** Pooled year-to-date volume by normalised category (mix conditions). */
  byCategory: Map<string, Minor>;
  bonusWeights: Map<MemberId, Minor>[];
};

/** One pass over the cells: V, v_i, volume by category, and every bonus's w_i. */
function sumCells(sales: readonly SalesCell[], bonuses: readonly Bonus[], range: Period): CellSums {
  const windows = bonuses.filter((b) => b.windowed);
  const keyOf = keyCache();
  const sums: CellSums = {
    pooled: 0,
    volumes: new Map(),
    byCategory: new Map(),
    bonusWeights: bonuses.map(() => new Map()),
  };
  for (const cell of sales) {
    assertCell(cell, range, windows);
    const id = cell.memberId;
    sums.pooled = addMinor(sums.pooled, cell.amountMinor);
    sums.volumes.set(id, addMinor(sums.volumes.get(id) ?? 0, cell.amountMinor));
    const category = keyOf(cell.category);
    if (category !== null)
      sums.byCategory.set(category, addMinor(sums.byCategory.get(category) ?? 0, cell.amountMinor));
    if (bonuses.length === 0) continue;
    const sku = keyOf(cell.sku);
    bonuses.forEach((bonus, k) => {
      if (!qualifies(bonus, cell, category, sku)) return;
      const weights = sums.bonusWeights[k];
      weights.set(id, addMinor(weights.get(id) ?? 0, cellWeight(bonus, cell)));
    });
  }
  return sums;
}

/** Members as `computeRun` lists them, each with its share of every component. */
function componentMembers(
  volumes: ReadonlyMap<MemberId, Minor>,
  parts: readonly ComponentPart[],
  posted: PostedSoFar,
): ComponentRunMember[] {
  const ids = new Set(volumes.keys());
  for (const [id, amount] of posted.byMember) if (amount !== 0) ids.add(id);
  return [...ids]
    .sort((a, b) => a - b)
    .map((memberId) => {
      const components = parts.map((p) => ({
        name: p.component.name,
        weightMinor: p.weights.get(memberId) ?? 0,
        amountMinor: p.shares.get(memberId) ?? 0,
      }));
      const ytdMinor = sumMinor(components.map((c) => c.amountMinor));
      return {
        memberId,
        volumeMinor: volumes.get(memberId) ?? 0,
        ytdMinor,
        postingMinor: addMinor(ytdMinor, -(posted.byMember.get(memberId) ?? 0)),
        components,
      };
    });
}

function assertRunMonth(month: MonthKey, program: { start: IsoDate; end: IsoDate }): void {
  assertMonthKey(month);
  if (month < monthOf(program.start) || month > monthOf(program.end)) {
    const details = { month, start: program.start, end: program.end };
    throw new DomainError("run_month_outside_program", details, details);
  }
}

type Period = { from: IsoDate; to: IsoDate };
const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

/** What has been posted for the program once `run` is posted too. */
export function postedAfter(
  posted: PostedSoFar,
  run: Pick<AllocationRun, "posting" | "members">,
): PostedSoFar {
  const byMember = new Map(posted.byMember);
  for (const m of run.members)
    byMember.set(m.memberId, addMinor(byMember.get(m.memberId) ?? 0, m.postingMinor));
  return {
    grossMinor: addMinor(posted.grossMinor, run.posting.grossMinor),
    feeMinor: addMinor(posted.feeMinor, run.posting.feeMinor),
    byMember,
  };
}

/** Runs move forward: any month first, then the month after the last posted one, or that month again. */
export function checkRunMonth(
  month: MonthKey,
  program: { start: IsoDate; end: IsoDate },
  lastPostedMonth: MonthKey | null,
): RunKind {
  assertMonthKey(month);
  if (month < monthOf(program.start) || month > monthOf(program.end)) {
    const details = { month, start: program.start, end: program.end };
    throw new DomainError("run_month_outside_program", details, details);
  }
  if (lastPostedMonth === null) return "first";
  if (month === lastPostedMonth) return "true-up";
  const expected = nextMonth(lastPostedMonth);
  if (month === expected) return "next";
  const details = { month, lastPostedMonth, allowed: [lastPostedMonth, expected] };
  throw new DomainError("run_month_out_of_order", details, details);
}
