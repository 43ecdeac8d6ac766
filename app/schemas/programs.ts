// Input schemas for refund programs (with their tier schedules) and FX rates: shared by forms and the API.
// Messages are reason keys (app/schemas/reasons.ts); the edge writes them in the reader's language.
import { z } from "zod";
import { componentProblems, type ComponentProblem } from "~/refunds/components";
import { MONTH_PATTERN } from "~/refunds/money";
import { currencyCode, isoDate } from "./parties";
import {
  FX_RATE_MAX_LENGTH,
  FX_RATE_MAX_WHOLE_DIGITS,
  MAX_AMOUNT_MINOR,
  MAX_BASELINES,
  MAX_BONUSES,
  MAX_CATEGORIES,
  MAX_REQUIREMENTS,
  MAX_TIERS,
  MONTH_MAX,
  MONTH_MIN,
} from "./ranges";
import type { ReasonKey, ReasonParams } from "./reasons";
import { splitTierLine, tierTextLines, WHOLE_TEXT } from "./tier-text";

/** "12" from a form becomes 12; anything else is left for zod to judge (so "1.5" or "" fail). */
const wholeFromText = (v: unknown) => (typeof v === "string" && WHOLE_TEXT.test(v) ? Number(v) : v);
const whole = z.preprocess(wholeFromText, z.number().int().safe());

/** Thresholds are minor units: at most MAX_AMOUNT_MINOR (rising from 0 is the engine's rule). */
const threshold = z.preprocess(
  wholeFromText,
  z.number().int().min(Number.MIN_SAFE_INTEGER).max(MAX_AMOUNT_MINOR, "amount_too_large"),
);

export const tierInput = z.object({ thresholdMinor: threshold, rateBps: whole });

/** A non-blank line of tier text that is not two fields (refused at its own path). */
class UnreadableTierLine {
  constructor(readonly text: string) {}
}

type TierFields = NonNullable<ReturnType<typeof splitTierLine>>;

/**
 * Form text of tier lines (app/schemas/tier-text.ts) as objects, each line's two fields named by
 * `named`; an array passes through.
 */
const tierLinesAs =
  <T>(named: (fields: TierFields) => T) =>
  (v: unknown) =>
    typeof v === "string"
      ? tierTextLines(v).map(({ text }) => {
          const fields = splitTierLine(text);
          return fields ? named(fields) : new UnreadableTierLine(text);
        })
      : v;

/** One tier for `schema`: an object (from the API or a readable line), or a line not two fields. */
const readableTier = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v, ctx) => {
    if (!(v instanceof UnreadableTierLine)) return v;
    ctx.addIssue({
      code: "custom",
      message: "tier_line_format",
      params: { text: v.text },
      fatal: true,
    });
    return z.NEVER;
  }, schema);

/** Form text of tier lines as tier objects; an array passes through. */
const tierLines = tierLinesAs((fields) => fields);
const tier = readableTier(tierInput);

/** Form text "a, b" (commas or lines) as a list; an array passes through. */
const listFromText = (v: unknown) => (typeof v === "string" ? v.split(/[,\n]/) : v);
const categories = z
  .preprocess(
    listFromText,
    z
      .array(z.string().trim().max(200))
      .max(MAX_CATEGORIES, "too_many_items")
      .transform((l) => l.filter(Boolean)),
  )
  .default([]);

/** A tier schedule as typed (lines of text) or sent (objects): the same rules for both. */
export const tierSchedule = z.preprocess(
  tierLines,
  z.array(tier).min(1, "tiers_none").max(MAX_TIERS, "tiers_too_many"),
);

/** A month written YYYY-MM, from MONTH_MIN to MONTH_MAX (decision 042). */
export const monthKey = z
  .string()
  .trim()
  .regex(MONTH_PATTERN, "month_format")
  .refine((m) => !MONTH_PATTERN.test(m) || (m >= MONTH_MIN && m <= MONTH_MAX), {
    message: "month_out_of_range",
    params: { min: MONTH_MIN, max: MONTH_MAX },
  });

