// What a run of a program with components (SPEC 3.7) reads: the program's eligible sales year to
// date as the engine's cells (member × category × segment, × SKU where a bonus selects SKUs), and
// for a growth basis the prior year's pooled volume per month. Built from line_totals like
// `candidateLines` (decision 009); programs whose bonuses select SKUs also read those SKUs' parts
// from sku_totals (decision 048).
import type { Db } from "@db/client.server";
import type { ComponentProgram } from "~/refunds/components";
import { categoryFilter, categoryKey, type Membership } from "~/refunds/eligibility";
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
import { acceptedClaimLines } from "./claim-lines.server";

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
    ...segmentTotals(db, scope, segments),
    ...(scope.bySku ? skuParts(db, scope, segments, selectedSkus(bonuses)) : []),
    ...foreignLines(db, scope),
    // SPEC 5.2: accepted claims' lines, once each (decision 055).
    ...acceptedClaimLines(db, scope.supplierId, scope.start, scope.end),
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
    [
      ...lines,
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
function totalsSql(scope: Scope, oneSegment: string, table = "line_totals") {
  const overlapping = `FROM ${table} t JOIN members m ON m.id = t.member_id
    WHERE t.supplier_id = ? AND t.currency = ? AND t.held = 0
      AND t.last_date >= ${dateSql(scope.start)} AND t.first_date <= ${dateSql(scope.end)}
      AND t.last_date >= m.joined_on AND (m.left_on IS NULL OR t.first_date < m.left_on)`;
  const whole = `(t.first_date >= ${dateSql(scope.start)} AND t.last_date <= ${dateSql(scope.end)}
    AND t.first_date >= m.joined_on AND (m.left_on IS NULL OR t.last_date < m.left_on)
    AND ${oneSegment} ${scope.perUnit ? "AND t.fractional_lines = 0" : ""})`;
  return { overlapping, whole, params: [scope.supplierId, scope.currency] };
}

/** Which segment a total falls in, and whether it lies in one segment (by its first/last date). */
function segmentSql(segments: readonly Period[]) {
  const edges = segments.slice(0, -1).map((p) => dateSql(p.to));
  return {
    segment: edges.map((e) => `(t.first_date > ${e})`).join(" + ") || "0",
    oneSegment:
      edges.map((e) => `NOT (t.first_date <= ${e} AND t.last_date > ${e})`).join(" AND ") || "1",
  };
}

/**
 * The scope's lines in its currency from line_totals, as candidates: whole totals summed per
 * member, category and segment in one pass over the covering index (same-currency sums are
 * exact), then the few totals that are not whole, line by line. The engine still judges every
 * candidate (categories, dates, membership).
 */
function segmentTotals(db: Db, scope: Scope, segments: readonly Period[]): ComponentCandidate[] {
  const counts = categoryFilter(scope.includeCategories, scope.excludeCategories);
  const { segment, oneSegment } = segmentSql(segments);
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

/** The SKUs the program's bonuses select, as the engine compares them. */
function selectedSkus(bonuses: readonly { skus?: readonly string[] | null }[]): Set<string> {
  return new Set(bonuses.flatMap((b) => (b.skus ?? []).map(categoryKey)));
}

/**
 * A program whose bonuses select SKUs needs the SKU of those lines, which line_totals does not
 * keep. Its whole totals are summed as for any program (SKU unknown); the lines of the selected
 * SKUs inside them are then moved to cells of their own SKU, from sku_totals (decision 048):
 * each part of a whole total, summed per member, category, SKU and segment, is given back
 * negated without SKU and again with it. A part is whole exactly when its parent is (it carries
 * the parent's dates), and the lines of totals that are not whole are read with their SKU.
 */
function skuParts(
  db: Db,
  scope: Scope,
  segments: readonly Period[],
  selected: ReadonlySet<string>,
): ComponentCandidate[] {
  const texts = (
    db.$client
      .prepare(
        `SELECT DISTINCT sku FROM sku_totals WHERE supplier_id = ? AND currency = ? AND held = 0`,
      )
      .pluck()
      .all(scope.supplierId, scope.currency) as string[]
  ).filter((sku) => selected.has(categoryKey(sku)));
  if (texts.length === 0) return [];
  const counts = categoryFilter(scope.includeCategories, scope.excludeCategories);
  const { segment, oneSegment } = segmentSql(segments);
  const sql = totalsSql(scope, oneSegment, "sku_totals");
  const rows = db.$client
    .prepare(
      `SELECT t.member_id, t.category, t.sku, ${segment} AS segment, min(t.first_date),
              sum(t.amount_minor), sum(t.line_count), sum(t.id_sum), sum(t.quantity)
         ${sql.overlapping} AND t.sku IN (SELECT value FROM json_each(?)) AND ${sql.whole}
        GROUP BY t.member_id, t.category, t.sku, segment`,
    )
    .raw()
    .all(...sql.params, JSON.stringify(texts)) as [
    number,
    string | null,
    string,
    number,
    string,
    number,
    number,
    number,
    number,
  ][];
  const candidates: ComponentCandidate[] = [];
  for (const [memberId, category, sku, , first, amountMinor, lineCount, idSum, quantity] of rows) {
    if (!counts(category)) continue;
    const part = {
      memberId,
      category,
      invoiceDate: first,
      currency: scope.currency,
      heldAsDuplicate: false,
    };
    // Units matter only where a bonus pays per unit (the whole totals carry none otherwise).
    const units = scope.perUnit ? quantity : 0;
    candidates.push(
      {
        ...part,
        amountMinor: -amountMinor,
        sku: null,
        quantity: -units,
        lineCount: 0,
        idSum: 0,
      },
      { ...part, amountMinor, sku, quantity: units, lineCount, idSum },
    );
  }
  return candidates;
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
