// Input schemas for refund programs (with their tier schedules) and FX rates: shared by forms and the API.
// Messages are reason keys (app/schemas/reasons.ts); the edge writes them in the reader's language.
import { z } from "zod";
import { MONTH_PATTERN } from "~/refunds/money";
import { currencyCode, isoDate } from "./parties";
import { splitTierLine, tierTextLines, WHOLE_TEXT } from "./tier-text";

/** "12" from a form becomes 12; anything else is left for zod to judge (so "1.5" or "" fail). */
const wholeFromText = (v: unknown) => (typeof v === "string" && WHOLE_TEXT.test(v) ? Number(v) : v);
const whole = z.preprocess(wholeFromText, z.number().int().safe());

export const tierInput = z.object({ thresholdMinor: whole, rateBps: whole });

/** A non-blank line of tier text that is not two fields (refused at its own path). */
class UnreadableTierLine {
  constructor(readonly text: string) {}
}

/** Form text of tier lines (app/schemas/tier-text.ts) as tier objects; an array passes through. */
const tierLines = (v: unknown) =>
  typeof v === "string"
    ? tierTextLines(v).map(({ text }) => splitTierLine(text) ?? new UnreadableTierLine(text))
    : v;

/** One tier: an object (from the API or a readable line), or a line that is not two fields. */
const tier = z.preprocess((v, ctx) => {
  if (!(v instanceof UnreadableTierLine)) return v;
  ctx.addIssue({
    code: "custom",
    message: "tier_line_format",
    params: { text: v.text },
    fatal: true,
  });
  return z.NEVER;
}, tierInput);

/** Form text "a, b" (commas or lines) as a list; an array passes through. */
const listFromText = (v: unknown) => (typeof v === "string" ? v.split(/[,\n]/) : v);
const categories = z
  .preprocess(
    listFromText,
    z.array(z.string().trim().max(200)).transform((l) => l.filter(Boolean)),
  )
  .default([]);

/** A tier schedule as typed (lines of text) or sent (objects): the same rules for both. */
export const tierSchedule = z.preprocess(tierLines, z.array(tier).min(1, "tiers_none"));

export const programInput = z
  .object({
    supplierId: z.preprocess(wholeFromText, z.number().int().positive()),
    name: z.string().trim().min(1, "required").max(200),
    currency: currencyCode,
    start: isoDate,
    end: isoDate,
    method: z.enum(["all-units", "incremental"]),
    feeBps: whole,
    tiers: tierSchedule,
    includeCategories: categories,
    excludeCategories: categories,
  })
  .refine((p) => p.start < p.end, { message: "end_before_start", path: ["end"] });
export type ProgramInput = z.infer<typeof programInput>;

export const monthKey = z.string().trim().regex(MONTH_PATTERN, "month_format");

export const fxRateInput = z
  .object({
    month: monthKey,
    from: currencyCode,
    to: currencyCode,
    rate: z.string().trim().min(1, "required"),
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
