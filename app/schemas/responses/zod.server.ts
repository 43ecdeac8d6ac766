// zod with .openapi() names, for the API's answers only. The input schemas in app/schemas stay
// plain zod, so the browser, which parses forms with them, never loads zod-to-openapi.
import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { MONTH_PATTERN } from "~/refunds/money";

extendZodWithOpenApi(z);

export { z };

export const id = z.number().int();
export const count = z.number().int().nonnegative();
export const month = z.string().regex(MONTH_PATTERN);
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const currency = z.string().regex(/^[A-Z]{3}$/);
export const minor = z.number().int().describe("Integer minor units (cents).");
export const timestamp = z.string().describe("ISO 8601, UTC.");

export const amount = z.object({ currency, amountMinor: minor }).openapi("Amount");

export const apiError = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .openapi("Error");
