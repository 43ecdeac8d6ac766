// Refund agreements: programs, their tier schedules and components (SPEC 3.7), and FX rates
// entered by the admin.
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
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
    /** SPEC 3.7: tiers judged on the pooled volume, or on its growth over the year before. */
    basis: text("basis", { enum: ["volume", "growth"] })
      .notNull()
      .default("volume"),
    /** Growth only: pay the whole volume or the increment over the baseline (null: "whole"). */
    growthPays: text("growth_pays", { enum: ["whole", "increment"] }),
    /** The tier component's limits (SPEC 3.7), applied in this order; null: none. */
    volumeCapMinor: integer("volume_cap_minor"),
    refundCapMinor: integer("refund_cap_minor"),
    minimumRefundMinor: integer("minimum_refund_minor"),
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

/** A growth program's tiers: reached when growth over the baseline is at least `thresholdBps`. */
export const growthTiers = sqliteTable(
  "growth_tiers",
  {
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id),
    position: integer("position").notNull(),
    thresholdBps: integer("threshold_bps").notNull(),
    rateBps: integer("rate_bps").notNull(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.position] })],
);

/** A growth program's negotiated prior-year month: replaces that month's lines in the baseline. */
export const programBaselines = sqliteTable(
  "program_baselines",
  {
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id),
    month: text("month").notNull(),
    amountMinor: integer("amount_minor").notNull(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.month] })],
);

export type MixRequirementRow = { category: string; minVolumeMinor: number };

/**
 * A bonus component (SPEC 3.7): lines selected by category and/or SKU, in an optional window,
 * paid a rate or an amount per unit, when its mix condition holds. Lists are JSON (short).
 */
export const programBonuses = sqliteTable(
  "program_bonuses",
  {
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    categories: text("categories", { mode: "json" }).$type<string[]>().notNull().default([]),
    skus: text("skus", { mode: "json" }).$type<string[]>().notNull().default([]),
    start: text("start"),
    end: text("end"),
    rateBps: integer("rate_bps"),
    perUnitMinor: integer("per_unit_minor"),
    requires: text("requires", { mode: "json" }).$type<MixRequirementRow[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.position] }),
    check("program_bonuses_pays_one", sql`(rate_bps IS NULL) <> (per_unit_minor IS NULL)`),
  ],
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
