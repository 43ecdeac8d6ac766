// What the API answers about member claims (SPEC 5.2, 7).
import { CLAIM_OUTCOMES, CLAIM_REASONS, CLAIM_STATUSES, CLAIM_UPLOAD_STATUSES } from "@db/schema";
import { count, currency, date, id, minor, z } from "./zod.server";

export const claimStatus = z.enum(CLAIM_STATUSES);

export const claim = z
  .object({
    id,
    memberId: id,
    supplierId: id,
    invoiceNumber: z.string(),
    uuid: z.string().optional().describe("CFDI: the fiscal stamp's UUID."),
    accessKey: z.string().optional().describe("NF-e: the 44-digit access key."),
    invoiceDate: date,
    currency,
    amountMinor: minor.describe("Net of taxes; negative for a credit note."),
    status: claimStatus,
    reason: z.enum(CLAIM_REASONS).optional(),
    comment: z.string().optional(),
    reportedAmountMinor: minor
      .optional()
      .describe("reported / reported_later: the amount of the report's line(s)."),
    lines: z.array(
      z.object({
        sku: z.string(),
        category: z.string().describe("Empty when the supplier never reported the SKU."),
        quantity: z.number(),
        amountMinor: minor,
      }),
    ),
  })
  .openapi("Claim");

export const claimQueued = z
  .object({ id, status: z.enum(CLAIM_UPLOAD_STATUSES) })
  .openapi("ClaimUploadQueued");

export const claimUpload = z
  .object({
    id,
    memberId: id,
    fileName: z.string(),
    status: z.enum(CLAIM_UPLOAD_STATUSES),
    progress: z.object({ read: count, total: count.nullable() }),
    counts: z.object({
      reported: count,
      pending: count,
      notPreferred: count,
      refused: count,
    }),
    code: z.string().optional().describe("failed: why the upload was refused as a whole."),
    message: z.string().optional(),
    invoices: z.array(
      z.object({
        file: z.string(),
        outcome: z.enum(CLAIM_OUTCOMES),
        claimId: id.optional(),
        supplierId: id.optional(),
        invoiceNumber: z.string().optional(),
        invoiceDate: date.optional(),
        currency: currency.optional(),
        amountMinor: minor.optional(),
        reportedAmountMinor: minor.optional(),
        code: z.string().optional(),
        message: z.string().optional(),
      }),
    ),
  })
  .openapi("ClaimUpload");
