// What the API answers about refund programs and FX rates.
import { currency, date, id, minor, month, timestamp, z } from "./zod.server";

export const tier = z.object({ thresholdMinor: minor, rateBps: z.number().int() }).openapi("Tier");

export const growthTier = z
  .object({
    thresholdBps: z.number().int().describe("Growth over the baseline, in basis points."),
    rateBps: z.number().int(),
  })
  .openapi("GrowthTier");

export const bonus = z
  .object({
    name: z.string(),
    categories: z.array(z.string()),
    skus: z.array(z.string()),
    start: date.nullable(),
    end: date.nullable(),
    rateBps: z.number().int().nullable(),
    perUnitMinor: minor.nullable(),
    requires: z.array(z.object({ category: z.string(), minVolumeMinor: minor })),
  })
  .describe("A bonus component (SPEC 3.7): pays rateBps or perUnitMinor, the other is null.")
  .openapi("Bonus");

export const program = z
  .object({
    id,
    supplierId: id,
    name: z.string(),
    currency,
    start: date,
    end: date,
    method: z.enum(["all-units", "incremental"]),
    feeBps: z.number().int(),
    includeCategories: z.array(z.string()),
    excludeCategories: z.array(z.string()),
    tiers: z
      .union([z.array(tier), z.array(growthTier)])
      .describe("Thresholds in minor units; in growth basis points for a growth program."),
    createdAt: timestamp,
    updatedAt: timestamp,
    // SPEC 3.7: present only when the program has them.
    basis: z.literal("growth").optional().describe("Present for a growth program only."),
    growthPays: z.enum(["whole", "increment"]).optional(),
    volumeCapMinor: minor.optional(),
    refundCapMinor: minor.optional(),
    minimumRefundMinor: minor.optional(),
    baselines: z.array(z.object({ month, amountMinor: minor })).optional(),
    bonuses: z.array(bonus).optional(),
  })
  .openapi("Program");

export const fxRate = z
  .object({
    month,
    from: currency,
    to: currency,
    rate: z.string().regex(/^\d+(\.\d{1,8})?$/),
    updatedBy: id.nullable(),
    updatedAt: timestamp,
  })
  .openapi("FxRate");
