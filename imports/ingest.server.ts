// Ingests one uploaded report version: streams it through readReport, stages the good lines in
// a temporary table (memory stays flat, the real tables stay untouched), then lands the whole
// version in ONE transaction: supersede the previous version, match, flag duplicates, go active.
// A refused file is recorded as rejected instead. Status moves go through report-lifecycle.
// A crash before that transaction leaves nothing behind: temp tables die with the connection.
import { getDb, type Db } from "@db/client.server";
import { landActive, reject, type Rejection } from "~/models/report-lifecycle.server";
import { onReportLanded } from "~/models/claim-landing.server";
import type { ReportSummary } from "./read-report";
import { readReport, MAX_STORED_PROBLEMS } from "./read-report";
import { isImportError } from "./errors";
import type { ColumnMapping } from "./headers";
import type { DateOrder, ParsedLine, Problem } from "./types";
import { isValidCustomerKey, strayCharacters } from "./values";
import { normalizeInvoiceNumber } from "./claims/numbers";

/** Lines held in JS before they are staged: few enough that they die young (not promoted to V8's
 * old generation, which made the heap, and the peak memory of a 1,000,000-row file, grow). */
const STAGE_BATCH = 250;

export interface IngestTarget {
  reportId: number;
  supplierId: number;
  period: string;
  path: string;
  fileName: string;
  dateOrder: DateOrder;
  currency: string;
  mapping: ColumnMapping;
  today: string;
}

export type IngestOutcome =
  | { status: "active"; summary: ReportSummary; unmatchedLines: number; heldLines: number }
  | {
      status: "rejected";
      message: string;
      summary?: ReportSummary;
      /** A refusal of the file as a whole: its code and details (e.g. the first rows). */
      refusal?: { code: string; details?: unknown };
    };

export interface IngestHooks {
  onProgress?(rowsRead: number, fraction: number): void;
}

const STAGED_COLUMNS = `sheet, row, invoice_date, invoice_number, customer_key, customer_name,
  sku, category, quantity, amount_minor, currency`;

function createStage(db: Db, reportId: number): string {
  const table = `staged_lines_${reportId}`;
  db.$client.exec(`DROP TABLE IF EXISTS temp.${table};
    CREATE TEMP TABLE ${table} (seq INTEGER PRIMARY KEY, ${STAGED_COLUMNS}, invoice_key)`);
  return table;
}

/** Lines per INSERT statement: one statement of 50 rows costs far less than 50 statements. */
const ROWS_PER_INSERT = 50;
/** Values of one staged line. */
const STAGED_VALUES = 12;

class Stage {
  /** The batch's lines as the statement binds them: STAGED_VALUES per line, no array per line. */
  private values: unknown[] = [];
  private lines = 0;
  private readonly flushBatch;

  constructor(
    private readonly db: Db,
    readonly table: string,
  ) {
    const insert = (rows: number) =>
      db.$client.prepare(
        `INSERT INTO temp.${table} (${STAGED_COLUMNS}, invoice_key) VALUES ${Array(rows).fill("(?,?,?,?,?,?,?,?,?,?,?,?)").join(",")}`,
      );
    const insertMany = insert(ROWS_PER_INSERT);
    const insertOne = insert(1);
    const many = ROWS_PER_INSERT * STAGED_VALUES;
    this.flushBatch = db.$client.transaction((values: unknown[]) => {
      let i = 0;
      for (; i + many <= values.length; i += many) insertMany.run(values.slice(i, i + many));
      for (; i < values.length; i += STAGED_VALUES) {
        insertOne.run(values.slice(i, i + STAGED_VALUES));
      }
    });
  }

  push(l: ParsedLine): void {
    this.values.push(
      l.sheet,
      l.row,
      l.invoiceDate,
      l.invoiceNumber,
      l.customerKey,
      l.customerName,
      l.sku,
      l.category,
      l.quantity,
      l.amountMinor,
      l.currency,
      // SPEC 5.2's key, computed here while the file streams in, so the landing transaction (one
      // synchronous block) calls no JS function per line.
      normalizeInvoiceNumber(l.invoiceNumber),
    );
    if (++this.lines >= STAGE_BATCH) this.flush();
  }

