// A member statement assembled from ledger lines and posted runs (SPEC 3.6): per currency the
// opening and closing balance, per program the figures reached and each posting explained.
import { DomainError } from "./errors";
import {
  addMinor,
  isMonthKey,
  previousMonth,
  type MemberId,
  type Minor,
  type MonthKey,
} from "./money";

/** One line of the member's payable account, with the month it counts in. */
export type PayableLine = {
  entryId: number;
  kind: "allocation" | "supplier_payment" | "payout";
  currency: string;
  month: MonthKey;
  amountMinor: Minor; // debit +, credit − (as in the journal)
  programId: number | null;
  runId: number | null;
  payoutBatchId: number | null;
  reference: string | null;
};

/** A posted run of a program with what it said about this member. */
export type PostedRun = {
  runId: number;
  programId: number;
  month: MonthKey;
  pooledVolumeMinor: Minor;
  tierIndex: number;
  rateBps: number;
  memberVolumeMinor: Minor;
};

export type StatementProgram = {
  id: number;
  name: string;
  currency: string;
  supplierName: string;
  startMonth: MonthKey;
  method: "all-units" | "incremental";
};

export type PostingExplanation =
  | { code: "regular"; month: MonthKey; tier: number; rateBps: number }
  | { code: "tier_up" | "tier_down"; month: MonthKey; tier: number; from: MonthKey; to: MonthKey }
  | { code: "rerun"; month: MonthKey }
  | { code: "correction"; month: MonthKey };

export type StatementPosting = {
  entryId: number;
  runId: number | null;
  month: MonthKey;
  amountMinor: Minor; // what the member earned (+) or gave back (−)
  explanation: PostingExplanation;
};

export type Statement = {
  memberId: MemberId;
  from: MonthKey;
  to: MonthKey;
  balances: {
    currency: string;
    openingMinor: Minor;
    earnedMinor: Minor;
    paidOutMinor: Minor;
    closingMinor: Minor;
  }[];
  programs: {
    programId: number;
    name: string;
    supplierName: string;
    currency: string;
    pooledVolumeMinor: Minor;
    tierIndex: number | null;
    rateBps: number | null;
    memberVolumeMinor: Minor;
    earnedMinor: Minor;
    postings: StatementPosting[];
  }[];
  payouts: {
    entryId: number;
    payoutBatchId: number | null;
    reference: string | null;
    month: MonthKey;
    currency: string;
    amountMinor: Minor;
  }[];
};

export function assertRange(from: MonthKey, to: MonthKey): void {
  if (!isMonthKey(from) || !isMonthKey(to) || from > to) {
    const details = { from, to };
    throw new DomainError("statement_range_invalid", details, details);
  }
}

/**
 * Why a run posted what it posted for the member: a tier change (which lifts or lowers every
 * earlier month of the program), a second run of the same month (late or corrected lines), a
 * negative amount at an unchanged tier (a correction), or the month's own refund.
 */
export function explainPosting(
  run: PostedRun,
  previous: PostedRun | undefined,
  startMonth: MonthKey,
  amountMinor: Minor,
  method: StatementProgram["method"] = "all-units",
): PostingExplanation {
  const tier = run.tierIndex + 1;
  if (previous && previous.month === run.month) return { code: "rerun", month: run.month };
  // Incremental tiers pay each band at its own rate: reaching a tier lifts no earlier month.
  const lifts = method === "all-units";
  if (lifts && previous && run.tierIndex !== previous.tierIndex && run.month > startMonth) {
    return {
      code: run.tierIndex > previous.tierIndex ? "tier_up" : "tier_down",
      month: run.month,
      tier,
      from: startMonth,
      to: previousMonth(run.month),
    };
  }
  if (amountMinor < 0) return { code: "correction", month: run.month };
  return { code: "regular", month: run.month, tier, rateBps: run.rateBps };
}

