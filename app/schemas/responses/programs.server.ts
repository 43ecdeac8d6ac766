// What the API answers about refund programs and FX rates.
import { currency, date, id, minor, month, timestamp, z } from "./zod.server";

export const tier = z.object({ thresholdMinor: minor, rateBps: z.number().int() }).openapi("Tier");

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
    tiers: z.array(tier),
    createdAt: timestamp,
    updatedAt: timestamp,
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