  flush(): void {
    if (this.lines === 0) return;
    this.flushBatch(this.values);
    this.values = [];
    this.lines = 0;
  }

  drop(): void {
    this.db.$client.exec(`DROP TABLE IF EXISTS temp.${this.table}`);
  }
}

/**
 * Landing a version writes every line into report_lines and its indexes in one transaction; with
 * SQLite's default 2 MB page cache much of that time goes to spilling and re-reading index pages.
 * A version of at most LARGE_CACHE_LINES lines lands with a 48 MB cache, given back afterwards:
 * its lines and indexes then fit (100,000 lines land about a third faster than with 2 MB, and 7 %
 * faster than with 24 MB). A bigger version lands with 12 MB: the landing's sorts take as much
 * again, and with 24 MB a 1,000,000-row file written by LibreOffice peaked at 280–314 MB, past
 * SPEC 9's 300 MB (242 MB with 12 MB).
 */
const INGEST_CACHE_KIB = 12 * 1024;
const LARGE_CACHE_KIB = 48 * 1024;
const LARGE_CACHE_LINES = 200_000;

function landingCache(db: Db, lines: number): void {
  const kib = lines <= LARGE_CACHE_LINES ? LARGE_CACHE_KIB : INGEST_CACHE_KIB;
  db.$client.pragma(`main.cache_size = ${-kib}`);
}

function withIngestCache<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const sql = db.$client;
  const main = sql.pragma("main.cache_size", { simple: true }) as number;
  sql.pragma(`main.cache_size = ${-INGEST_CACHE_KIB}`);
  return work().finally(() => {
    sql.pragma(`main.cache_size = ${main}`);
  });
}

/** Reads and stages the file of a processing version, then lands it or records its refusal. */
export async function ingestReport(
  db: Db,
  target: IngestTarget,
  hooks: IngestHooks = {},
): Promise<IngestOutcome> {
  const outcome = await withIngestCache(db, () => stageAndLand(db, target, hooks));
  if (outcome.status === "rejected") recordRejection(db, target.reportId, outcome);
  return outcome;
}

/** `ingestReport` on the process's connection: what the report queue runs. */
export function ingestVersion(target: IngestTarget, hooks: IngestHooks = {}) {
  return ingestReport(getDb(), target, hooks);
}

async function stageAndLand(
  db: Db,
  target: IngestTarget,
  hooks: IngestHooks,
): Promise<IngestOutcome> {
  const stage = new Stage(db, createStage(db, target.reportId));
  try {
    let summary: ReportSummary;
    try {
      summary = await readReport(target.path, {
        originalName: target.fileName,
        dateOrder: target.dateOrder,
        defaultCurrency: target.currency,
        mapping: target.mapping,
        today: target.today,
        period: target.period,
        onProgress: hooks.onProgress,
        onLine: (line) => stage.push(line),
      });
    } catch (error) {
      if (isImportError(error)) {
        const refusal = { code: error.code, details: error.details };
        return { status: "rejected", message: error.message, refusal };
      }
      throw error;
    }
    stage.flush();
    if (summary.errorCount > 0) {
      return { status: "rejected", message: rejectionMessage(summary), summary };
    }
    landingCache(db, summary.lines);
    const landed = landVersion(db, target, stage.table, summary);
    return { status: "active", summary, ...landed };
  } finally {
    stage.drop();
  }
}

function rejectionMessage(summary: ReportSummary): string {
  const n = summary.errorCount;
  return `${n.toLocaleString("en")} ${n === 1 ? "error" : "errors"} found: nothing of this version counts, and the previous version (if any) stays active. Fix the rows listed and upload the file again.`;
}

type Refused = Extract<IngestOutcome, { status: "rejected" }>;

/** The refusal and the problems it lists, in one transaction. */
function recordRejection(db: Db, reportId: number, outcome: Refused): void {
  db.$client
    .transaction(() => {
      if (outcome.summary) saveProblems(db, reportId, outcome.summary.problems);
      reject(db, reportId, rejectionOf(outcome));
    })
    .immediate();
}

