// Member claims (SPEC 5.2): suppliers' tax ids, claim uploads and the outcome of each invoice in
// them, claims with their lines, proof files and decisions.
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { members, now, suppliers } from "./parties";
import { users } from "./accounts";

/** A supplier's tax ids (normalized like customer keys): an invoice's issuer finds its supplier. */
export const supplierTaxIds = sqliteTable(
  "supplier_tax_ids",
  {
    taxIdNormalized: text("tax_id_normalized").primaryKey(),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    taxId: text("tax_id").notNull(),
  },
  (t) => [index("supplier_tax_ids_supplier").on(t.supplierId)],
);

export const CLAIM_UPLOAD_STATUSES = ["queued", "processing", "done", "failed"] as const;
export type ClaimUploadStatus = (typeof CLAIM_UPLOAD_STATUSES)[number];

/** One upload of a member: one XML, a ZIP of many, or a typed claim with its proof. */
export const claimUploads = sqliteTable(
  "claim_uploads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    fileName: text("file_name").notNull(),
    kind: text("kind", { enum: ["xml", "zip", "typed"] }).notNull(),
    status: text("status", { enum: CLAIM_UPLOAD_STATUSES }).notNull().default("queued"),
    /** The file while it waits to be read (deleted once read); null for a typed claim. */
    storedPath: text("stored_path"),
    invoicesRead: integer("invoices_read").notNull().default(0),
    invoicesTotal: integer("invoices_total"),
    reported: integer("reported").notNull().default(0),
    pending: integer("pending").notNull().default(0),
    notPreferred: integer("not_preferred").notNull().default(0),
    refused: integer("refused").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    message: text("message"),
    createdAt: text("created_at").notNull().default(now),
    finishedAt: text("finished_at"),
  },
  (t) => [
    index("claim_uploads_member").on(t.memberId, t.id),
    index("claim_uploads_status").on(t.status),
  ],
);

export const CLAIM_OUTCOMES = [
  "reported",
  "pending",
  "not_preferred",
  "refused",
  "skipped",
] as const;
export type ClaimOutcome = (typeof CLAIM_OUTCOMES)[number];

/** The outcome of each invoice of an upload, in the upload's order. */
export const claimUploadItems = sqliteTable(
  "claim_upload_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uploadId: integer("upload_id")
      .notNull()
      .references(() => claimUploads.id),
    file: text("file").notNull(),
    outcome: text("outcome", { enum: CLAIM_OUTCOMES }).notNull(),
    claimId: integer("claim_id"),
    code: text("code"),
    /** The values the code's text names (JSON); the text is written in the reader's language. */
    params: text("message", { mode: "json" }).$type<Record<string, unknown>>(),
    supplierId: integer("supplier_id"),
    invoiceNumber: text("invoice_number"),
    invoiceDate: text("invoice_date"),
    currency: text("currency"),
    amountMinor: integer("amount_minor"),
  },
  (t) => [index("claim_upload_items_upload").on(t.uploadId, t.id)],
);

export const CLAIM_STATUSES = [
  "reported",
  "pending",
  "accepted",
  "rejected",
  "escalated",
  "reported_later",
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_REASONS = [
  "not_our_invoice",
  "cancelled",
  "returned",
  "already_reported",
  "outside_program",
  "other",
] as const;
export type ClaimReason = (typeof CLAIM_REASONS)[number];

/**
 * A claimed invoice of a preferred supplier. `documentKey` is the CFDI UUID or NF-e access key
 * (unique: an invoice is claimed once, by anyone); a typed claim has none and is kept unique by
 * supplier and normalized number instead (decision 055).
 */
export const claims = sqliteTable(
  "claims",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uploadId: integer("upload_id").references(() => claimUploads.id),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    format: text("format", { enum: ["cfdi", "nfe", "typed"] }).notNull(),
    kind: text("kind", { enum: ["sale", "credit_note"] })
      .notNull()
      .default("sale"),
    invoiceNumber: text("invoice_number").notNull(),
    invoiceKey: text("invoice_key").notNull(),
    documentKey: text("document_key"),
    invoiceDate: text("invoice_date").notNull(),
    currency: text("currency").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    status: text("status", { enum: CLAIM_STATUSES }).notNull(),
    reason: text("reason", { enum: CLAIM_REASONS }),
    comment: text("comment"),
    /** The report line that holds the invoice (`reported`, `reported_later`). */
    reportedLineId: integer("reported_line_id"),
    reportedAmountMinor: integer("reported_amount_minor"),
    /** The supplier answers by this day, else the claim is escalated to the admin. */
    dueOn: text("due_on").notNull(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("claims_document_key")
      .on(t.documentKey)
      .where(sql`document_key IS NOT NULL`),
    index("claims_supplier_status").on(t.supplierId, t.status, t.id),
    index("claims_member").on(t.memberId, t.id),
    index("claims_status").on(t.status, t.dueOn),
    index("claims_supplier_key").on(t.supplierId, t.invoiceKey),
    // Runs read accepted claim lines of one supplier in a date window.
    index("claims_accepted")
      .on(t.supplierId, t.invoiceDate)
      .where(sql`status = 'accepted'`),
  ],
);

/** A concept (CFDI) or product (NF-e), or a typed line: credit notes have negative figures. */
export const claimLines = sqliteTable(
  "claim_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    claimId: integer("claim_id")
      .notNull()
      .references(() => claims.id),
    sku: text("sku"),
    description: text("description"),
    category: text("category"),
    quantity: integer("quantity"),
    amountMinor: integer("amount_minor").notNull(),
  },
  (t) => [index("claim_lines_claim").on(t.claimId)],
);

/** The PDF, PNG or JPEG of a typed claim, stored under the data folder, never in a response inline. */
export const claimProofs = sqliteTable("claim_proofs", {
  claimId: integer("claim_id")
    .primaryKey()
    .references(() => claims.id),
  fileName: text("file_name").notNull(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  storedPath: text("stored_path").notNull(),
});

/** Every move of a claim after it is made: decisions, escalation, overrides, later reports. */
export const claimDecisions = sqliteTable(
  "claim_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    claimId: integer("claim_id")
      .notNull()
      .references(() => claims.id),
    actorUserId: integer("actor_user_id").references(() => users.id),
    action: text("action", {
      enum: ["accept", "reject", "escalate", "override", "reported_later"],
    }).notNull(),
    fromStatus: text("from_status", { enum: CLAIM_STATUSES }).notNull(),
    toStatus: text("to_status", { enum: CLAIM_STATUSES }).notNull(),
    reason: text("reason", { enum: CLAIM_REASONS }),
    comment: text("comment"),
    at: text("at").notNull().default(now),
  },
  (t) => [index("claim_decisions_claim").on(t.claimId)],
);

/**
 * The category each supplier last reported for each SKU: a claim line's category (SPEC 5.2),
 * kept up to date as reports land, so making a claim needs no index on every report line.
 */
export const supplierSkuCategories = sqliteTable(
  "supplier_sku_categories",
  {
    supplierId: integer("supplier_id").notNull(),
    sku: text("sku").notNull(),
    category: text("category"),
  },
  (t) => [primaryKey({ columns: [t.supplierId, t.sku] })],
);
