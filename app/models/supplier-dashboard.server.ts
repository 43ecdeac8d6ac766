// The supplier's dashboard beyond the month grid: per program, the pooled volume month by month
// against its tier thresholds (posted months, volume by invoice month), and the refund owed to the consortium and paid.
import { prepared } from "@db/client.server";
import { supplierReceivable } from "~/refunds/journal";
import { tierProgress, type TierProgress } from "~/refunds/tier-progress";
import { tierReached } from "~/refunds/tiers";
import { yearToDate } from "~/refunds/volume-by-month";
import { lastPostedRun, postedRunsOfYear, runVolumes, type PostedRun } from "./dashboard.server";
import { programVolumeByMonth } from "./invoice-month-volume.server";
import { programsWithTiers, type ListedProgram } from "./programs.server";

export type ProgramVolume = {
  program: Pick<ListedProgram, "id" | "name" | "currency" | "method" | "tiers" | "start" | "end">;
  /** Year-to-date pooled volume (by invoice month) at the end of each month with a posted run. */
  months: { month: string; pooledVolumeMinor: number; rateBps: number }[];
  lastRunMonth: string | null;
  progress: TierProgress | null;
  postedGrossMinor: number;
};

export type RefundAccount = {
  currency: string;
  postedGrossMinor: number;
  paidMinor: number;
  owedMinor: number;
};

/**
 * The supplier's receivable by currency: allocations debit it (the gross refund posted), supplier
 * payments credit it. Other kinds of entries that touch it count in what is owed.
 */
export function supplierRefundAccount(supplierId: number) {
  const rows = prepared(
    `SELECT jl.currency, je.kind, jl.program_id AS programId, sum(jl.amount_minor) AS amountMinor
       FROM journal_lines jl JOIN journal_entries je ON je.id = jl.entry_id
      WHERE jl.account = ?
      GROUP BY jl.currency, je.kind, jl.program_id`,
  ).all(supplierReceivable(supplierId)) as {
    currency: string;
    kind: string;
    programId: number | null;
    amountMinor: number;
  }[];
  const accounts = new Map<string, RefundAccount>();
  const grossByProgram = new Map<number, number>();
  for (const r of rows) {
    const a = accounts.get(r.currency) ?? {
      currency: r.currency,
      postedGrossMinor: 0,
      paidMinor: 0,
      owedMinor: 0,
    };
    if (r.kind === "allocation") a.postedGrossMinor += r.amountMinor;
    if (r.kind === "supplier_payment") a.paidMinor -= r.amountMinor;
    a.owedMinor += r.amountMinor;
    accounts.set(r.currency, a);
    if (r.kind === "allocation" && r.programId !== null) {
      grossByProgram.set(r.programId, (grossByProgram.get(r.programId) ?? 0) + r.amountMinor);
    }
  }
  return {
    accounts: [...accounts.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    grossByProgram,
  };
}

/**
 * The year-to-date pooled volume at the end of each posted month, counted by invoice month
 * (decision 061): a late report raises the months it was invoiced in, not the month of the run
 * that trued it up. The rate is the tier that volume reaches (a growth program's, from its run).
 */
function postedMonths(program: ListedProgram, runs: PostedRun[], year: number) {
  const volumes = yearToDate(
    programVolumeByMonth(program, program.start, `${year}-12-31`),
    runs.map((r) => r.month),
  );
  return runs.map((r, i) => ({
    month: r.month,
    pooledVolumeMinor: volumes[i].volumeMinor,
    rateBps:
      program.tiers.length > 0
        ? tierReached(volumes[i].volumeMinor, program.tiers).rateBps
        : r.rateBps,
  }));
}

export function supplierDashboard(supplierId: number, year: number) {
  const programs = programsWithTiers({ year, supplierId, orderBy: "supplier" });
  const runs = postedRunsOfYear(
    year,
    programs.map((p) => p.id),
  );
  const refunds = supplierRefundAccount(supplierId);
  const volumes: ProgramVolume[] = programs.map((p) => {
    const { id, name, currency, method, tiers, start, end } = p;
    const last = lastPostedRun(p.id);
    const progress =
      last && tiers.length > 0
        ? tierProgress({
            tiers,
            method,
            feeBps: p.feeBps,
            programStart: start,
            programEnd: end,
            throughMonth: last.month,
            pooledVolumeMinor: last.pooledVolumeMinor,
            ...runVolumes(last.id, null),
          })
        : null;
    return {
      program: { id, name, currency, method, tiers, start, end },
      months: postedMonths(
        p,
        runs.filter((r) => r.programId === p.id),
        year,
      ),
      lastRunMonth: last?.month ?? null,
      progress,
      postedGrossMinor: refunds.grossByProgram.get(p.id) ?? 0,
    };
  });
  return { year, programs: volumes, refunds: refunds.accounts };
}

export type SupplierDashboard = ReturnType<typeof supplierDashboard>;