function rejectionOf({ message, summary, refusal }: Refused): Rejection {
  return {
    message,
    format: summary?.format ?? null,
    rows: summary?.rows ?? 0,
    errors: summary?.errorCount ?? 1,
    warnings: summary?.warningCount ?? 0,
    totals: summary?.totalsByCurrency ?? {},
    details: summary ? layoutDetails(summary) : (refusal ?? null),
  };
}

/**
 * The one transaction that makes a version count: the switch from the previous active version,
 * its lines (matched by tax id, then alias, duplicates held as they are written), claims reported
 * later and derived warnings.
 */
function landVersion(
  db: Db,
  target: IngestTarget,
  table: string,
  summary: ReportSummary,
): { unmatchedLines: number; heldLines: number } {
  const { reportId, supplierId } = target;
  return landActive(db, reportId, (superseded) => {
    const sql = db.$client;
    const duplicates = otherActiveReports(db, supplierId, reportId)
      ? duplicateStatus(superseded)
      : { sql: "NULL", params: [] };
    sql
      .prepare(
        `INSERT INTO report_lines (report_id, supplier_id, ${STAGED_COLUMNS}, member_id,
                                 invoice_key, duplicate_status)
         SELECT @report, @supplier, s.sheet, s.row, s.invoice_date, s.invoice_number,
                s.customer_key, s.customer_name, s.sku, s.category, s.quantity, s.amount_minor,
                s.currency, coalesce(m.id, a.member_id), s.invoice_key, ${duplicates.sql}
           FROM temp.${table} s
           LEFT JOIN members m ON m.tax_id_normalized = s.customer_key
                 AND s.customer_key NOT GLOB '*[^A-Z0-9]*'
           LEFT JOIN aliases a ON a.supplier_id = @supplier AND a.customer_key = s.customer_key
          ORDER BY s.seq`,
      )
      .run({ report: reportId, supplier: supplierId }, ...duplicates.params);
    // SPEC 5.2: claims this version now holds turn reported_later, in this same transaction.
    onReportLanded(db, reportId, supplierId);
    const derived = derivedWarnings(db, reportId, summary.problems.length);
    saveProblems(db, reportId, [...summary.problems, ...derived.problems]);
    const figures = {
      format: summary.format,
      rows: summary.rows,
      lines: summary.lines,
      warnings: summary.warningCount + derived.count,
      totals: summary.totalsByCurrency,
      details: layoutDetails(summary),
    };
    return {
      figures,
      result: { unmatchedLines: derived.unmatchedLines, heldLines: derived.heldCount },
    };
  });
}

/** Where the rows sit in the file: what the problem workbook needs to read them again. */
function layoutDetails(summary: ReportSummary) {
  return { sheet: summary.sheet, headerRow: summary.headerRow, headers: summary.headers };
}

/** Whether the supplier has another active report (the version landing is not active yet). */
function otherActiveReports(db: Db, supplierId: number, reportId: number): boolean {
  const other = db.$client
    .prepare(
      `SELECT 1 FROM reports WHERE supplier_id = ? AND status = 'active' AND id <> ? LIMIT 1`,
    )
    .get(supplierId, reportId);
  return other !== undefined;
}

/**
 * SPEC 4.5: a line equal in invoice number, customer key, SKU and amount to a line of another
 * active report of the supplier is held. A hold the admin accepted in the version this one
 * replaces stays accepted: the same line sent again needs no second acceptance. Decided for each
 * line as it is written (no second pass over the version's lines); a supplier without another
 * active report has nothing to hold, and the landing skips the look-ups.
 * Both look-ups go through report_lines_invoice_key (supplier, normalized invoice number), which
 * finds a line's twins in one or two steps (equal numbers have equal keys; the number itself is
 * then compared as written); left to itself SQLite picks report_lines_key (customer key,
 * supplier), which walks every line of that customer for each new line: minutes for 200,000 lines
 * of 200 customers. Claims need that index anyway; one on the raw number cost every landing ~5 %.
 */
