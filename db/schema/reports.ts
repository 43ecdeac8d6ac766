// Supplier reports: uploaded versions, their lines and problems, customer aliases, background jobs.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { members, now, suppliers } from "./parties";
import { users } from "./accounts";

export const REPORT_STATUSES = [
  "queued",
  "processing",
  "active",
  "superseded",
  "rejected",
  "failed",
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    period: text("period").notNull(),
    version: integer("version").notNull(),
    status: text("status", { enum: REPORT_STATUSES }).notNull(),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    fileSize: integer("file_size").notNull(),
    storedPath: text("stored_path").notNull(),
    format: text("format"),
    rows: integer("rows").notNull().default(0),
    linesCount: integer("lines_count").notNull().default(0),
    errorsCount: integer("errors_count").notNull().default(0),
    warningsCount: integer("warnings_count").notNull().default(0),
    totals: text("totals", { mode: "json" }).$type<Record<string, number>>().notNull().default({}),
    message: text("message"),
    /** Why a file was refused as a whole: the code and, for a missing header, the first rows. */
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    uploadedAt: text("uploaded_at").notNull().default(now),
    processedAt: text("processed_at"),
  },
  (t) => [
    index("reports_supplier_period").on(t.supplierId, t.period),
    index("reports_supplier_sha").on(t.supplierId, t.fileSha256),
    index("reports_status").on(t.status),
    // The admin's list of one supplier's reports, newest first, without sorting them all.
    index("reports_supplier").on(t.supplierId),
  ],
);

export const reportProblems = sqliteTable(
  "report_problems",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    sheet: text("sheet").notNull(),
    row: integer("row").notNull(),
    column: text("column").notNull(),
    severity: text("severity", { enum: ["error", "warning"] }).notNull(),
    code: text("code").notNull(),
    message: text("message").notNull(),
  },
  (t) => [index("report_problems_report").on(t.reportId)],
);

/**
 * One sales line. `memberId` is the match (tax id, then alias) kept current when aliases or
 * members change; `duplicateStatus` 'held' keeps a cross-report duplicate out until accepted.
 */
export const reportLines = sqliteTable(
  "report_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    sheet: text("sheet").notNull(),
    row: integer("row").notNull(),
    invoiceDate: text("invoice_date").notNull(),
    invoiceNumber: text("invoice_number").notNull(),
    customerKey: text("customer_key").notNull(),
    customerName: text("customer_name"),
    sku: text("sku"),
    category: text("category"),
    quantity: integer("quantity"),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    memberId: integer("member_id").references(() => members.id),
    duplicateStatus: text("duplicate_status", { enum: ["held", "accepted"] }),
    /** The invoice number normalized (SPEC 5.2): a member's claim finds the line by it. */
    invoiceKey: text("invoice_key"),
  },
  (t) => [
    // A claim against the supplier's reports: one look-up (SPEC 5.2, decision 055); a landing
    // line's duplicates too (the raw number equal, its key is).
    index("report_lines_invoice_key").on(t.supplierId, t.invoiceKey, t.memberId),
    index("report_lines_key").on(t.customerKey, t.supplierId),
    index("report_lines_member").on(t.memberId),
    // Covers the line-by-line reads of allocation runs (other currencies, straddling totals),
    // SKU and quantity included for programs with bonuses (decision 070).
    index("report_lines_report").on(
      t.reportId,
      t.currency,
      t.memberId,
      t.category,
      t.invoiceDate,
      t.amountMinor,
      t.duplicateStatus,
      t.sku,
      t.quantity,
    ),
    // The matching queue groups only unmatched lines: a small partial index that covers the
    // grouping, so the queue costs what is unmatched, not what the suppliers ever reported.
    index("report_lines_unmatched")
      .on(t.supplierId, t.customerKey, t.reportId, t.currency, t.amountMinor, t.customerName)
      .where(sql`member_id IS NULL`),
    // Held duplicates are few: counting them per report must not read the report's every line.
    index("report_lines_held")
      .on(t.reportId)
      .where(sql`duplicate_status = 'held'`),
  ],
);

/**
 * Lines of each ACTIVE report summed by member, category, currency and duplicate hold, kept in
 * step with report_lines (app/models/line-totals.server.ts); a superseded version's rows go. Allocation runs read these instead of a year
 * of raw lines; the first/last invoice dates tell when a group straddles a program, month or
 * membership boundary and must be read line by line.
 */
export const lineTotals = sqliteTable(
  "line_totals",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    supplierId: integer("supplier_id").notNull(),
    memberId: integer("member_id").notNull(),
    category: text("category"),
    currency: text("currency").notNull(),
    held: integer("held").notNull(),
    firstDate: text("first_date").notNull(),
    lastDate: text("last_date").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    lineCount: integer("line_count").notNull(),
    idSum: integer("id_sum").notNull(),
    firstId: integer("first_id").notNull(),
    // No longer filled (0): runs with components read program_cells (decision 089). Kept so
    // that existing databases need no rebuild of the table.
    quantity: integer("quantity").notNull().default(0),
    fractionalLines: integer("fractional_lines").notNull().default(0),
  },
  (t) => [
    index("line_totals_report").on(t.reportId),
    // Covers the per-member (and per-period) sums of allocation runs: one index-only pass in
    // member order.
    index("line_totals_supplier").on(
      t.supplierId,
      t.currency,
      t.held,
      t.memberId,
      t.category,
      t.firstDate,
      t.lastDate,
      t.amountMinor,
      t.lineCount,
      t.idSum,
    ),
  ],
);

/** Admin-made match of a supplier's customer key: to a member, or "not a member". */
export const aliases = sqliteTable(
  "aliases",
  {
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    customerKey: text("customer_key").notNull(),
    memberId: integer("member_id").references(() => members.id),
    notMember: integer("not_member", { mode: "boolean" }).notNull().default(false),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.supplierId, t.customerKey] })],
);

export const JOB_STATUSES = ["queued", "running", "done", "failed"] as const;

export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    reportId: integer("report_id").references(() => reports.id),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("queued"),
    rowsRead: integer("rows_read").notNull().default(0),
    progress: integer("progress_permille").notNull().default(0),
    message: text("message"),
    createdAt: text("created_at").notNull().default(now),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
  },
  (t) => [index("jobs_status").on(t.status)],
);
