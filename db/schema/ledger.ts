// Money: allocation runs, the append-only journal, supplier payments and payout batches.
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
import { programs } from "./programs";

/** A previewed run; `posted` once its journal entry exists. `fingerprint` detects stale previews. */
export const allocationRuns = sqliteTable(
  "allocation_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id),
    month: text("month").notNull(),
    status: text("status", { enum: ["preview", "posted"] })
      .notNull()
      .default("preview"),
    fingerprint: text("fingerprint").notNull(),
    pooledVolumeMinor: integer("pooled_volume_minor").notNull(),
    /** Null when a growth program reaches no tier (SPEC 3.7). */
    tierIndex: integer("tier_index"),
    rateBps: integer("rate_bps").notNull(),
    grossMinor: integer("gross_minor").notNull(),
    feeMinor: integer("fee_minor").notNull(),
    netMinor: integer("net_minor").notNull(),
    postingGrossMinor: integer("posting_gross_minor").notNull(),
    postingFeeMinor: integer("posting_fee_minor").notNull(),
    postingNetMinor: integer("posting_net_minor").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(now),
    postedBy: integer("posted_by").references(() => users.id),
    postedAt: text("posted_at"),
  },
  (t) => [index("allocation_runs_program").on(t.programId, t.month)],
);

export const allocationRunMembers = sqliteTable(
  "allocation_run_members",
  {
    runId: integer("run_id")
      .notNull()
      .references(() => allocationRuns.id),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id),
    volumeMinor: integer("volume_minor").notNull(),
    ytdMinor: integer("ytd_minor").notNull(),
    postingMinor: integer("posting_minor").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.memberId] }),
    // Σ of a run's positive volumes (the member's share on the dashboard) without its rows.
    index("allocation_run_members_volume").on(t.runId, t.volumeMinor),
  ],
);

/**
 * What a run of a program with components (SPEC 3.7) computed for each component, in the
 * program's order (the tier component first). A run of a program without components has none.
 */
export const allocationRunComponents = sqliteTable(
  "allocation_run_components",
  {
    runId: integer("run_id")
      .notNull()
      .references(() => allocationRuns.id),
    position: integer("position").notNull(),
    kind: text("kind", { enum: ["tier", "bonus"] }).notNull(),
    name: text("name").notNull(),
    basisMinor: integer("basis_minor").notNull(),
    baselineMinor: integer("baseline_minor"),
    paidVolumeMinor: integer("paid_volume_minor"),
    tierIndex: integer("tier_index"),
    rateBps: integer("rate_bps"),
    perUnitMinor: integer("per_unit_minor"),
    /** A bonus's mix condition as judged: [{category, minVolumeMinor, volumeMinor, met}]. */
    requirements: text("requirements", { mode: "json" }).$type<
      { category: string; minVolumeMinor: number; volumeMinor: number; met: boolean }[]
    >(),
    grossMinor: integer("gross_minor").notNull(),
    feeMinor: integer("fee_minor").notNull(),
    netMinor: integer("net_minor").notNull(),
    limit: text("limit_applied", { enum: ["volume-cap", "refund-cap", "minimum"] }),
  },
  (t) => [primaryKey({ columns: [t.runId, t.position] })],
);

/** Each member's weight in each component of a run and its share of the component's N_c. */
export const allocationRunMemberComponents = sqliteTable(
  "allocation_run_member_components",
  {
    runId: integer("run_id")
      .notNull()
      .references(() => allocationRuns.id),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id),
    position: integer("position").notNull(),
    weightMinor: integer("weight_minor").notNull(),
    amountMinor: integer("amount_minor").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.memberId, t.position] })],
);

export const supplierPayments = sqliteTable("supplier_payments", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  supplierId: integer("supplier_id")
    .notNull()
    .references(() => suppliers.id),
  programId: integer("program_id").references(() => programs.id),
  currency: text("currency").notNull(),
  amountMinor: integer("amount_minor").notNull(),
  receivedOn: text("received_on").notNull(),
  reference: text("reference").notNull(),
  overpaymentNote: text("overpayment_note"),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: text("created_at").notNull().default(now),
});

export const PAYOUT_STATUSES = ["draft", "approved", "paid", "cancelled"] as const;

export const payoutBatches = sqliteTable("payout_batches", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  currency: text("currency").notNull(),
  status: text("status", { enum: PAYOUT_STATUSES }).notNull().default("draft"),
  reference: text("reference").notNull(),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: text("created_at").notNull().default(now),
  approvedBy: integer("approved_by").references(() => users.id),
  approvedAt: text("approved_at"),
  paidBy: integer("paid_by").references(() => users.id),
  paidAt: text("paid_at"),
  cancelledBy: integer("cancelled_by").references(() => users.id),
  cancelledAt: text("cancelled_at"),
});

/** `reserved` is 1 while the line is in an open batch: one reservation per member and currency. */
export const payoutLines = sqliteTable(
  "payout_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    batchId: integer("batch_id")
      .notNull()
      .references(() => payoutBatches.id),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id),
    currency: text("currency").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    dropped: integer("dropped", { mode: "boolean" }).notNull().default(false),
    reserved: integer("reserved", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [
    uniqueIndex("payout_lines_one_open_reservation")
      .on(t.memberId, t.currency)
      .where(sql`reserved = 1`),
    index("payout_lines_batch").on(t.batchId),
  ],
);

/** Journal entries and their lines never change once written (triggers refuse UPDATE/DELETE). */
export const journalEntries = sqliteTable(
  "journal_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["allocation", "supplier_payment", "payout"] }).notNull(),
    currency: text("currency").notNull(),
    memo: text("memo").notNull(),
    runId: integer("run_id").references(() => allocationRuns.id),
    supplierPaymentId: integer("supplier_payment_id").references(() => supplierPayments.id),
    payoutBatchId: integer("payout_batch_id").references(() => payoutBatches.id),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("journal_entries_run").on(t.runId),
    uniqueIndex("journal_entries_payment").on(t.supplierPaymentId),
    uniqueIndex("journal_entries_payout").on(t.payoutBatchId),
  ],
);

/** Debit positive, credit negative. Account is e.g. `member_payable:12`; ids denormalized to filter. */
export const journalLines = sqliteTable(
  "journal_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entryId: integer("entry_id")
      .notNull()
      .references(() => journalEntries.id),
    account: text("account").notNull(),
    currency: text("currency").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    memberId: integer("member_id").references(() => members.id),
    supplierId: integer("supplier_id").references(() => suppliers.id),
    programId: integer("program_id").references(() => programs.id),
    month: text("month"),
  },
  (t) => [
    index("journal_lines_entry").on(t.entryId),
    index("journal_lines_account").on(t.account, t.currency),
    index("journal_lines_member").on(t.memberId, t.programId),
    index("journal_lines_program").on(t.programId, t.account),
    // A member's postings by month, supplier and program: the dashboard reads only this index.
    index("journal_lines_member_month").on(
      t.memberId,
      t.month,
      t.supplierId,
      t.programId,
      t.currency,
      t.amountMinor,
      t.entryId,
    ),
  ],
);
