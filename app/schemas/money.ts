// Input schemas for money out (supplier payments, payout batches, statements): forms and API.
// Messages are reason keys (app/schemas/reasons.ts); the edge writes them in the reader's language.
import { z } from "zod";
import { minorExponent } from "~/refunds/money";
import { currencyCode, isoDate } from "./parties";
import { monthKey } from "./programs";
import { MAX_AMOUNT_MINOR, MAX_BATCH_MEMBERS } from "./ranges";

const positiveId = z.coerce.number().int().positive().safe();
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.string().trim().max(max).optional(),
  );

export const supplierPaymentInput = z.object({
  programId: positiveId,
  amountMinor: z
    .number({ message: "minor_units_whole" })
    .int()
    .min(Number.MIN_SAFE_INTEGER)
    .max(MAX_AMOUNT_MINOR, "amount_too_large"),
  receivedOn: isoDate,
  reference: z.string().trim().min(1, "required").max(100),
  currency: currencyCode.optional(),
  overpaymentNote: optionalText(500),
});

/** "1234.56" typed in a form, as minor units of `currency`, without passing through a float. */
export function decimalToMinor(text: string, currency: string): number | null {
  const digits = minorExponent(currency);
  const m = /^\s*(-?)(\d{1,15})(?:[.,](\d+))?\s*$/.exec(text);
  if (!m || (m[3] ?? "").length > digits) return null;
  const minor = Number(`${m[1]}${m[2]}${(m[3] ?? "").padEnd(digits, "0")}`);
  return Number.isSafeInteger(minor) ? minor : null;
}

export const batchBuildInput = z.object({
  currency: currencyCode,
  reference: optionalText(60),
  memberIds: z.array(positiveId).min(1).max(MAX_BATCH_MEMBERS, "too_many_items").optional(),
});

export const batchPayInput = z.object({ paidOn: isoDate.optional() });
export const batchDropInput = z.object({ memberId: positiveId });
export const statementRange = z.object({ from: monthKey, to: monthKey });
