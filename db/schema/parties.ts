// The consortium's parties: its settings, member firms and preferred suppliers.
import { sql } from "drizzle-orm";
import { integer, sqliteTable, text, primaryKey } from "drizzle-orm/sqlite-core";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const settings = sqliteTable("settings", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  baseCurrency: text("base_currency").notNull(),
  defaultFeeBps: integer("default_fee_bps").notNull(),
  fourEyes: integer("four_eyes", { mode: "boolean" }).notNull().default(false),
  /** Days a supplier has to answer a pending claim before it goes to the admin (SPEC 5.2). */
  claimDeadlineDays: integer("claim_deadline_days").notNull().default(15),
  /** The day of the month a supplier's report of the month before is due (SPEC 11). */
  reportDueDay: integer("report_due_day").notNull().default(10),
  updatedAt: text("updated_at").notNull().default(now),
});

/** Minimum balance, per currency, for a member to be proposed in a payout batch. */
export const payoutMinimums = sqliteTable("payout_minimums", {
  currency: text("currency").primaryKey(),
  amountMinor: integer("amount_minor").notNull(),
});

export const members = sqliteTable("members", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  taxId: text("tax_id").notNull(),
  taxIdNormalized: text("tax_id_normalized").notNull().unique(),
  country: text("country").notNull(),
  joinedOn: text("joined_on").notNull(),
  leftOn: text("left_on"),
  bankName: text("bank_name"),
  bankAccount: text("bank_account"),
  bankHolder: text("bank_holder"),
  createdAt: text("created_at").notNull().default(now),
  updatedAt: text("updated_at").notNull().default(now),
});

export const suppliers = sqliteTable("suppliers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  currency: text("currency").notNull(),
  dateOrder: text("date_order", { enum: ["dmy", "mdy"] })
    .notNull()
    .default("dmy"),
  language: text("language", { enum: ["en", "es", "pt-BR"] })
    .notNull()
    .default("es"),
  createdAt: text("created_at").notNull().default(now),
  updatedAt: text("updated_at").notNull().default(now),
});

/** A supplier's saved column mapping: normalized header text → report field. */
export const columnMappings = sqliteTable(
  "column_mappings",
  {
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    header: text("header").notNull(),
    field: text("field").notNull(),
  },
  (t) => [primaryKey({ columns: [t.supplierId, t.header] })],
);

export { now };
