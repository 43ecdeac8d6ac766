// What a run of a program with components (SPEC 3.7) reads: the program's eligible sales year to
// date as the engine's cells (member × period × category, × SKU where a bonus selects SKUs), and
// for a growth basis the prior year's pooled volume per month. Built from line_totals like
// `candidateLines` (decision 009), kept per period; only programs whose bonuses select SKUs read
// report_lines, grouped (decision 044).
import type { Db } from "@db/client.server";
import type { ComponentProgram } from "~/refunds/components";
import { categoryFilter, type Membership } from "~/refunds/eligibility";
import { baselineWindow, type MonthVolume } from "~/refunds/growth";
import { lastDayOfMonth, type IsoDate, type MonthKey } from "~/refunds/money";
import {
  priorYearVolume,
  salesCells,
  salesPeriods,
  type ComponentLine,
  type Period,
  type SalesCell,
} from "~/refunds/sales";
import { fxLookup } from "./run-inputs.server";
import type { Program } from "./programs.server";

/**
 * A line handed to the engine's `salesCells` / `priorYearVolume`: a sales line, or the lines of
 * one member, category (and SKU) and period merged into one (all eligible, all in one period),
 * with how many lines it stands for and the sum of their ids (for the run's fingerprint).
 */
export type ComponentCandidate = ComponentLine & { lineCount: number; idSum: number };

export type ComponentInputs = {
  sales: SalesCell[];
  priorYear: MonthVolume[];
  /** What the cells and the prior year were built from, for the fingerprint. */
  salesLines: ComponentCandidate[];
  priorLines: ComponentCandidate[];
};

/** Where lines are read: the program's supplier and currency, a date window and its periods. */
type Scope = {
  supplierId: number;
  currency: string;
  start: IsoDate;
  end: IsoDate;
  includeCategories: readonly string[];
  excludeCategories: readonly string[];
  periods: readonly Period[];
  /** A bonus pays per unit: quantities count, and a fractional one is read line by line. */
  perUnit: boolean;
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
  const perUnit = bonuses.some((b) => b.perUnitMinor !== null && b.perUnitMinor !== undefined);
  const bySku = bonuses.some((b) => (b.skus?.length ?? 0) > 0);
  const through = lastDayOfMonth(month) < program.end ? lastDayOfMonth(month) : program.end;
  const scope: Scope = {
    supplierId: program.supplierId,
    currency: program.currency,
    start: program.start,
    end: through,
    includeCategories: program.includeCategories,
    excludeCategories: program.excludeCategories,
    periods: salesPeriods(terms, month),
    perUnit,
  };
  const salesLines = [
    ...(bySku ? skuGroups(db, scope) : periodTotals(db, scope, people)),
    ...foreignLines(db, scope),
  ];
  const cellProgram = { ...program, bonuses };
  const sales = salesCells(salesLines, cellProgram, people, fx, month);
  if (terms.basis !== "growth") return { sales, priorYear: [], salesLines, priorLines: [] };
  const window = baselineWindow(program.start, month);
  const prior: Scope = {
    ...scope,
    start: window.from,
    end: window.to,
    periods: window.months.map((m) => ({
      from: `${m}-01` < window.from ? window.from : `${m}-01`,
      to: lastDayOfMonth(m),
    })),
    perUnit: false,
  };
  const priorLines = [...periodTotals(db, prior, people), ...foreignLines(db, prior)];
  return {
    sales,
    priorYear: priorYearVolume(priorLines, program, people, fx, month),
    salesLines,
    priorLines,
  };
}

/** [memberId, category, firstDate, lastDate, amountMinor, lineCount, idSum, quantity, fractional, reportId] */
type TotalRow = [
  number,
  string | null,
  string,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
];

/** The period holding a date (periods are sorted and do not overlap), or -1. */
function periodIndex(periods: readonly Period[]): (date: IsoDate) => number {
  return (date) => {
    let low = 0;
    let high = periods.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (date < periods[mid].from) high = mid - 1;
      else if (date > periods[mid].to) low = mid + 1;
      else return mid;
    }
    return -1;
  };
}

/**
 * The scope's lines in its currency from line_totals, as candidates: totals wholly inside the
 * window, the membership and one period are merged per member, category and period (same-currency
 * sums are exact); a member with any total that straddles is read report by report, and the
 * straddling totals line by line, as `candidateLines` does. Held duplicates are left out.
 */
