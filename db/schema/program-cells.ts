// What a run of a program with components reads instead of report lines (SPEC 3.7 and 9,
// decision 089): each report's eligible lines summed, per program, into the engine's cells.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { programs } from "./programs";

/**
 * One report's eligible lines (active, matched, not held, inside the program, its categories and
 * the member's membership) summed per member, period (a month cut at bonus window edges) and
 * "signature" (the bonuses a cell qualifies for and its mix category), amounts converted into the
 * program currency line by line. A run for month M sums the rows of periods up to M per member
 * and signature: a few rows per member and report instead of every line. Kept by
 * app/models/program-cells.server.ts.
 */
export const programCells = sqliteTable(
  "program_cells",
  {
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    memberId: integer("member_id").notNull(),
    signature: text("signature").notNull(),
    reportId: integer("report_id").notNull(),
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    /** A category and SKU of the cell's lines: the engine judges the cell as those. */
    category: text("category"),
    sku: text("sku"),
    amountMinor: integer("amount_minor").notNull(),
    /** Σ of whole quantities (a fractional one is a single line, below). */
    quantity: integer("quantity").notNull(),
    lineCount: integer("line_count").notNull(),
    idSum: integer("id_sum").notNull(),
  },
  (t) => [
    // The run's GROUP BY member, signature reads this key in order: no sort, no table look-up.
    primaryKey({
      columns: [t.programId, t.memberId, t.signature, t.reportId, t.periodFrom],
    }),
    index("program_cells_report").on(t.reportId),
  ],
);

/**
 * Lines of a report that a run must give the engine one by one: a fractional quantity a per-unit
 * bonus counts (earnings round per line), or an amount SQL cannot convert exactly (no rate for its
 * month, or too large). The engine reads the line itself.
 */
export const programCellLines = sqliteTable(
  "program_cell_lines",
  {
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    lineId: integer("line_id").notNull(),
    reportId: integer("report_id").notNull(),
    invoiceDate: text("invoice_date").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.lineId] }),
    index("program_cell_lines_report").on(t.reportId),
  ],
);

/** What each program's cells were last built from (terms, FX rates, memberships), as a digest. */
export const programCellBuilds = sqliteTable("program_cell_builds", {
  programId: integer("program_id")
    .primaryKey()
    .references(() => programs.id, { onDelete: "cascade" }),
  stamp: text("stamp").notNull(),
});
