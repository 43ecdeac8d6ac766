// Input schemas of member claims (SPEC 5.2, 7): suppliers' tax ids, typed claims, decisions and
// the claims list's filters. Messages are reason keys (app/schemas/reasons.ts).
import { z } from "zod";
import type { ClaimReason, ClaimStatus } from "@db/schema";
import { decimalToMinor } from "./money";
import { positiveId } from "./ids";
import { currencyCode, isoDate } from "./parties";
import { supplierTaxIds } from "./supplier-tax-ids";

/** The database's lists (db/schema/claims.ts), checked against its types. */
const CLAIM_REASONS = [
  "not_our_invoice",
  "cancelled",
  "returned",
  "already_reported",
  "outside_program",
  "other",
] as const satisfies readonly ClaimReason[];
const CLAIM_STATUSES = [
  "reported",
  "pending",
  "accepted",
  "rejected",
  "escalated",
  "reported_later",
] as const satisfies readonly ClaimStatus[];

/** PATCH /api/v1/suppliers/:id: name, date order, language and tax ids, each optional. */
export const supplierPatch = z
  .object({
    name: z.string().trim().min(1, "required").max(200).optional(),
    dateOrder: z.enum(["dmy", "mdy"]).optional(),
    language: z.enum(["en", "es", "pt-BR"]).optional(),
    taxIds: supplierTaxIds.optional(),
  })
  .strict();
export type SupplierPatch = z.infer<typeof supplierPatch>;

const text = (max: number) => z.string().trim().min(1, "required").max(max);

/** A claim typed by the member (no XML), with its proof attached (SPEC 5.2). */
export const typedClaimInput = z
  .object({
    supplierId: positiveId,
    invoiceNumber: text(64),
    invoiceDate: isoDate,
    currency: currencyCode,
    netAmount: text(40),
    memberId: positiveId.optional(),
  })
  .transform((v, ctx) => {
    const amountMinor = decimalToMinor(v.netAmount, v.currency);
    if (amountMinor === null) {
      ctx.addIssue({ code: "custom", path: ["netAmount"], message: "claim_amount_invalid" });
      return z.NEVER;
    }
    return { ...v, amountMinor };
  });
export type TypedClaimInput = z.infer<typeof typedClaimInput>;

/** POST /api/v1/claims/:id/decision (and the supplier's and admin's forms). */
export const claimDecisionInput = z
  .object({
    decision: z.enum(["accept", "reject"]),
    reason: z.enum(CLAIM_REASONS).optional(),
    comment: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.string().trim().max(1000).optional(),
    ),
    categories: z
      .array(z.object({ sku: z.string().max(500), category: z.string().trim().max(500) }))
      .max(1000, "too_many_items")
      .optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision === "reject" && !d.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "claim_reason_required" });
    if (d.reason === "other" && !d.comment)
      ctx.addIssue({ code: "custom", path: ["comment"], message: "claim_comment_required" });
  });
export type ClaimDecisionInput = z.infer<typeof claimDecisionInput>;

/** GET /api/v1/claims filters (and the screens' query strings). */
export const claimListQuery = z.object({
  status: z.enum(CLAIM_STATUSES).optional(),
  supplierId: positiveId.optional(),
  memberId: positiveId.optional(),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, "month_format")
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type ClaimListQuery = z.infer<typeof claimListQuery>;
