// Two offers on past volume: the saved program and the program as the admin is editing it, each
// replayed with its components (SPEC 3.7) month by month over the volume already reported (the
// same aggregates a run reads, decision 044), so the admin compares them before negotiating.
// Nothing is stored: a replay is a what-if, not a run.
import { getDb } from "@db/client.server";
import { inField } from "~/errors/coded";
import { isDomainError } from "~/refunds/errors";
import { lastDayOfMonth, monthOf, nextMonth, type MonthKey } from "~/refunds/money";
import { computeProgramRun, NOTHING_POSTED } from "~/refunds/run";
import { assertTierSchedule } from "~/refunds/tiers";
import { programInput } from "~/schemas/programs";
import { componentInputs } from "./component-inputs.server";
import { builtCells, type CellSource } from "./program-cells.server";
import { invalid } from "./errors";
import { componentProgram, type Program } from "./programs.server";
import { loadProgramTerms, memberships } from "./run-inputs.server";
import { getSupplier } from "./suppliers.server";

/** One offer's year to date at one month end: pooled volume, gross per component and in all. */
export type OfferMonth = {
  month: MonthKey;
  pooledVolumeMinor: number;
  grossMinor: number;
  components: { kind: "tier" | "bonus"; name: string; grossMinor: number }[];
};

/** One offer replayed: its currency, whether its tiers are judged on growth, its months. */
export type Offer = { currency: string; growth: boolean; months: OfferMonth[] };

export type OfferComparison = {
  through: MonthKey;
  saved: Offer;
  edited: Offer;
};

/** The edited program as a Program the run inputs read (validated as a save would be). */
function editedProgram(saved: Program, raw: unknown): Program {
  const input = programInput.parse(raw);
  if (input.basis !== "growth") {
    try {
      assertTierSchedule(input.tiers);
    } catch (error) {
      if (isDomainError(error)) throw inField(error, "tiers", { named: false });
      throw error;
    }
  }
  if (!getSupplier(input.supplierId))
    throw invalid("supplier_unknown", { field: "supplierId", id: input.supplierId }, [
      { path: "supplierId", reason: "supplier_not_known" },
    ]);
  const growth = input.basis === "growth";
  return {
    ...saved,
    supplierId: input.supplierId,
    name: input.name,
    currency: input.currency,
    start: input.start,
    end: input.end,
    method: input.method ?? "all-units",
    feeBps: input.feeBps,
    includeCategories: input.includeCategories,
    excludeCategories: input.excludeCategories,
    basis: growth ? "growth" : "volume",
    growthPays: growth ? (input.growthPays ?? "whole") : null,
    volumeCapMinor: input.volumeCapMinor ?? null,
    refundCapMinor: input.refundCapMinor ?? null,
    minimumRefundMinor: input.minimumRefundMinor ?? null,
    tiers: growth ? [] : input.tiers,
    growthTiers: growth ? input.tiers : [],
    baselines: input.baselines ?? [],
    bonuses: (input.bonuses ?? []).map((b) => ({
      name: b.name,
      categories: b.categories ?? [],
      skus: b.skus ?? [],
      start: b.start ?? null,
      end: b.end ?? null,
      rateBps: b.rateBps ?? null,
      perUnitMinor: b.perUnitMinor ?? null,
      requires: b.requires ?? [],
    })),
  };
}

/** The program's runs, from scratch and with nothing posted, at each month end up to `through`. */
function replay(program: Program, through: MonthKey, cells: CellSource): OfferMonth[] {
  const db = getDb();
  const people = memberships(db);
  const terms = componentProgram(program);
  const last = through < monthOf(program.end) ? through : monthOf(program.end);
  const months: OfferMonth[] = [];
  for (let month = monthOf(program.start); month <= last; month = nextMonth(month)) {
    if (lastDayOfMonth(month) < program.start) continue;
    const inputs = componentInputs(db, program, terms, month, people, cells);
    const run = computeProgramRun({
      program: terms,
      month,
      sales: inputs.sales,
      priorYear: inputs.priorYear,
      alreadyPosted: NOTHING_POSTED,
    });
    months.push({
      month,
      pooledVolumeMinor: run.pooledVolumeMinor,
      grossMinor: run.grossMinor,
      components: run.components.map((c) => ({
        kind: c.kind,
        name: c.name,
        grossMinor: c.grossMinor,
      })),
    });
  }
  return months;
}

function offer(program: Program, through: MonthKey): Offer {
  return {
    currency: program.currency,
    growth: program.basis === "growth",
    // Built in memory for both offers: the edited terms have no stored cells, and replaying
    // the saved ones from the same build compares like with like.
    months: replay(program, through, builtCells(getDb(), program)),
  };
}

/** The saved program and the edited one (the editor's raw input), replayed through `through`. */
export function compareOffers(programId: number, edited: unknown, through: MonthKey) {
  const saved = loadProgramTerms(getDb(), programId);
  const draft = editedProgram(saved, edited);
  return {
    through,
    saved: offer(saved, through),
    edited: offer(draft, through),
  } satisfies OfferComparison;
}
