// Per-SKU sub-totals of line_totals (SPEC 3.7, decision 048): a program whose bonuses select SKUs
// reads the sums of just those SKUs instead of grouping a year of report lines.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { reports } from "./reports";

/**
 * The lines of each ACTIVE report that have a SKU, summed by member, category, currency,
 * duplicate hold and SKU: each row is part of one line_totals row (its "parent", same report,
 * member, category, currency and hold), whose first and last invoice dates and fractional count
 * it repeats, so a run can tell without a join whether the parent is summed whole. Kept with
 * line_totals (app/models/line-totals.server.ts).
 */
export const skuTotals = sqliteTable(
  "sku_totals",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    supplierId: integer("supplier_id").notNull(),
    memberId: integer("member_id").notNull(),
    category: text("category"),
    sku: text("sku").notNull(),
    currency: text("currency").notNull(),
    held: integer("held").notNull(),
    /** The parent line_totals row's first and last invoice dates and fractional lines. */
    firstDate: text("first_date").notNull(),
    lastDate: text("last_date").notNull(),
    fractionalLines: integer("fractional_lines").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    lineCount: integer("line_count").notNull(),
    idSum: integer("id_sum").notNull(),
    /** Σ of the lines' whole quantities (a line without one adds 0). */
    quantity: integer("quantity").notNull(),
  },
  (t) => [
    index("sku_totals_report").on(t.reportId),
    // Covers a run's read of the SKUs a bonus selects: one index range per SKU.
    index("sku_totals_supplier").on(
      t.supplierId,
      t.currency,
      t.held,
      t.sku,
      t.memberId,
      t.category,
      t.firstDate,
      t.lastDate,
      t.fractionalLines,
      t.amountMinor,
      t.lineCount,
      t.idSum,
      t.quantity,
    ),
  ],
);
