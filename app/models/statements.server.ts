// A member's statement for a range of months (SPEC 3.6), read from the journal and the posted
// runs and assembled by the pure engine; its closing balance is the ledger's.
import { getDb } from "@db/client.server";
import { notFound } from "./errors";
import {
  assembleStatement,
  type PayableLine,
  type PostedRun,
  type Statement,
  type StatementProgram,
} from "~/refunds/statement";
import { memberPayable } from "~/refunds/journal";
import { postingComponents, type ComponentShare } from "~/refunds/statement-components";
import { monthOf, monthOfDate } from "~/refunds/money";
import { memberSharesByRun } from "./member-components.server";
import { getMember } from "./members.server";
import { programsWithTiers } from "./programs.server";
import { claimedPurchases, type ClaimedPurchase } from "./claims.server";

export const thisMonth = () => monthOfDate(new Date());

type StatementProgramFigures = Statement["programs"][number];
/** A program of the statement; with components (SPEC 3.7) each posting is split by component. */
export type MemberStatementProgram = Omit<StatementProgramFigures, "postings"> & {
  growthBasis: boolean;
  postings: (StatementProgramFigures["postings"][number] & {
    components: ComponentShare[] | null;
  })[];
};
export type MemberStatement = Omit<Statement, "programs"> & {
  member: { id: number; name: string; taxId: string };
  programs: MemberStatementProgram[];
  /** SPEC 5.2: accepted claims invoiced in the range, marked "claimed". */
  claimed: ClaimedPurchase[];
};

/** All lines of the member's payable account; a line's month is its posting's (or entry's) month. */
function payableLines(memberId: number): PayableLine[] {
  return getDb()
    .$client.prepare(
      `SELECT e.id entryId, e.kind, l.currency, COALESCE(l.month, substr(e.created_at, 1, 7)) month,
         l.amount_minor amountMinor, l.program_id programId, e.run_id runId,
         e.payout_batch_id payoutBatchId, b.reference
       FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
       LEFT JOIN payout_batches b ON b.id = e.payout_batch_id
       WHERE l.account = ? ORDER BY e.id`,
    )
    .all(memberPayable(memberId)) as PayableLine[];
}

/** Posted runs of the programs the member took part in, with the member's volume in each. */
function postedRuns(memberId: number, programIds: number[]): PostedRun[] {
  if (programIds.length === 0) return [];
  return getDb()
    .$client.prepare(
      `SELECT r.id runId, r.program_id programId, r.month, r.pooled_volume_minor pooledVolumeMinor,
         r.tier_index tierIndex, r.rate_bps rateBps, COALESCE(m.volume_minor, 0) memberVolumeMinor
       FROM allocation_runs r
       LEFT JOIN allocation_run_members m ON m.run_id = r.id AND m.member_id = ?
       WHERE r.status = 'posted' AND r.program_id IN (SELECT value FROM json_each(?))
       ORDER BY r.id`,
    )
    .all(memberId, JSON.stringify(programIds)) as PostedRun[];
}

function programsOf(
  memberId: number,
  lines: PayableLine[],
): (StatementProgram & { growthBasis: boolean })[] {
  const fromRuns = getDb()
    .$client.prepare(
      `SELECT DISTINCT r.program_id id FROM allocation_run_members m
       JOIN allocation_runs r ON r.id = m.run_id WHERE m.member_id = ? AND r.status = 'posted'`,
    )
    .all(memberId) as { id: number }[];
  const ids = new Set([
    ...fromRuns.map((r) => r.id),
    ...lines.flatMap((l) => (l.programId === null ? [] : [l.programId])),
  ]);
  if (ids.size === 0) return [];
  return programsWithTiers({ ids: [...ids], orderBy: "supplier" }).map((p) => ({
    id: p.id,
    name: p.name,
    currency: p.currency,
    supplierName: p.supplierName,
    startMonth: monthOf(p.start),
    method: p.method,
    growthBasis: p.basis === "growth",
  }));
}

/** The default range: from the member's first posting to this month (or the last posting's). */
export function defaultRange(memberId: number): { from: string; to: string } {
  const now = thisMonth();
  const months = payableLines(memberId)
    .map((l) => l.month)
    .sort();
  const first = months[0] && months[0] < now ? months[0] : now;
  const last = months.at(-1);
  return { from: `${first.slice(0, 4)}-01`, to: last && last > now ? last : now };
}

export function memberStatement(memberId: number, from: string, to: string): MemberStatement {
  const member = getMember(memberId);
  if (!member) throw notFound("member");
  const lines = payableLines(memberId);
  const programs = programsOf(memberId, lines);
  const runs = postedRuns(
    memberId,
    programs.map((p) => p.id),
  );
  const statement = assembleStatement({ memberId, from, to, lines, runs, programs });
  const shares = memberSharesByRun(
    runs.map((r) => r.runId),
    memberId,
  );
  return {
    ...statement,
    programs: statement.programs.map((p) => {
      const runIds = runs.filter((r) => r.programId === p.programId).map((r) => r.runId);
      return {
        ...p,
        growthBasis: programs.find((q) => q.id === p.programId)?.growthBasis ?? false,
        postings: p.postings.map((x) => ({
          ...x,
          components: postingComponents(x, runIds, shares),
        })),
      };
    }),
    member: { id: member.id, name: member.name, taxId: member.taxId },
    claimed: claimedPurchases(memberId, from, to),
  };
}
