// What a run of a program with components (SPEC 3.7) reads: the program's eligible sales year to
// date as the engine's cells (member × category × segment, × SKU where a bonus selects SKUs), and
// for a growth basis the prior year's pooled volume per month. Built from line_totals like
// `candidateLines` (decision 009); only programs whose bonuses select SKUs read report_lines,
// grouped (decision 044).
import type { Db } from "@db/client.server";
import type { ComponentProgram } from "~/refunds/components";
import { categoryFilter, type Membership } from "~/refunds/eligibility";
import { baselineWindow, type MonthVolume } from "~/refunds/growth";
import {
  addMinor,
  isIsoDate,
  lastDayOfMonth,
  previousDay,
  type IsoDate,
  type MonthKey,
} from "~/refunds/money";
import {
  priorYearVolume,
  salesCells,
  salesPeriods,
  type ComponentLine,
  type Period,
  type SalesCell,
} from "~/refunds/sales";
import { asCandidate as asCandidateLine, fxLookup } from "./run-inputs.server";
import type { Program } from "./programs.server";

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
  /** A bonus pays per unit: quantities count, and a fractional one is read line by line. */
  perUnit: boolean;
  /** A bonus selects SKUs: each line's SKU counts. */
  bySku: boolean;
};

export function componentInputs(
  db: Db,
  program: Program,
  terms: ComponentProgram,
  month: MonthKey,
  people: Map<number, Membership>,
): ComponentInputs {
  const fx = fxLookup(db, program.currency);
  const bonuses = terms.bonuses ?? [];
  const through = lastDayOfMonth(month) < program.end ? lastDayOfMonth(month) : program.end;
  const scope: Scope = {
    supplierId: program.supplierId,
    currency: program.currency,
    start: program.start,
    end: through,
    includeCategories: program.includeCategories,
    excludeCategories: program.excludeCategories,
    perUnit: bonuses.some((b) => b.perUnitMinor !== null && b.perUnitMinor !== undefined),
    bySku: bonuses.some((b) => (b.skus?.length ?? 0) > 0),
  };
  const segments = salesSegments(terms, month);
  const salesLines = [
    ...(scope.bySku ? skuGroups(db, scope, segments) : segmentTotals(db, scope, segments)),
    ...foreignLines(db, scope),
  ];
  const sales = salesCells(salesLines, { ...program, bonuses }, people, fx, month);
  if (terms.basis !== "growth") return { sales, priorYear: [], salesLines, priorLines: [] };
  const window = baselineWindow(program.start, month);
  const prior: Scope = {
    ...scope,
    start: window.from,
    end: window.to,
    perUnit: false,
    bySku: false,
  };
  const { sums, lines } = priorMonthTotals(db, prior);
  const fromLines = priorYearVolume(
    [...lines, ...foreignLines(db, prior)],
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
    priorLines: [...sums, ...lines],
  };
}

/**
 * The segments cells may span: the program's days through the run month, cut only where a bonus
 * window starts or ends. The engine's cells are per period (months cut at those edges), but a
 * cell only needs to be inside or outside each window: sums over whole segments give the same
 * figures, with a twelfth of the rows.
 */
export function salesSegments(terms: ComponentProgram, month: MonthKey): Period[] {
  const edges = new Set<IsoDate>();
  for (const bonus of terms.bonuses ?? []) {
    if (bonus.start && bonus.start > terms.start) edges.add(previousDay(bonus.start));
    if (bonus.end) edges.add(bonus.end);
  }
  const segments: Period[] = [];
  for (const period of salesPeriods(terms, month)) {
    const last = segments[segments.length - 1];
    if (last && !edges.has(last.to)) last.to = period.to;
    else segments.push({ ...period });
  }
  return segments;
}

/** A date written into SQL: only ISO dates the engine computed, checked again here. */
function dateSql(date: IsoDate): string {
  if (!isIsoDate(date)) throw new Error(`not a date: ${date}`);
  return `'${date}'`;
}

