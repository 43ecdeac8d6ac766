// What a run of a program with components (SPEC 3.7) reads: the program's eligible sales year to
// date as the engine's cells, kept per report in program_cells (decision 089), and for a growth
// basis the prior year's pooled volume per month, from line_totals like `candidateLines`
// (decision 009).
import type { Db } from "@db/client.server";
import type { ComponentProgram } from "~/refunds/components";
import { categoryFilter, type Membership } from "~/refunds/eligibility";
import { baselineWindow, type MonthVolume } from "~/refunds/growth";
import { addMinor, lastDayOfMonth, type IsoDate, type MonthKey } from "~/refunds/money";
import { priorYearVolume, salesCells, type ComponentLine, type SalesCell } from "~/refunds/sales";
import { asCandidate as asCandidateLine, fxLookup } from "./run-inputs.server";
import type { Program } from "./programs.server";
import { acceptedClaimLines } from "./claim-lines.server";
import { storedCells, type CellSource } from "./program-cells.server";
import { dateSql } from "./fx-sql.server";

/**
 * A line handed to the engine's `salesCells` / `priorYearVolume`: a sales line, or the lines of
 * one member and category (and SKU) in one segment merged into one, all eligible, with how many
 * lines it stands for and the sum of their ids (for the run's fingerprint).
 */
export type ComponentCandidate = ComponentLine & { lineCount: number; idSum: number };

export type ComponentInputs = {
  sales: SalesCell[];
  priorYear: MonthVolume[];
  /** What the cells were built from, for the fingerprint. */
  salesLines: ComponentCandidate[];
  /** What the baseline was built from, for the fingerprint: lines, and month sums (no member). */
  priorLines: ComponentCandidate[];
};

/** Where lines are read: the program's supplier and currency, a date window and its segments. */
type Scope = {
  supplierId: number;
  currency: string;
  start: IsoDate;
  end: IsoDate;
  includeCategories: readonly string[];
  excludeCategories: readonly string[];
};

/**
 * The engine's inputs for a run of `program` through `month`: its cells (stored ones unless
 * `cells` says otherwise, as the offer simulator's edited terms do), the lines kept out of them
 * and accepted claims' lines (SPEC 5.2, decision 055), and for a growth basis the baseline.
 */
export function componentInputs(
  db: Db,
  program: Program,
  terms: ComponentProgram,
  month: MonthKey,
  people: Map<number, Membership>,
  cells: CellSource = storedCells(db, program),
): ComponentInputs {
  const fx = fxLookup(db, program.currency);
  const bonuses = terms.bonuses ?? [];
  const through = lastDayOfMonth(month) < program.end ? lastDayOfMonth(month) : program.end;
  const summed = cells(through);
  const lines = [
    ...linesById(db, summed.singles),
    ...acceptedClaimLines(db, program.supplierId, program.start, through),
  ];
  const sales = [...summed.cells, ...salesCells(lines, { ...program, bonuses }, people, fx, month)];
  const salesLines = [
    ...summed.cells.map((cell): ComponentCandidate => ({
      memberId: cell.memberId,
      category: cell.category,
      invoiceDate: cell.from,
      amountMinor: cell.amountMinor,
      currency: program.currency,
      heldAsDuplicate: false,
      sku: cell.sku ?? null,
      quantity: cell.quantity ?? 0,
      lineCount: cell.lineCount,
      idSum: cell.idSum,
    })),
    ...lines,
  ];
  if (terms.basis !== "growth") return { sales, priorYear: [], salesLines, priorLines: [] };
  const window = baselineWindow(program.start, month);
  const prior: Scope = {
    supplierId: program.supplierId,
    currency: program.currency,
    start: window.from,
    end: window.to,
    includeCategories: program.includeCategories,
    excludeCategories: program.excludeCategories,
  };
  const { sums, lines: priorRest } = priorMonthTotals(db, prior);
  const fromLines = priorYearVolume(
    [
      ...priorRest,
      ...foreignLines(db, prior),
      ...acceptedClaimLines(db, prior.supplierId, prior.start, prior.end),
    ],
    program,
    people,
    fx,
    month,
  );
  const counted = new Map(fromLines.map((m) => [m.month, m.amountMinor]));
  for (const sum of sums) {
    const m = sum.invoiceDate.slice(0, 7);
    counted.set(m, addMinor(counted.get(m) ?? 0, sum.amountMinor));
  }
  return {
    sales,
    priorYear: fromLines.map(({ month: m }) => ({ month: m, amountMinor: counted.get(m)! })),
    salesLines,
    priorLines: [...sums, ...priorRest],
  };
}