/** Assembles the statement of `memberId` for [from, to] from all its payable lines and runs. */
export function assembleStatement(input: {
  memberId: MemberId;
  from: MonthKey;
  to: MonthKey;
  lines: readonly PayableLine[];
  runs: readonly PostedRun[];
  programs: readonly StatementProgram[];
}): Statement {
  const { from, to } = input;
  assertRange(from, to);
  const balances = new Map<string, Statement["balances"][number]>();
  const balanceOf = (currency: string) => {
    let b = balances.get(currency);
    if (!b) {
      b = { currency, openingMinor: 0, earnedMinor: 0, paidOutMinor: 0, closingMinor: 0 };
      balances.set(currency, b);
    }
    return b;
  };
  const runsById = new Map(input.runs.map((r) => [r.runId, r]));
  const postingsByProgram = new Map<number, StatementPosting[]>();
  const payouts: Statement["payouts"] = [];
  const lines = [...input.lines].sort((a, b) => a.entryId - b.entryId);
  for (const line of lines) {
    if (line.month > to) continue;
    const b = balanceOf(line.currency);
    const credit = -line.amountMinor; // what the consortium owes the member grows with credits
    if (line.month < from) {
      b.openingMinor = addMinor(b.openingMinor, credit);
      continue;
    }
    if (line.kind === "payout") {
      b.paidOutMinor = addMinor(b.paidOutMinor, line.amountMinor);
      payouts.push({
        entryId: line.entryId,
        payoutBatchId: line.payoutBatchId,
        reference: line.reference,
        month: line.month,
        currency: line.currency,
        amountMinor: line.amountMinor,
      });
      continue;
    }
    b.earnedMinor = addMinor(b.earnedMinor, credit);
    if (line.programId === null) continue;
    const run = line.runId === null ? undefined : runsById.get(line.runId);
    const program = input.programs.find((p) => p.id === line.programId);
    const explanation = run
      ? explainPosting(
          run,
          previousRun(input.runs, run),
          program?.startMonth ?? run.month,
          credit,
          program?.method,
        )
      : ({ code: "correction", month: line.month } as const);
    const list = postingsByProgram.get(line.programId) ?? [];
    list.push({
      entryId: line.entryId,
      runId: line.runId,
      month: line.month,
      amountMinor: credit,
      explanation,
    });
    postingsByProgram.set(line.programId, list);
  }
  for (const b of balances.values())
    b.closingMinor = addMinor(addMinor(b.openingMinor, b.earnedMinor), -b.paidOutMinor);
  const programs = input.programs
    .map((p) => programFigures(p, input.runs, to, postingsByProgram.get(p.id) ?? []))
    .filter((p) => p.postings.length > 0 || p.tierIndex !== null);
  return {
    memberId: input.memberId,
    from,
    to,
    balances: [...balances.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)),
    programs,
    payouts,
  };
}

/** The program's posted run just before `run` (by posting order). */
function previousRun(runs: readonly PostedRun[], run: PostedRun): PostedRun | undefined {
  let best: PostedRun | undefined;
  for (const r of runs) {
    if (r.programId !== run.programId || r.runId >= run.runId) continue;
    if (!best || r.runId > best.runId) best = r;
  }
  return best;
}

/** Pooled volume, tier and the member's volume as the last run up to `to` found them. */
function programFigures(
  program: StatementProgram,
  runs: readonly PostedRun[],
  to: MonthKey,
  postings: StatementPosting[],
) {
  let last: PostedRun | undefined;
  for (const r of runs) {
    if (r.programId !== program.id || r.month > to) continue;
    if (!last || r.runId > last.runId) last = r;
  }
  let earned: Minor = 0;
  for (const p of postings) earned = addMinor(earned, p.amountMinor);
  return {
    programId: program.id,
    name: program.name,
    supplierName: program.supplierName,
    currency: program.currency,
    pooledVolumeMinor: last?.pooledVolumeMinor ?? 0,
    tierIndex: last ? last.tierIndex : null,
    rateBps: last ? last.rateBps : null,
    memberVolumeMinor: last?.memberVolumeMinor ?? 0,
    earnedMinor: earned,
    postings,
  };
}
