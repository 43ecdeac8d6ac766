// Input schemas for members, suppliers, users and settings: shared by forms and the API.
// Messages are reason keys (app/schemas/reasons.ts); the edge writes them in the reader's language.
import { z } from "zod";
import { DATE_MAX, DATE_MIN } from "./ranges";
import { supplierTaxIds } from "./supplier-tax-ids";
import { taxId } from "./tax-ids";

const isRealDate = (s: string) =>
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** A real calendar day written YYYY-MM-DD, from DATE_MIN to DATE_MAX (decision 042). */
export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "date_format")
  .superRefine((s, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return; // said already
    if (!isRealDate(s)) ctx.addIssue({ code: "custom", message: "date_not_real" });
    else if (s < DATE_MIN || s > DATE_MAX)
      ctx.addIssue({
        code: "custom",
        message: "date_out_of_range",
        params: { min: DATE_MIN, max: DATE_MAX },
      });
  });

export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => Intl.supportedValuesOf("currency").includes(c), "currency_unknown");

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

export const memberInput = z
  .object({
    name: z.string().trim().min(1, "required").max(200),
    taxId,
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "country_format"),
    joinedOn: isoDate,
    leftOn: z.preprocess(blankToNull, isoDate.nullable()).default(null),
    bankName: z.preprocess(blankToNull, z.string().trim().max(100).nullable()).default(null),
    bankAccount: z.preprocess(blankToNull, z.string().trim().max(60).nullable()).default(null),
    bankHolder: z.preprocess(blankToNull, z.string().trim().max(200).nullable()).default(null),
  })
  .refine((m) => !m.leftOn || m.leftOn > m.joinedOn, {
    message: "left_before_joined",
    path: ["leftOn"],
  });
export type MemberInput = z.infer<typeof memberInput>;

export const supplierInput = z.object({
  name: z.string().trim().min(1, "required").max(200),
  currency: currencyCode,
  dateOrder: z.enum(["dmy", "mdy"]).default("dmy"),
  language: z.enum(["en", "es", "pt-BR"]).default("es"),
  /** Left out: the tax ids stay as they are (SPEC 5.2). */
  taxIds: supplierTaxIds.optional(),
});
export type SupplierInput = z.infer<typeof supplierInput>;

export const email = z.string().trim().toLowerCase().email("email_invalid").max(200);
export const password = z.string().min(10, "password_too_short").max(200);

export const userInput = z
  .object({
    email,
    password,
    name: z.string().trim().max(200).default(""),
    role: z.enum(["admin", "supplier", "member"]),
    supplierId: z.coerce.number().int().positive().optional(),
    memberId: z.coerce.number().int().positive().optional(),
  })
  .superRefine((u, ctx) => {
    if (u.role === "supplier" && !u.supplierId)
      ctx.addIssue({
        code: "custom",
        path: ["supplierId"],
        message: "supplier_user_needs_supplier",
      });
    if (u.role === "member" && !u.memberId)
      ctx.addIssue({
        code: "custom",
        path: ["memberId"],
        message: "member_user_needs_member",
      });
  });
export type UserInput = z.infer<typeof userInput>;

export const settingsInput = z.object({
  name: z.string().trim().min(1).max(200),
  baseCurrency: currencyCode,
  defaultFeeBps: z.coerce.number().int().min(0).max(10000),
  fourEyes: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  /** Days a supplier has to answer a claim (SPEC 5.2); a quarter at most. */
  claimDeadlineDays: z.coerce.number().int().min(1).max(90),
  /** Day of the month a report is due (SPEC 11): every month has it, so 28 at most. */
  reportDueDay: z.coerce.number().int().min(1).max(28),
});