function periodTotals(db: Db, scope: Scope, people: Map<number, Membership>): ComponentCandidate[] {
  const counts = categoryFilter(scope.includeCategories, scope.excludeCategories);
  const periodOf = periodIndex(scope.periods);
  // Without a per-unit bonus the quantities are not read, so the pass stays index-only.
  const quantities = scope.perUnit ? "sum(quantity), sum(fractional_lines)" : "0, 0";
  const perPeriod = db.$client
    .prepare(
      `SELECT member_id, category, min(first_date), max(last_date), sum(amount_minor),
              sum(line_count), sum(id_sum), ${quantities}, 0
         FROM line_totals
        WHERE supplier_id = ? AND currency = ? AND held = 0 AND last_date >= ? AND first_date <= ?
        GROUP BY member_id, category, substr(first_date, 1, 7), substr(last_date, 1, 7)`,
    )
    .raw()
    .all(scope.supplierId, scope.currency, scope.start, scope.end) as TotalRow[];
  const inOnePeriod = (t: TotalRow, m: Membership) =>
    whollyInside(t, scope, m) && periodOf(t[2]) === periodOf(t[3]) && !(scope.perUnit && t[8] > 0);
  const straddling = new Set<number>();
  const whole: TotalRow[] = [];
  for (const t of perPeriod) {
    const membership = people.get(t[0]);
    if (!membership || !counts(t[1]) || !overlaps(t, membership)) continue;
    if (inOnePeriod(t, membership)) whole.push(t);
    else straddling.add(t[0]);
  }
  const candidates: ComponentCandidate[] = [];
  const add = (t: TotalRow) =>
    candidates.push({
      memberId: t[0],
      category: t[1],
      invoiceDate: t[2],
      amountMinor: t[4],
      currency: scope.currency,
      heldAsDuplicate: false,
      sku: null,
      quantity: t[7],
      lineCount: t[5],
      idSum: t[6],
    });
  // A member with any straddling total is read whole below, so nothing is counted twice.
  for (const t of whole) if (!straddling.has(t[0])) add(t);
  if (straddling.size === 0) return candidates;
  const byReport = db.$client
    .prepare(
      `SELECT member_id, category, first_date, last_date, amount_minor, line_count, id_sum,
              quantity, fractional_lines, report_id
         FROM line_totals
        WHERE supplier_id = ? AND currency = ? AND held = 0
          AND member_id IN (SELECT value FROM json_each(?))
          AND last_date >= ? AND first_date <= ?`,
    )
    .raw()
    .all(
      scope.supplierId,
      scope.currency,
      JSON.stringify([...straddling]),
      scope.start,
      scope.end,
    ) as TotalRow[];
  const split: [number, number, string | null][] = [];
  for (const t of byReport) {
    const membership = people.get(t[0])!;
    if (!counts(t[1]) || !overlaps(t, membership)) continue;
    if (inOnePeriod(t, membership)) add(t);
    else split.push([t[9], t[0], t[1]]);
  }
  const lines = db.$client
    .prepare(
      `SELECT ${LINE_COLUMNS}
         FROM json_each(?) k JOIN report_lines l
              ON l.report_id = k.value ->> 0 AND l.currency = ? AND l.member_id = k.value ->> 1
             AND l.category IS k.value ->> 2
        WHERE l.invoice_date BETWEEN ? AND ? AND l.duplicate_status IS NOT 'held'`,
    )
    .raw()
    .all(JSON.stringify(split), scope.currency, scope.start, scope.end) as LineRow[];
  for (const row of lines) candidates.push(asCandidate(row));
  return candidates;
}

function overlaps(t: TotalRow, m: Membership): boolean {
  return t[3] >= m.joinedOn && (m.leftOn === null || t[2] < m.leftOn);
}

function whollyInside(t: TotalRow, scope: Scope, m: Membership): boolean {
  return (
    t[2] >= scope.start &&
    t[3] <= scope.end &&
    t[2] >= m.joinedOn &&
    (m.leftOn === null || t[3] < m.leftOn)
  );
}

/**
 * A program whose bonuses select SKUs needs each line's SKU, which line_totals does not keep: the
 * scope's lines in its currency are grouped in SQL by member, category, SKU and period, counting
 * only lines inside their member's membership (a fractional quantity stays a line of its own).
 */
function skuGroups(db: Db, scope: Scope): ComponentCandidate[] {
  const ends = scope.periods.map((p) => p.to);
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

/** A line read as a raw row: the columns of LINE_COLUMNS, in that order. */
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

const LINE_COLUMNS = `l.invoice_date, l.category, l.member_id, l.amount_minor, l.currency,
  (l.duplicate_status IS 'held'), l.id, l.sku, l.quantity`;

function asCandidate(row: LineRow): ComponentCandidate {
  const [invoiceDate, category, memberId, amountMinor, currency, held, id, sku, quantity] = row;
  return {
    invoiceDate,
    category,
    memberId,
    amountMinor,
    currency,
    heldAsDuplicate: held === 1,
    sku,
    quantity,
    lineCount: 1,
    idSum: id,
  };
}

/** Matched lines of active reports in other currencies, one by one (FX is per line, SPEC 3.1). */
function foreignLines(db: Db, scope: Scope): ComponentCandidate[] {
  const currencies = db.$client
    .prepare(`SELECT DISTINCT currency FROM line_totals WHERE supplier_id = ? AND currency <> ?`)
    .pluck()
    .all(scope.supplierId, scope.currency) as string[];
  const query = db.$client
    .prepare(
      `SELECT ${LINE_COLUMNS} FROM report_lines l
        WHERE l.report_id IN (SELECT id FROM reports WHERE supplier_id = ? AND status = 'active')
          AND l.currency = ? AND l.invoice_date BETWEEN ? AND ? AND l.member_id IS NOT NULL`,
    )
    .raw();
  return currencies.flatMap((currency) =>
    (query.all(scope.supplierId, currency, scope.start, scope.end) as LineRow[]).map(asCandidate),
  );
}
