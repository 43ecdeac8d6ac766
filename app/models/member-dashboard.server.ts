// The member's dashboard: refunds earned this year (by currency, by month and supplier, by
// program), the balance, and a next-tier card per program from its last posted run.
import { prepared } from "@db/client.server";
import { tierProgress, type TierProgress } from "~/refunds/tier-progress";
import { byCurrency, lastPostedRun, runVolumes, stackByMonth } from "./dashboard.server";
import { memberBalances } from "./ledger.server";
import { programsWithTiers, type ListedProgram } from "./programs.server";

type EarnedRow = {
  month: string;
  supplierId: number;
  programId: number;
  currency: string;
  amountMinor: number;
};

/** What the member's allocation postings credited, by month, supplier, program and currency. */
function earnedRows(memberId: number, year: number): EarnedRow[] {
  return prepared(
    `SELECT jl.month, jl.supplier_id AS supplierId, jl.program_id AS programId, jl.currency,
            -sum(jl.amount_minor) AS amountMinor
       FROM journal_lines jl JOIN journal_entries je ON je.id = jl.entry_id
      WHERE jl.member_id = ? AND jl.month BETWEEN ? AND ? AND je.kind = 'allocation'
      GROUP BY jl.month, jl.supplier_id, jl.program_id, jl.currency`,
  ).all(memberId, `${year}-01`, `${year}-12`) as EarnedRow[];
}

export type ProgramCard = {
  program: Pick<
    ListedProgram,
    "id" | "name" | "supplierName" | "currency" | "method" | "tiers" | "start" | "end"
  >;
  earnedMinor: number;
  run: { month: string; memberVolumeMinor: number } | null;
  progress: TierProgress | null;
};

function programCard(memberId: number, program: ListedProgram, earnedMinor: number): ProgramCard {
  const { id, name, supplierName, currency, method, tiers, start, end } = program;
  const base = {
    program: { id, name, supplierName, currency, method, tiers, start, end },
    earnedMinor,
  };
  const run = lastPostedRun(program.id);
  if (!run || tiers.length === 0) return { ...base, run: null, progress: null };
  const volumes = runVolumes(run.id, memberId);
  return {
    ...base,
    run: { month: run.month, memberVolumeMinor: volumes.memberVolumeMinor },
    progress: tierProgress({
      tiers,
      method: program.method,
      feeBps: program.feeBps,
      programStart: program.start,
      programEnd: program.end,
      throughMonth: run.month,
      pooledVolumeMinor: run.pooledVolumeMinor,
      ...volumes,
    }),
  };
}

export function memberDashboard(memberId: number, year: number) {
  const earned = earnedRows(memberId, year);
  const programs = programsWithTiers({ year, orderBy: "supplier" });
  const supplierNames = new Map(programs.map((p) => [p.supplierId, p.supplierName]));
  const earnedByProgram = new Map<number, number>();
  for (const r of earned) {
    earnedByProgram.set(r.programId, (earnedByProgram.get(r.programId) ?? 0) + r.amountMinor);
  }
  return {
    year,
    earned: byCurrency(earned),
    balances: byCurrency(memberBalances(memberId)),
    chart: stackByMonth(
      year,
      earned.map((r) => ({
        ...r,
        seriesKey: `s${r.supplierId}`,
        seriesLabel: supplierNames.get(r.supplierId) ?? `#${r.supplierId}`,
      })),
    ),
    programs: programs.map((p) => programCard(memberId, p, earnedByProgram.get(p.id) ?? 0)),
  };
}

export type MemberDashboard = ReturnType<typeof memberDashboard>;