/**
 * The totals of the scope's supplier and currency that overlap its window and their member's
 * membership (held duplicates are never counted), and whether one is "whole": inside the window,
 * the membership and one segment (`oneSegment`), with no fractional quantity where a bonus pays
 * per unit. A whole total's lines all count alike, so whole totals are summed in SQL; the others
 * are read line by line (`restLines`).
 */
function totalsSql(scope: Scope, oneSegment: string) {
  const overlapping = `FROM line_totals t JOIN members m ON m.id = t.member_id
    WHERE t.supplier_id = ? AND t.currency = ? AND t.held = 0
      AND t.last_date >= ${dateSql(scope.start)} AND t.first_date <= ${dateSql(scope.end)}
      AND t.last_date >= m.joined_on AND (m.left_on IS NULL OR t.first_date < m.left_on)`;
  const whole = `(t.first_date >= ${dateSql(scope.start)} AND t.last_date <= ${dateSql(scope.end)}
    AND t.first_date >= m.joined_on AND (m.left_on IS NULL OR t.last_date < m.left_on)
    AND ${oneSegment} ${scope.perUnit ? "AND t.fractional_lines = 0" : ""})`;
  return { overlapping, whole, params: [scope.supplierId, scope.currency] };
}

/**
 * The scope's lines in its currency from line_totals, as candidates: whole totals summed per
 * member, category and segment in one pass over the covering index (same-currency sums are
 * exact), then the few totals that are not whole, line by line. The engine still judges every
 * candidate (categories, dates, membership).
 */
function segmentTotals(db: Db, scope: Scope, segments: readonly Period[]): ComponentCandidate[] {
  const counts = categoryFilter(scope.includeCategories, scope.excludeCategories);
  const edges = segments.slice(0, -1).map((p) => dateSql(p.to));
  const segment = edges.map((e) => `(t.first_date > ${e})`).join(" + ") || "0";
  const oneSegment =
    edges.map((e) => `NOT (t.first_date <= ${e} AND t.last_date > ${e})`).join(" AND ") || "1";
  const sql = totalsSql(scope, oneSegment);
  const rows = db.$client
    .prepare(
      `SELECT t.member_id, t.category, ${segment} AS segment, min(t.first_date),
              sum(t.amount_minor), sum(t.line_count), sum(t.id_sum),
              ${scope.perUnit ? "sum(t.quantity)" : "0"}
         ${sql.overlapping} AND ${sql.whole}
        GROUP BY t.member_id, t.category, segment`,
    )
    .raw()
    .all(...sql.params) as [
    number,
    string | null,
    number,
    string,
    number,
    number,
    number,
    number,
  ][];
  const candidates: ComponentCandidate[] = [];
  for (const [memberId, category, , first, amountMinor, lineCount, idSum, quantity] of rows) {
    if (!counts(category)) continue;
    candidates.push({
      memberId,
      category,
      invoiceDate: first,
      amountMinor,
      currency: scope.currency,
      heldAsDuplicate: false,
      sku: null,
      quantity,
      lineCount,
      idSum,
    });
  }
  candidates.push(...restLines(db, scope, sql));
  return candidates;
}

/**
 * The prior year's whole totals summed per month (and category, to judge it), with no member:
 * B is pooled. Returned as candidates dated the month's first day with no member (for the
 * fingerprint only), and the lines of the totals that are not whole, for the engine.
 */
function priorMonthTotals(db: Db, scope: Scope) {
  const counts = categoryFilter(scope.includeCategories, scope.excludeCategories);
  const sql = totalsSql(scope, "substr(t.first_date, 1, 7) = substr(t.last_date, 1, 7)");
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
  return { sums, lines: restLines(db, scope, sql) };
}

