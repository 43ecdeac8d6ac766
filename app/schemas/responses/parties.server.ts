// What the API answers about suppliers, members, users and tokens.
import { ROLES } from "@db/schema";
import { currency, date, id, timestamp, z } from "./zod.server";

export const supplier = z
  .object({
    id,
    name: z.string(),
    currency,
    dateOrder: z.enum(["dmy", "mdy"]),
    language: z.enum(["en", "es", "pt-BR"]),
    /** SPEC 5.2: the tax ids its invoices are issued under, as typed. */
    taxIds: z.array(z.string()),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi("Supplier");

export const member = z
  .object({
    id,
    name: z.string(),
    taxId: z.string(),
    taxIdNormalized: z.string(),
    country: z.string(),
    joinedOn: date,
    leftOn: date.nullable(),
    bankName: z.string().nullable(),
    bankAccount: z.string().nullable(),
    bankHolder: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi("Member");

export const memberUpserted = z.union([member, z.array(member)]);

export const createdUser = z
  .object({
    id,
    email: z.string(),
    role: z.enum(ROLES),
    supplierId: id.nullable(),
    memberId: id.nullable(),
  })
  .openapi("User");

export const token = z
  .object({
    token: z.string().describe("The secret, shown only in this answer."),
    id,
    expiresAt: timestamp,
  })
  .openapi("Token");

/** One of the caller's own tokens, as listed (never its secret). */
export const apiToken = z
  .object({
    id,
    name: z.string(),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable(),
    expiresAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
  })
  .openapi("ApiToken");