/** A growth tier (SPEC 3.7): growth over the baseline in basis points, and the rate it pays. */
export const growthTierInput = z.object({ thresholdBps: whole, rateBps: whole });

/** A growth schedule as typed ("thresholdBps;rateBps" lines) or sent (objects). */
const growthTierLines = tierLinesAs((fields) => ({
  thresholdBps: fields.thresholdMinor,
  rateBps: fields.rateBps,
}));
const growthTier = readableTier(growthTierInput);
export const growthTierSchedule = z.preprocess(
  growthTierLines,
  z.array(growthTier).min(1, "tiers_none").max(MAX_TIERS, "tiers_too_many"),
);

/** An amount in minor units, either sign (a negative limit is the engine's refusal, at its field). */
const minorAmount = z.preprocess(
  wholeFromText,
  z
    .number()
    .int()
    .min(-MAX_AMOUNT_MINOR, "amount_too_large")
    .max(MAX_AMOUNT_MINOR, "amount_too_large"),
);
/** An optional amount: absent, null or blank (a form's empty field) is none. */
const optionalAmount = z
  .preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), minorAmount.nullable())
  .optional();
const optionalWhole = z
  .preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), whole.nullable())
  .optional();
/** Categories or SKUs a bonus selects; a blank entry is the engine's refusal, at its field. */
const selection = z
  .array(z.string().trim().max(200))
  .max(MAX_CATEGORIES, "too_many_items")
  .nullish();

/** A bonus component (SPEC 3.7): what it selects, when, what it pays, and its mix condition. */
export const bonusInput = z.object({
  name: z.string().trim().max(200),
  categories: selection,
  skus: selection,
  start: isoDate.nullish(),
  end: isoDate.nullish(),
  rateBps: optionalWhole,
  perUnitMinor: optionalAmount,
  requires: z
    .array(z.object({ category: z.string().trim().max(200), minVolumeMinor: minorAmount }))
    .max(MAX_REQUIREMENTS, "too_many_items")
    .nullish(),
});
export type BonusInput = z.infer<typeof bonusInput>;

const programFields = {
  supplierId: z.preprocess(wholeFromText, z.number().int().positive()),
  name: z.string().trim().min(1, "required").max(200),
  currency: currencyCode,
  start: isoDate,
  end: isoDate,
  feeBps: whole,
  includeCategories: categories,
  excludeCategories: categories,
  // SPEC 3.7: the tier component's limits, a growth basis's terms, and bonuses.
  volumeCapMinor: optionalAmount,
  refundCapMinor: optionalAmount,
  minimumRefundMinor: optionalAmount,
  growthPays: z.enum(["whole", "increment"]).nullish(),
  baselines: z
    .array(z.object({ month: monthKey, amountMinor: minorAmount }))
    .max(MAX_BASELINES, "too_many_items")
    .nullish(),
  bonuses: z.array(bonusInput).max(MAX_BONUSES, "too_many_items").nullish(),
};

/** Tiers judged on the pooled volume (SPEC 3.2): thresholds in minor units. */
const volumeProgramInput = z.object({
  ...programFields,
  basis: z.literal("volume").nullish(),
  method: z.enum(["all-units", "incremental"]),
  tiers: tierSchedule,
});
/** Tiers judged on growth over the year before (SPEC 3.7): thresholds in basis points. */
const growthProgramInput = z.object({
  ...programFields,
  basis: z.literal("growth"),
  /** Growth is paid all-units; "incremental" is refused (componentProblems). */
  method: z.enum(["all-units", "incremental"]).nullish(),
  tiers: growthTierSchedule,
});

/**
 * A program as the admin's form types it or the API sends it. `basis` picks the tier schedule's
 * shape; everything SPEC 3.7 refuses is the engine's `componentProblems`, each at its field.
 */
export const programInput = z
  .discriminatedUnion("basis", [volumeProgramInput, growthProgramInput], {
    errorMap: (issue, ctx) => ({
      message: issue.code === "invalid_union_discriminator" ? "basis_unknown" : ctx.defaultError,
    }),
  })
  .refine((p) => p.start < p.end, { message: "end_before_start", path: ["end"] })
  .superRefine((p, ctx) => {
    for (const problem of componentProblems(p)) {
      const { message, params } = componentReason(problem);
      ctx.addIssue({
        code: "custom",
        path: problem.path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
        message,
        params: { ...params },
      });
    }
  });