/** The lines of the totals that are not whole (a late invoice, a member joining mid-month…). */
function restLines(db: Db, scope: Scope, sql: ReturnType<typeof totalsSql>): ComponentCandidate[] {
  const counts = categoryFilter(scope.includeCategories, scope.excludeCategories);
  const rest = (
    db.$client
      .prepare(
        `SELECT t.report_id, t.member_id, t.category ${sql.overlapping} AND NOT ${sql.whole}`,
      )
      .raw()
      .all(...sql.params) as [number, number, string | null][]
  ).filter((t) => counts(t[2]));
  if (rest.length === 0) return [];
  const lines = db.$client
    .prepare(
      `SELECT ${lineColumns(scope)}
         FROM json_each(?) k JOIN report_lines l
              ON l.report_id = k.value ->> 0 AND l.currency = ? AND l.member_id = k.value ->> 1
             AND l.category IS k.value ->> 2
        WHERE l.invoice_date BETWEEN ? AND ? AND l.duplicate_status IS NOT 'held'`,
    )
    .raw()
    .all(JSON.stringify(rest), scope.currency, scope.start, scope.end) as LineRow[];
  return lines.map(asCandidate);
}

/**
 * A program whose bonuses select SKUs needs each line's SKU, which line_totals does not keep: the
 * scope's lines in its currency are grouped in SQL by member, category, SKU and period, counting
 * only lines inside their member's membership (a fractional quantity stays a line of its own).
 */
function skuGroups(db: Db, scope: Scope, segments: readonly Period[]): ComponentCandidate[] {
  const ends = segments.map((p) => p.to);
  const period = `CASE ${ends.map(() => "WHEN l.invoice_date <= ? THEN ?").join(" ")} END`;
  const rows = db.$client
    .prepare(
      `SELECT min(l.invoice_date), l.category, l.member_id, sum(l.amount_minor), l.currency, 0,
              sum(l.id), l.sku, coalesce(sum(l.quantity), 0), count(*)
         FROM report_lines l JOIN members m ON m.id = l.member_id
        WHERE l.report_id IN (SELECT id FROM reports WHERE supplier_id = ? AND status = 'active')
          AND l.currency = ? AND l.duplicate_status IS NOT 'held'
          AND l.invoice_date BETWEEN ? AND ?
          AND l.invoice_date >= m.joined_on AND (m.left_on IS NULL OR l.invoice_date < m.left_on)
        GROUP BY l.member_id, l.category, l.sku, ${period},
                 CASE WHEN l.quantity <> CAST(l.quantity AS INTEGER) THEN l.id END`,
    )
    .raw()
    .all(
      scope.supplierId,
      scope.currency,
      scope.start,
      scope.end,
      ...ends.flatMap((end, i) => [end, i]),
    ) as [...LineRow, number][];
  return rows.map((row) => ({ ...asCandidate(row.slice(0, 9) as LineRow), lineCount: row[9] }));
}

/** A line read as a raw row: the columns of `lineColumns`, in that order. */
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

/** A line's columns; its SKU and quantity only when the program needs them (else index-only). */
const lineColumns = (scope: Scope) => `l.invoice_date, l.category, l.member_id, l.amount_minor,
  l.currency, (l.duplicate_status IS 'held'), l.id, ${scope.bySku ? "l.sku" : "NULL"},
  ${scope.perUnit ? "l.quantity" : "NULL"}`;

function asCandidate(row: LineRow): ComponentCandidate {
  return { ...asCandidateLine(row), sku: row[7], quantity: row[8] };
}

/** Matched lines of active reports in other currencies, one by one (FX is per line, SPEC 3.1). */
function foreignLines(db: Db, scope: Scope): ComponentCandidate[] {
  const currencies = db.$client
    .prepare(`SELECT DISTINCT currency FROM line_totals WHERE supplier_id = ? AND currency <> ?`)
    .pluck()
    .all(scope.supplierId, scope.currency) as string[];
  const query = db.$client
    .prepare(
      `SELECT ${lineColumns(scope)} FROM report_lines l
        WHERE l.report_id IN (SELECT id FROM reports WHERE supplier_id = ? AND status = 'active')
          AND l.currency = ? AND l.invoice_date BETWEEN ? AND ? AND l.member_id IS NOT NULL`,
    )
    .raw();
  return currencies.flatMap((currency) =>
    (query.all(scope.supplierId, currency, scope.start, scope.end) as LineRow[]).map(asCandidate),
  );
}
