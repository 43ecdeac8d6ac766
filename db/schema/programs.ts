// Refund agreements: programs, their tier schedules, and FX rates entered by the admin.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { now, suppliers } from "./parties";
import { users } from "./accounts";

export const programs = sqliteTable(
  "programs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    name: text("name").notNull(),
    currency: text("currency").notNull(),
    start: text("start").notNull(),
    end: text("end").notNull(),
    method: text("method", { enum: ["all-units", "incremental"] }).notNull(),
    feeBps: integer("fee_bps").notNull(),
    includeCategories: text("include_categories", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default([]),
    excludeCategories: text("exclude_categories", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default([]),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [index("programs_supplier").on(t.supplierId)],
);

export const tiers = sqliteTable(
  "tiers",
  {
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id),
    position: integer("position").notNull(),
    thresholdMinor: integer("threshold_minor").notNull(),
    rateBps: integer("rate_bps").notNull(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.position] })],
);

/** 1 unit of `from` = `rate` units of `to`, for invoices dated in `month`. Rate is decimal text. */
export const fxRates = sqliteTable(
  "fx_rates",
  {
    month: text("month").notNull(),
    fromCurrency: text("from_currency").notNull(),
    toCurrency: text("to_currency").notNull(),
    rate: text("rate").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.month, t.fromCurrency, t.toCurrency] })],
);
