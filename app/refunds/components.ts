// Program components (SPEC 3.7): what a program may say beyond 3.2–3.3 — limits on its tier
// component, a growth basis, bonuses — and every problem of those terms, so the schema layer can
// refuse a program before it is saved and a run refuses one it cannot compute.
import { categoryKey } from "./eligibility";
import { COMPONENT_PROBLEM_TEXTS, type TextLanguage } from "./error-texts";
import { DomainError } from "./errors";
import {
  addMonths,
  isIsoDate,
  isMonthKey,
  type Bps,
  type IsoDate,
  type Minor,
  type MonthKey,
} from "./money";
import type { Tier, TierMethod } from "./tiers";

/** A growth tier: reached when growth over the baseline is at least `thresholdBps`. */
export type GrowthTier = { thresholdBps: Bps; rateBps: Bps };
export type GrowthPays = "whole" | "increment";
export type Basis = "volume" | "growth";
/** A negotiated prior-year month: its figure replaces that month's lines in the baseline. */
export type Baseline = { month: MonthKey; amountMinor: Minor };
export type MixRequirement = { category: string; minVolumeMinor: Minor };

/** A bonus component: its selection, optional window, what it pays and its mix condition. */
export type BonusTerms = {
  name: string;
  categories?: readonly string[] | null;
  skus?: readonly string[] | null;
  start?: IsoDate | null;
  end?: IsoDate | null;
  rateBps?: Bps | null;
  perUnitMinor?: Minor | null;
  requires?: readonly MixRequirement[] | null;
};

/** The tier component's optional limits, applied in this order. */
export type TierLimits = {
  volumeCapMinor?: Minor | null;
  refundCapMinor?: Minor | null;
  minimumRefundMinor?: Minor | null;
};

type ProgramCommon = TierLimits & {
  start: IsoDate;
  end: IsoDate;
  feeBps: Bps;
  bonuses?: readonly BonusTerms[] | null;
  /** Growth only; listed here so that a volume program carrying them can be refused. */
  growthPays?: GrowthPays | null;
  baselines?: readonly Baseline[] | null;
};
export type VolumeProgram = ProgramCommon & {
  basis?: "volume" | null;
  method: TierMethod;
  tiers: readonly Tier[];
};
export type GrowthProgram = ProgramCommon & {
  basis: "growth";
  /** Growth is paid all-units; "incremental" is refused. */
  method?: TierMethod | null;
  tiers: readonly GrowthTier[];
};
/** A program's refund terms as the engine reads them (SPEC 3.2, 3.3, 3.7). */
export type ComponentProgram = VolumeProgram | GrowthProgram;

/** The name of the tier component in a run's `components`; no bonus may take it. */
export const TIER_COMPONENT_NAME = "tier";

type BonusRef = { bonus: number; name: string };
/** One problem of a program's components; `path` is the input field (zod-style, from 0). */
export type ComponentProblem = { path: string } & (
  | { problem: "growth_incremental" }
  | { problem: "growth_only"; field: "growthPays" | "baselines" }
  | { problem: "growth_no_tiers" }
  | { problem: "growth_threshold_invalid"; tier: number; thresholdBps: number }
  | { problem: "growth_first_threshold_not_zero"; thresholdBps: number }
  | {
      problem: "growth_threshold_not_rising";
      tier: number;
      thresholdBps: number;
      previousBps: number;
    }
  | { problem: "growth_rate_invalid"; tier: number; rateBps: number }
  | { problem: "growth_rate_falling"; tier: number; rateBps: number; previousBps: number }
  | { problem: "limit_invalid"; field: keyof TierLimits; amount: number }
  | { problem: "minimum_above_refund_cap"; minimumRefundMinor: Minor; refundCapMinor: Minor }
  | { problem: "baseline_month_invalid"; month: string }
  | { problem: "baseline_month_outside"; month: MonthKey; from: MonthKey; to: MonthKey }
  | { problem: "baseline_month_repeated"; month: MonthKey }
  | { problem: "baseline_amount_invalid"; month: string; amount: number }
  | { problem: "bonus_name_blank"; bonus: number }
  | (BonusRef & { problem: "bonus_name_taken" })
  | (BonusRef & { problem: "bonus_pays_both" })
  | (BonusRef & { problem: "bonus_pays_nothing" })
  | (BonusRef & { problem: "bonus_rate_invalid"; rateBps: number })
  | (BonusRef & { problem: "bonus_per_unit_invalid"; perUnitMinor: number })
  | (BonusRef & { problem: "bonus_selection_blank"; field: "categories" | "skus" })
  | (BonusRef & { problem: "bonus_date_invalid"; date: string })
  | (BonusRef & { problem: "bonus_window_reversed"; start: IsoDate; end: IsoDate })
  | (BonusRef & {
      problem: "bonus_window_outside";
      start: IsoDate;
      end: IsoDate;
      programStart: IsoDate;
      programEnd: IsoDate;
    })
  | (BonusRef & { problem: "requirement_category_blank" })
  | (BonusRef & { problem: "requirement_minimum_invalid"; category: string; amount: number })
);

