// The monthly allocation run of one program (SPEC 3.3): year-to-date refund from scratch,
// each member's share of it, and what this run posts on top of everything posted before.
import { allocateLargestRemainder } from "./allocate";
import { DomainError } from "./errors";
import {
  addMinor,
  applyBps,
  assertMonthKey,
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
import { grossRefund, tierReached, type Tier, type TierMethod } from "./tiers";

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

/** What has been posted for the program once `run` is posted too. */
export function postedAfter(posted: PostedSoFar, run: AllocationRun): PostedSoFar {
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