function duplicateStatus(previous: number[]): { sql: string; params: number[] } {
  const accepted = previous.length
    ? `WHEN EXISTS (
         SELECT 1 FROM report_lines p INDEXED BY report_lines_invoice_key
          WHERE p.report_id IN (${previous.map(() => "?").join(",")})
            AND p.supplier_id = @supplier AND p.invoice_key = s.invoice_key
            AND p.invoice_number = s.invoice_number
            AND p.customer_key = s.customer_key AND p.sku IS s.sku
            AND p.amount_minor = s.amount_minor AND p.duplicate_status = 'accepted')
       THEN 'accepted'`
    : "";
  return {
    sql: `CASE WHEN NOT EXISTS (
            SELECT 1 FROM report_lines o INDEXED BY report_lines_invoice_key
              JOIN reports r ON r.id = o.report_id
             WHERE o.supplier_id = @supplier AND o.invoice_key = s.invoice_key
               AND o.invoice_number = s.invoice_number
               AND o.customer_key = s.customer_key AND o.sku IS s.sku
               AND o.amount_minor = s.amount_minor AND r.status = 'active'
               AND o.report_id <> @report)
          THEN NULL ${accepted} ELSE 'held' END`,
    params: previous,
  };
}

/** Warnings known only once lines meet the database: unmatched customers, held duplicates. */
function derivedWarnings(db: Db, reportId: number, alreadyStored: number) {
  const room = Math.max(0, MAX_STORED_PROBLEMS - alreadyStored);
  const sql = db.$client;
  const unmatched = sql
    .prepare(
      `SELECT l.sheet, min(l.row) AS row, l.customer_key AS key, count(*) AS lines,
              a.not_member AS notMember
         FROM report_lines l
         LEFT JOIN aliases a ON a.supplier_id = l.supplier_id AND a.customer_key = l.customer_key
        WHERE l.report_id = ? AND l.member_id IS NULL
        GROUP BY l.customer_key ORDER BY row`,
    )
    .all(reportId) as {
    sheet: string;
    row: number;
    key: string;
    lines: number;
    notMember: number | null;
  }[];
  const unmatchedProblems: Problem[] = unmatched
    .filter((u) => !u.notMember)
    .map((u) => {
      const lines = `${u.lines} ${u.lines === 1 ? "line" : "lines"}`;
      return isValidCustomerKey(u.key)
        ? {
            sheet: u.sheet,
            row: u.row,
            column: "customerKey",
            severity: "warning" as const,
            code: "unmatched_customer",
            message: `Customer ${u.key} (${lines}) is not matched to a member yet; these lines count once the consortium matches it.`,
          }
        : {
            sheet: u.sheet,
            row: u.row,
            column: "customerKey",
            severity: "warning" as const,
            code: "customer_key_not_tax_id",
            message: `Customer ${u.key} (${lines}) has characters other than A–Z and 0–9 (${strayCharacters(u.key)}), so it is never taken for a member's tax id; these lines count only once the consortium matches the key to a member.`,
          };
    });
  const heldCount = (
    sql
      .prepare(
        `SELECT count(*) AS n FROM report_lines WHERE report_id = ? AND duplicate_status = 'held'`,
      )
      .get(reportId) as { n: number }
  ).n;
  const held = sql
    .prepare(
      `SELECT sheet, row, invoice_number AS invoice FROM report_lines
        WHERE report_id = ? AND duplicate_status = 'held' ORDER BY id LIMIT ?`,
    )
    .all(reportId, room) as { sheet: string; row: number; invoice: string }[];
  const heldProblems: Problem[] = held.map((h) => ({
    sheet: h.sheet,
    row: h.row,
    column: "invoiceNumber",
    severity: "warning",
    code: "duplicate_line",
    message: `Invoice ${h.invoice} repeats a line of another report of yours; it does not count until the consortium accepts it.`,
  }));
  return {
    unmatchedLines: unmatched.reduce((sum, u) => sum + u.lines, 0),
    heldCount,
    problems: [...unmatchedProblems, ...heldProblems].slice(0, room),
    count: unmatchedProblems.length + heldCount,
  };
}

function saveProblems(db: Db, reportId: number, problems: Problem[]): void {
  const insert = db.$client.prepare(
    `INSERT INTO report_problems (report_id, sheet, row, "column", severity, code, message)
     VALUES (?,?,?,?,?,?,?)`,
  );
  for (const p of problems.slice(0, MAX_STORED_PROBLEMS)) {
    insert.run(reportId, p.sheet, p.row, p.column, p.severity, p.code, p.message);
  }
}