const LIMITS: readonly (keyof TierLimits)[] = [
  "volumeCapMinor",
  "refundCapMinor",
  "minimumRefundMinor",
];

const wholeAtLeastZero = (n: unknown): n is number =>
  typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
const isRate = (n: unknown): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 10_000;
const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/** Whether a program has anything of 3.7 (otherwise it is computed exactly as 3.2–3.3 say). */
export function hasComponents(program: ComponentProgram): boolean {
  return (
    program.basis === "growth" ||
    LIMITS.some((field) => given(program[field])) ||
    (program.bonuses?.length ?? 0) > 0
  );
}

/**
 * Every problem of a program's 3.7 terms (an empty list means the engine can compute them).
 * A volume program's tier schedule keeps its own check (`tierScheduleProblems`); a growth
 * program's schedule of `{thresholdBps, rateBps}` is checked here.
 */
export function componentProblems(program: ComponentProgram): ComponentProblem[] {
  const problems: ComponentProblem[] = [];
  if (program.basis === "growth") {
    if (program.method === "incremental")
      problems.push({ path: "method", problem: "growth_incremental" });
    problems.push(...growthTierProblems(program.tiers));
    problems.push(...baselineProblems(program));
  } else {
    if (given(program.growthPays))
      problems.push({ path: "growthPays", problem: "growth_only", field: "growthPays" });
    if ((program.baselines?.length ?? 0) > 0)
      problems.push({ path: "baselines", problem: "growth_only", field: "baselines" });
  }
  problems.push(...limitProblems(program));
  (program.bonuses ?? []).forEach((bonus, i) => problems.push(...bonusProblems(program, bonus, i)));
  problems.push(...nameProblems(program.bonuses ?? []));
  return problems;
}

/** Refuses a program whose components cannot be computed (400 at the edge). */
export function assertComponents(program: ComponentProgram): void {
  const problems = componentProblems(program);
  if (problems.length > 0) {
    throw new DomainError(
      "components_invalid",
      { problems },
      { problems: problems.map((p) => ({ path: p.path, message: COMPONENT_PROBLEM_TEXTS.en(p) })) },
    );
  }
}

/** Every problem, one sentence each (English unless asked); empty when the components are valid. */
export function validateComponents(
  program: ComponentProgram,
  language: TextLanguage = "en",
): string[] {
  return componentProblems(program).map(COMPONENT_PROBLEM_TEXTS[language]);
}

function growthTierProblems(tiers: readonly GrowthTier[]): ComponentProblem[] {
  if (tiers.length === 0) return [{ path: "tiers", problem: "growth_no_tiers" }];
  const problems: ComponentProblem[] = [];
  tiers.forEach(({ thresholdBps, rateBps }, i) => {
    const tier = i + 1;
    const path = `tiers.${i}`;
    if (!wholeAtLeastZero(thresholdBps)) {
      problems.push({
        path: `${path}.thresholdBps`,
        problem: "growth_threshold_invalid",
        tier,
        thresholdBps,
      });
    }
    if (!isRate(rateBps))
      problems.push({ path: `${path}.rateBps`, problem: "growth_rate_invalid", tier, rateBps });
    if (i === 0) {
      if (thresholdBps !== 0) {
        problems.push({
          path: `${path}.thresholdBps`,
          problem: "growth_first_threshold_not_zero",
          thresholdBps,
        });
      }
      return;
    }
    const previous = tiers[i - 1];
    if (!(thresholdBps > previous.thresholdBps)) {
      problems.push({
        path: `${path}.thresholdBps`,
        problem: "growth_threshold_not_rising",
        tier,
        thresholdBps,
        previousBps: previous.thresholdBps,
      });
    }
    if (rateBps < previous.rateBps) {
      problems.push({
        path: `${path}.rateBps`,
        problem: "growth_rate_falling",
        tier,
        rateBps,
        previousBps: previous.rateBps,
      });
    }
  });
  return problems;
}

function limitProblems(program: TierLimits): ComponentProblem[] {
  const problems: ComponentProblem[] = [];
  for (const field of LIMITS) {
    const amount = program[field];
    if (given(amount) && !wholeAtLeastZero(amount))
      problems.push({ path: field, problem: "limit_invalid", field, amount });
  }
  const { minimumRefundMinor: minimum, refundCapMinor: cap } = program;
  // Applied in order, a minimum above the cap would pay more than the cap says at the end.
  if (wholeAtLeastZero(minimum) && wholeAtLeastZero(cap) && minimum > cap) {
    problems.push({
      path: "minimumRefundMinor",
      problem: "minimum_above_refund_cap",
      minimumRefundMinor: minimum,
      refundCapMinor: cap,
    });
  }
  return problems;
}

