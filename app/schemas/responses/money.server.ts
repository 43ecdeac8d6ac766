// What the API answers about money out: supplier payments, receivables, payout batches and
// member statements.
import { PAYOUT_STATUSES } from "@db/schema";
import { currency, date, id, minor, month, timestamp, z } from "./zod.server";

export const supplierPayment = z
  .object({
    id,
    supplierId: id,
    supplierName: z.string(),
    programId: id.nullable(),
    programName: z.string().nullable(),
    currency,
    amountMinor: minor,
    receivedOn: date,
    reference: z.string(),
    overpaymentNote: z.string().nullable(),
    createdAt: timestamp,
    entryId: id.nullable(),
  })
  .openapi("SupplierPayment");

export const receivable = z
  .object({
    supplierId: id,
    supplierName: z.string(),
    programId: id,
    programName: z.string(),
    currency,
    pooledVolumeMinor: minor,
    tierIndex: z.number().int().nullable(),
    rateBps: z.number().int().nullable(),
    lastPostedMonth: month.nullable(),
    postedMinor: minor,
    paidMinor: minor,
    owedMinor: minor.describe("Posted less paid; negative when the supplier overpaid."),
  })
  .openapi("Receivable");

const batchStatus = z.enum(PAYOUT_STATUSES);

export const payoutBatchListItem = z
  .object({
    id,
    currency,
    status: batchStatus,
    reference: z.string(),
    createdAt: timestamp,
    paidAt: timestamp.nullable(),
    lines: z.number().int().describe("Lines not dropped."),
    totalMinor: minor,
  })
  .openapi("PayoutBatchListItem");

export const payoutLine = z
  .object({
    memberId: id,
    memberName: z.string(),
    taxId: z.string(),
    bankName: z.string().nullable(),
    bankAccount: z.string().nullable(),
    bankHolder: z.string().nullable(),
    amountMinor: minor,
    dropped: z.boolean(),
    bank: z
      .object({
        ok: z.boolean(),
        kind: z.enum(["clabe", "cbu", "iban", "pix", "bank_branch_account"]).optional(),
        problem: z
          .enum([
            "missing",
            "clabe_invalid",
            "cbu_invalid",
            "iban_invalid",
            "pix_invalid",
            "account_invalid",
          ])
          .optional(),
      })
      .describe(
        "Whether the member's account passes its country's check (CLABE, CBU, PIX, IBAN or bank/branch/account); a batch with an invalid open line cannot be approved (409 bank_details_invalid).",
      ),
  })
  .openapi("PayoutLine");

export const payoutBatch = z
  .object({
    id,
    currency,
    status: batchStatus,
    reference: z.string(),
    createdBy: id.nullable(),
    createdAt: timestamp,
    approvedBy: id.nullable(),
    approvedAt: timestamp.nullable(),
    paidBy: id.nullable(),
    paidAt: timestamp.nullable(),
    cancelledBy: id.nullable(),
    cancelledAt: timestamp.nullable(),
    createdByEmail: z.string().nullable(),
    approvedByEmail: z.string().nullable(),
    paidByEmail: z.string().nullable(),
    cancelledByEmail: z.string().nullable(),
    entryId: id.nullable().describe("The journal entry posted when paid."),
    totalMinor: minor.describe("Sum of the lines not dropped."),
    lines: z.array(payoutLine),
  })
  .openapi("PayoutBatch");

export const carriedForward = z
  .object({
    memberId: id,
    memberName: z.string(),
    balanceMinor: minor,
    reason: z.enum(["below_minimum", "reserved", "negative", "dropped", "not_in_batch"]),
  })
  .openapi("CarriedForward");

export const payoutBatchDetail = payoutBatch
  .extend({ carriedForward: z.array(carriedForward) })
  .openapi("PayoutBatchDetail");

export const postingExplanation = z
  .discriminatedUnion("code", [
    z.object({
      code: z.literal("regular"),
      month,
      tier: z.number().int(),
      rateBps: z.number().int(),
    }),
    z.object({ code: z.literal("tier_up"), month, tier: z.number().int(), from: month, to: month }),
    z.object({
      code: z.literal("tier_down"),
      month,
      tier: z.number().int(),
      from: month,
      to: month,
    }),
    z.object({ code: z.literal("rerun"), month }),
    z.object({ code: z.literal("correction"), month }),
  ])
  .openapi("PostingExplanation");

const statementProgram = z.object({
  programId: id,
  name: z.string(),
  supplierName: z.string(),
  currency,
  pooledVolumeMinor: minor,
  tierIndex: z.number().int().nullable(),
  rateBps: z.number().int().nullable(),
  memberVolumeMinor: minor,
  earnedMinor: minor,
  postings: z.array(
    z.object({
      entryId: id,
      runId: id.nullable(),
      month,
      amountMinor: minor,
      explanation: postingExplanation,
    }),
  ),
});

export const statement = z
  .object({
    memberId: id,
    member: z.object({ id, name: z.string(), taxId: z.string() }),
    from: month,
    to: month,
    balances: z.array(
      z.object({
        currency,
        openingMinor: minor,
        earnedMinor: minor,
        paidOutMinor: minor,
        closingMinor: minor,
      }),
    ),
    programs: z.array(statementProgram),
    payouts: z.array(
      z.object({
        entryId: id,
        payoutBatchId: id.nullable(),
        reference: z.string().nullable(),
        month,
        currency,
        amountMinor: minor,
      }),
    ),
  })
  .openapi("Statement");
