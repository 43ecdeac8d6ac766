// The member's dashboard: refunds earned this year (by currency, by month and supplier, by
// program), the balance, and a next-tier card per program from its last posted run.
import { prepared } from "@db/client.server";
import { readUntilChanged } from "@db/read-cache.server";
import {
  growthForecast,
  growthProgressPermille,
  mixForecast,
  type GrowthForecast,
  type MixForecast,
} from "~/refunds/forecast-components";
import { tierProgress, type TierProgress } from "~/refunds/tier-progress";
import { byCurrency, lastPostedRun, runVolumes, stackByMonth } from "./dashboard.server";
import { memberBalances } from "./ledger.server";
import { memberRunComponents, type MemberRunComponent } from "./member-components.server";
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
  /** SPEC 3.7: the member's year-to-date share of each component of the last posted run. */
  components: { kind: "tier" | "bonus"; name: string; amountMinor: number }[];
  /** A growth program: growth over last year and what the next growth tier would add. */
  growth: (GrowthForecast & { progressPermille: number }) | null;
  /** Bonuses whose mix condition is unmet: what is missing and what the bonus would pay. */
  mixes: (MixForecast & { name: string })[];
};

/** The component views of a card: shares, the growth forecast, the unmet mix conditions. */
function componentViews(
  program: ListedProgram,
  components: MemberRunComponent[],
  volumes: { memberVolumeMinor: number; allocatedVolumeMinor: number },
  pooledVolumeMinor: number,
): Pick<ProgramCard, "components" | "growth" | "mixes"> {
  const tier = components.find((c) => c.kind === "tier");
  let growth: ProgramCard["growth"] = null;
  if (program.basis === "growth" && tier) {
    const forecast = growthForecast({
      program: {
        basis: "growth",
        tiers: program.growthTiers,
        growthPays: program.growthPays,
        volumeCapMinor: program.volumeCapMinor,
        refundCapMinor: program.refundCapMinor,
        feeBps: program.feeBps,
        start: program.start,
        end: program.end,
      },
      baselineMinor: tier.baselineMinor ?? 0,
      pooledVolumeMinor,
      ...volumes,
    });
    growth = { ...forecast, progressPermille: growthProgressPermille(forecast) };
  }
  const mixes = components.flatMap((c) => {
    if (c.kind !== "bonus" || !c.requirements || c.requirements.length === 0) return [];
    const forecast = mixForecast({
      rateBps: c.rateBps,
      perUnitMinor: c.perUnitMinor,
      feeBps: program.feeBps,
      basisMinor: c.basisMinor,
      memberWeightMinor: c.weightMinor,
      requirements: c.requirements,
    });
    return forecast.met ? [] : [{ name: c.name, ...forecast }];
  });
  return {
    components: components.map(({ kind, name, amountMinor }) => ({ kind, name, amountMinor })),
    growth,
    mixes,
  };
}

function programCard(memberId: number, program: ListedProgram, earnedMinor: number): ProgramCard {
  const { id, name, supplierName, currency, method, tiers, start, end } = program;
  const base = {
    program: { id, name, supplierName, currency, method, tiers, start, end },
    earnedMinor,
    components: [],
    growth: null,
    mixes: [],
  };
  const run = lastPostedRun(program.id);
  const growthBasis = program.basis === "growth";
  if (!run || (tiers.length === 0 && !growthBasis)) return { ...base, run: null, progress: null };
  const volumes = runVolumes(run.id, memberId);
  const views = componentViews(
    program,
    memberRunComponents(run.id, memberId),
    volumes,
    run.pooledVolumeMinor,
  );
  return {
    ...base,
    ...views,
    run: { month: run.month, memberVolumeMinor: volumes.memberVolumeMinor },
    progress: growthBasis
      ? null
      : tierProgress({
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
  // The same for every member: kept until the database changes.
  const programs = readUntilChanged(`dashboardPrograms:${year}`, () =>
    programsWithTiers({ year, orderBy: "supplier" }),
  );
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