/** Negotiated months must be months of the program's year before, each once. */
function baselineProblems(program: GrowthProgram): ComponentProblem[] {
  const problems: ComponentProblem[] = [];
  const window = datesValid(program) ? priorYearMonths(program) : null;
  const seen = new Set<MonthKey>();
  (program.baselines ?? []).forEach(({ month, amountMinor }, i) => {
    const path = `baselines.${i}`;
    if (!isMonthKey(month)) {
      problems.push({
        path: `${path}.month`,
        problem: "baseline_month_invalid",
        month: String(month),
      });
    } else if (window && (month < window.from || month > window.to)) {
      problems.push({ path: `${path}.month`, problem: "baseline_month_outside", month, ...window });
    } else if (seen.has(month)) {
      problems.push({ path: `${path}.month`, problem: "baseline_month_repeated", month });
    }
    seen.add(month);
    if (!wholeAtLeastZero(amountMinor)) {
      problems.push({
        path: `${path}.amountMinor`,
        problem: "baseline_amount_invalid",
        month: String(month),
        amount: amountMinor,
      });
    }
  });
  return problems;
}

/** The months of the year before the program, whose figures a growth baseline may use. */
export function priorYearMonths(program: { start: IsoDate; end: IsoDate }): {
  from: MonthKey;
  to: MonthKey;
} {
  return {
    from: addMonths(program.start.slice(0, 7), -12),
    to: addMonths(program.end.slice(0, 7), -12),
  };
}

function datesValid(program: { start: IsoDate; end: IsoDate }): boolean {
  return isIsoDate(program.start) && isIsoDate(program.end) && program.start <= program.end;
}

function bonusProblems(
  program: ComponentProgram,
  bonus: BonusTerms,
  i: number,
): ComponentProblem[] {
  const problems: ComponentProblem[] = [];
  const path = `bonuses.${i}`;
  const ref: BonusRef = { bonus: i + 1, name: String(bonus.name ?? "").trim() };
  const { rateBps, perUnitMinor } = bonus;
  const rate = given(rateBps);
  const perUnit = given(perUnitMinor);
  if (rate && perUnit) problems.push({ path, problem: "bonus_pays_both", ...ref });
  if (!rate && !perUnit) problems.push({ path, problem: "bonus_pays_nothing", ...ref });
  if (given(rateBps) && !isRate(rateBps)) {
    problems.push({ path: `${path}.rateBps`, problem: "bonus_rate_invalid", ...ref, rateBps });
  }
  if (given(perUnitMinor) && !wholeAtLeastZero(perUnitMinor)) {
    problems.push({
      path: `${path}.perUnitMinor`,
      problem: "bonus_per_unit_invalid",
      ...ref,
      perUnitMinor,
    });
  }
  for (const field of ["categories", "skus"] as const) {
    if ((bonus[field] ?? []).some((text) => categoryKey(String(text)) === ""))
      problems.push({ path: `${path}.${field}`, problem: "bonus_selection_blank", ...ref, field });
  }
  problems.push(...windowProblems(program, bonus, path, ref));
  (bonus.requires ?? []).forEach(({ category, minVolumeMinor }, r) => {
    const at = `${path}.requires.${r}`;
    if (categoryKey(String(category ?? "")) === "")
      problems.push({ path: `${at}.category`, problem: "requirement_category_blank", ...ref });
    if (!wholeAtLeastZero(minVolumeMinor)) {
      problems.push({
        path: `${at}.minVolumeMinor`,
        problem: "requirement_minimum_invalid",
        ...ref,
        category: String(category),
        amount: minVolumeMinor,
      });
    }
  });
  return problems;
}

function windowProblems(
  program: ComponentProgram,
  bonus: BonusTerms,
  path: string,
  ref: BonusRef,
): ComponentProblem[] {
  const problems: ComponentProblem[] = [];
  let valid = true;
  for (const field of ["start", "end"] as const) {
    const date = bonus[field];
    if (given(date) && !isIsoDate(date)) {
      problems.push({ path: `${path}.${field}`, problem: "bonus_date_invalid", ...ref, date });
      valid = false;
    }
  }
  if (!valid || !datesValid(program)) return problems;
  const start = bonus.start ?? program.start;
  const end = bonus.end ?? program.end;
  if (start > end) {
    problems.push({ path: `${path}.end`, problem: "bonus_window_reversed", ...ref, start, end });
  }
  if (start < program.start || start > program.end || end < program.start || end > program.end) {
    problems.push({
      path: start < program.start || start > program.end ? `${path}.start` : `${path}.end`,
      problem: "bonus_window_outside",
      ...ref,
      start,
      end,
      programStart: program.start,
      programEnd: program.end,
    });
  }
  return problems;
}

/** Each component is named in every member's list, so names are unique (case-insensitive). */
function nameProblems(bonuses: readonly BonusTerms[]): ComponentProblem[] {
  const problems: ComponentProblem[] = [];
  const taken = new Set([TIER_COMPONENT_NAME]);
  bonuses.forEach((bonus, i) => {
    const name = String(bonus.name ?? "").trim();
    const path = `bonuses.${i}.name`;
    if (name === "") problems.push({ path, problem: "bonus_name_blank", bonus: i + 1 });
    else if (taken.has(categoryKey(name)))
      problems.push({ path, problem: "bonus_name_taken", bonus: i + 1, name });
    taken.add(categoryKey(name));
  });
  return problems;
}
