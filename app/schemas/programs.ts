// Input schemas for refund programs (with their tier schedules) and FX rates: shared by forms and the API.
import { z } from "zod";
import { currencyCode, isoDate } from "./parties";

/** "12" from a form becomes 12; anything else is left for zod to judge (so "1.5" or "" fail). */
const wholeFromText = (v: unknown) =>
  typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
const whole = z.preprocess(wholeFromText, z.number().int().safe());

/** Form text "threshold;rateBps", one tier a line, as tier objects; an array passes through. */
const tierLines = (v: unknown) =>
  typeof v === "string"
    ? v
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const [thresholdMinor, rateBps, ...rest] = line.split(";");
          return rest.length ? line : { thresholdMinor, rateBps: rateBps ?? "" };
        })
    : v;

/** Form text "a, b" (commas or lines) as a list; an array passes through. */
const listFromText = (v: unknown) => (typeof v === "string" ? v.split(/[,\n]/) : v);
const categories = z
  .preprocess(
    listFromText,
    z.array(z.string().trim().max(200)).transform((l) => l.filter(Boolean)),
  )
  .default([]);

export const tierInput = z.object({ thresholdMinor: whole, rateBps: whole });

export const programInput = z
  .object({
    supplierId: z.preprocess(wholeFromText, z.number().int().positive()),
    name: z.string().trim().min(1, "is required").max(200),
    currency: currencyCode,
    start: isoDate,
    end: isoDate,
    method: z.enum(["all-units", "incremental"]),
    feeBps: whole,
    tiers: z.preprocess(tierLines, z.array(tierInput).min(1, "needs at least one tier")),
    includeCategories: categories,
    excludeCategories: categories,
  })
  .refine((p) => p.start < p.end, { message: "must be after the start date", path: ["end"] });
export type ProgramInput = z.infer<typeof programInput>;

export const monthKey = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month written YYYY-MM");

export const fxRateInput = z
  .object({
    month: monthKey,
    from: currencyCode,
    to: currencyCode,
    rate: z.string().trim().min(1, "is required"),
  })
  .refine((r) => r.from !== r.to, {
    message: "must differ from the source currency",
    path: ["to"],
  });
export type FxRateInput = z.infer<typeof fxRateInput>;

export const fxRatesInput = z
  .array(fxRateInput, { invalid_type_error: "must be a list of FX rates" })
  .min(1, "needs at least one FX rate")
  .superRefine((rates, ctx) => {
    const seen = new Map<string, number>();
    rates.forEach((r, i) => {
      const key = `${r.month} ${r.from} ${r.to}`;
      const first = seen.get(key);
      if (first !== undefined)
        ctx.addIssue({
          code: "custom",
          path: [i, "month"],
          message: `repeats the month and currencies of rate ${first + 1}`,
        });
      else seen.set(key, i);
    });
  });