export type ProgramInput = z.infer<typeof programInput>;

/** The reason a component problem is told with at its field (the path says which field). */
function componentReason(p: ComponentProblem): { message: ReasonKey; params?: ReasonParams } {
  switch (p.problem) {
    case "growth_incremental":
      return { message: "growth_not_incremental" };
    case "growth_only":
      return { message: "growth_basis_only" };
    case "growth_no_tiers":
      return { message: "tiers_none" };
    case "growth_threshold_invalid":
      return { message: "bps_whole" };
    case "growth_first_threshold_not_zero":
      return { message: "first_threshold_zero" };
    case "growth_threshold_not_rising":
      return { message: "threshold_not_rising" };
    case "growth_rate_invalid":
    case "bonus_rate_invalid":
      return { message: "rate_bps_range" };
    case "growth_rate_falling":
      return { message: "rate_falling" };
    case "limit_invalid":
    case "baseline_amount_invalid":
    case "bonus_per_unit_invalid":
    case "requirement_minimum_invalid":
      return { message: "minor_units_not_negative" };
    case "minimum_above_refund_cap":
      return { message: "minimum_above_refund_cap" };
    case "baseline_month_invalid":
      return { message: "month_format" };
    case "baseline_month_outside":
      return { message: "month_out_of_range", params: { min: p.from, max: p.to } };
    case "baseline_month_repeated":
      return { message: "month_repeated" };
    case "bonus_name_blank":
    case "requirement_category_blank":
      return { message: "required" };
    case "bonus_name_taken":
      return { message: "component_name_taken" };
    case "bonus_pays_both":
      return { message: "bonus_pays_both" };
    case "bonus_pays_nothing":
      return { message: "bonus_pays_nothing" };
    case "bonus_selection_blank":
      return { message: "blank_entry" };
    case "bonus_date_invalid":
      return { message: "date_format" };
    case "bonus_window_reversed":
      return { message: "end_before_window_start" };
    case "bonus_window_outside":
      return { message: "date_out_of_range", params: { min: p.programStart, max: p.programEnd } };
  }
}

/** Digits before the decimal point, leading zeros aside ("0012.5" has 2). */
const wholeDigits = (rate: string) => (/^\d*/.exec(rate)?.[0] ?? "").replace(/^0+/, "").length;

/**
 * An FX rate's text, bounded before the engine reads it (`parseRate` judges its format): at most
 * FX_RATE_MAX_LENGTH characters and FX_RATE_MAX_WHOLE_DIGITS digits before the point.
 */
const rateText = z
  .string()
  .trim()
  .min(1, "required")
  .refine((r) => r.length <= FX_RATE_MAX_LENGTH && wholeDigits(r) <= FX_RATE_MAX_WHOLE_DIGITS, {
    message: "fx_rate_too_large",
    params: { max: FX_RATE_MAX_WHOLE_DIGITS },
  });

export const fxRateInput = z
  .object({
    month: monthKey,
    from: currencyCode,
    to: currencyCode,
    rate: rateText,
  })
  .refine((r) => r.from !== r.to, { message: "currency_same", path: ["to"] });
export type FxRateInput = z.infer<typeof fxRateInput>;

export const fxRatesInput = z
  .array(fxRateInput, { invalid_type_error: "fx_rates_not_list" })
  .min(1, "fx_rates_none")
  .superRefine((rates, ctx) => {
    const seen = new Map<string, number>();
    rates.forEach((r, i) => {
      const key = `${r.month} ${r.from} ${r.to}`;
      const first = seen.get(key);
      if (first !== undefined)
        ctx.addIssue({
          code: "custom",
          path: [i, "month"],
          message: "fx_rate_repeated",
          params: { rate: first + 1 },
        });
      else seen.set(key, i);
    });
  });