/** Lines by id, each as the engine reads it (the lines cells keep out). */
function linesById(db: Db, ids: readonly number[]): ComponentCandidate[] {
  if (ids.length === 0) return [];
  const rows = db.$client
    .prepare(
      `SELECT ${LINE_COLUMNS} FROM report_lines l WHERE l.id IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(ids)) as LineRow[];
  return rows.map(asCandidate);
}

/**
 * The totals of the scope's supplier and currency that overlap its window and their member's
 * membership (held duplicates are never counted), and whether one is "whole": inside the window,
 * the membership and one month. A whole total's lines all count alike, so whole totals are
 * summed in SQL; the others are read line by line (`restLines`).
 */
function totalsSql(scope: Scope) {
  const overlapping = `FROM line_totals t JOIN members m ON m.id = t.member_id
    WHERE t.supplier_id = ? AND t.currency = ? AND t.held = 0
      AND t.last_date >= ${dateSql(scope.start)} AND t.first_date <= ${dateSql(scope.end)}
      AND t.last_date >= m.joined_on AND (m.left_on IS NULL OR t.first_date < m.left_on)`;
  const whole = `(t.first_date >= ${dateSql(scope.start)} AND t.last_date <= ${dateSql(scope.end)}
    AND t.first_date >= m.joined_on AND (m.left_on IS NULL OR t.last_date < m.left_on)
    AND substr(t.first_date, 1, 7) = substr(t.last_date, 1, 7))`;
  return { overlapping, whole, params: [scope.supplierId, scope.currency] };
}

/**
 * The prior year's whole totals summed per month (and category, to judge it), with no member:
 * B is pooled. Returned as candidates dated the month's first day with no member (for the
 * fingerprint only), and the lines of the totals that are not whole, for the engine.
 */
function priorMonthTotals(db: Db, scope: Scope) {
  const counts = categoryFilter(scope.includeCategories, scope.excludeCategories);
  const sql = totalsSql(scope);
  const rows = db.$client
    .prepare(
      `SELECT t.category, substr(t.first_date, 1, 7) AS month, sum(t.amount_minor),
              sum(t.line_count), sum(t.id_sum)
         ${sql.overlapping} AND ${sql.whole}
        GROUP BY t.category, month`,
    )
    .raw()
    .all(...sql.params) as [string | null, string, number, number, number][];
  const sums: ComponentCandidate[] = rows
    .filter(([category]) => counts(category))
    .map(([category, month, amountMinor, lineCount, idSum]) => ({
      memberId: null,
      category,
      invoiceDate: `${month}-01`,
      amountMinor,
      currency: scope.currency,
      heldAsDuplicate: false,
      lineCount,
      idSum,
    }));
  return { sums, lines: restLines(db, scope, sql).lines };
}

/** The lines of the totals that are not whole (a late invoice, a member joining mid-month…). */
function restLines(db: Db, scope: Scope, sql: ReturnType<typeof totalsSql>) {
  return { lines: linesOf(db, scope, restTotals(db, scope, sql)) };
}

/** The totals that are not whole, [report, member, category], in eligible categories. */
function restTotals(
  db: Db,
  scope: Scope,
  sql: ReturnType<typeof totalsSql>,
): [number, number, string | null][] {
  const counts = categoryFilter(scope.includeCategories, scope.excludeCategories);
  return (
    db.$client
      .prepare(
        `SELECT t.report_id, t.member_id, t.category ${sql.overlapping} AND NOT ${sql.whole}`,
      )
      .raw()
      .all(...sql.params) as [number, number, string | null][]
  ).filter((t) => counts(t[2]));
}

/** The lines of these totals ([report, member, category]), one by one. */
function linesOf(
  db: Db,
  scope: Scope,
  rest: readonly [number, number, string | null][],
): ComponentCandidate[] {
  if (rest.length === 0) return [];
  const lines = db.$client
    .prepare(
      `SELECT ${BASELINE_COLUMNS}
         FROM json_each(?) k JOIN report_lines l
              ON l.report_id = k.value ->> 0 AND l.currency = ? AND l.member_id = k.value ->> 1
             AND l.category IS k.value ->> 2
        WHERE l.invoice_date BETWEEN ? AND ? AND l.duplicate_status IS NOT 'held'`,
    )
    .raw()
    .all(JSON.stringify(rest), scope.currency, scope.start, scope.end) as LineRow[];
  return lines.map(asCandidate);
}

function foreignCurrencies(db: Db, scope: Scope): string[] {
  return db.$client
    .prepare(
      `WITH RECURSIVE c(currency) AS (
         SELECT min(currency) FROM line_totals WHERE supplier_id = @supplier
         UNION ALL
         SELECT (SELECT min(currency) FROM line_totals
                  WHERE supplier_id = @supplier AND currency > c.currency)
           FROM c WHERE c.currency IS NOT NULL)
       SELECT currency FROM c WHERE currency IS NOT NULL AND currency <> @currency`,
    )
    .pluck()
    .all({ supplier: scope.supplierId, currency: scope.currency }) as string[];
}

type LineRow = [
  string,
  string | null,
  number,
  number,
  string,
  number,
  number,
  string | null,
  number | null,
];

/** A line's columns, as `asCandidate` reads them. */
const LINE_COLUMNS = `l.invoice_date, l.category, l.member_id, l.amount_minor, l.currency,
  (l.duplicate_status IS 'held'), l.id, l.sku, l.quantity`;
/** The baseline's lines need no SKU nor quantity: without them a read stays index-only. */
const BASELINE_COLUMNS = `l.invoice_date, l.category, l.member_id, l.amount_minor, l.currency,
  (l.duplicate_status IS 'held'), l.id, NULL, NULL`;

function asCandidate(row: LineRow): ComponentCandidate {
  return { ...asCandidateLine(row), sku: row[7], quantity: row[8] };
}

/** Matched lines of active reports in other currencies, one by one (the prior year's baseline). */
function foreignLines(db: Db, scope: Scope): ComponentCandidate[] {
  const query = db.$client
    .prepare(
      `SELECT ${BASELINE_COLUMNS} FROM report_lines l
        WHERE l.report_id IN (SELECT id FROM reports WHERE supplier_id = ? AND status = 'active')
          AND l.currency = ? AND l.invoice_date BETWEEN ? AND ? AND l.member_id IS NOT NULL`,
    )
    .raw();
  return foreignCurrencies(db, scope).flatMap((currency) =>
    (query.all(scope.supplierId, currency, scope.start, scope.end) as LineRow[]).map(asCandidate),
  );
}
