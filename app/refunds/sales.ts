// What a run with components reads: eligible sales of the program year to date, aggregated per
// member × period × category (× SKU), and the prior year's pooled volume per month. The data layer
// may build them with SQL aggregates; `salesCells` and `priorYearVolume` build them from lines
// with the rules of 3.1 (eligibility, FX per line) for callers that hold the lines.
import type { BonusTerms } from "./components";
import { eligibilityFor, type Membership } from "./eligibility";
import { DomainError } from "./errors";
import { convertMinor } from "./fx";
import { baselineWindow, type MonthVolume } from "./growth";
import {
  addMinor,
  addMonths,
  assertMinor,
  lastDayOfMonth,
  monthOf,
  nextDay,
  previousDay,
  type IsoDate,
  type MemberId,
  type Minor,
  type MonthKey,
} from "./money";
import {
  missingRatesError,
  rateFinder,
  type FxLookup,
  type MissingRate,
  type PoolProgram,
  type SalesLine,
} from "./pooled";

/**
 * Eligible sales (3.1) of one member in one period, category and SKU, in program currency.
 * A period is a calendar month of the program, cut where a bonus window starts or ends
 * (`salesPeriods`), so a cell is either inside a window or outside it.
 */
export type SalesCell = {
  memberId: MemberId;
  /** First and last invoice date the cell may hold (its period). */
  from: IsoDate;
  to: IsoDate;
  category: string | null;
  /** Needed only where a bonus selects SKUs. */
  sku?: string | null;
  /** Σ of the lines' amounts, each converted and rounded on its own (3.1). */
  amountMinor: Minor;
  /**
   * Σ of the lines' quantities (a line without one adds 0); needed only for per-unit bonuses.
   * Whole quantities may be summed; a line with a fractional quantity is a cell of its own,
   * because per-unit earnings are rounded per line.
   */
  quantity?: number | null;
};

export type { MonthVolume };
export type Period = { from: IsoDate; to: IsoDate };
/** A sales line with what bonuses select and count. */
export type ComponentLine = SalesLine & { sku?: string | null; quantity?: number | null };
export type CellProgram = PoolProgram & { bonuses?: readonly BonusTerms[] | null };

/** The periods from the program start to the end of `through`: months, cut at bonus window edges. */
export function salesPeriods(
  program: { start: IsoDate; end: IsoDate; bonuses?: readonly BonusTerms[] | null },
  through: MonthKey,
): Period[] {
  const until = minDate(program.end, lastDayOfMonth(through));
  // A period ends on the day before a window starts, and on the day a window ends.
  const endsAfter = new Set<IsoDate>();
  for (const bonus of program.bonuses ?? []) {
    if (bonus.start && bonus.start > program.start) endsAfter.add(previousDay(bonus.start));
    if (bonus.end) endsAfter.add(bonus.end);
  }
  const periods: Period[] = [];
  for (let month = monthOf(program.start); month <= monthOf(until); month = addMonths(month, 1)) {
    const monthStart = maxDate(`${month}-01`, program.start);
    const monthEnd = minDate(lastDayOfMonth(month), until);
    const cuts = [...endsAfter].filter((d) => d >= monthStart && d < monthEnd).sort();
    let from = monthStart;
    for (const cut of [...cuts, monthEnd]) {
      periods.push({ from, to: cut });
      from = nextDay(cut);
    }
  }
  return periods;
}

/** The cell a period starts: binary search over periods sorted by date. */
function periodFinder(periods: Period[]): (date: IsoDate) => Period | undefined {
  const found = new Map<IsoDate, Period | undefined>();
  return (date) => {
    if (found.has(date)) return found.get(date);
    let low = 0;
    let high = periods.length - 1;
    let hit: Period | undefined;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (date < periods[mid].from) high = mid - 1;
      else if (date > periods[mid].to) low = mid + 1;
      else {
        hit = periods[mid];
        break;
      }
    }
    found.set(date, hit);
    return hit;
  };
}

/**
 * The program's eligible lines through `through`, as cells (one pass; every missing FX rate is
 * reported at once, as `pooledVolume` does). SKUs are kept only when some bonus selects SKUs.
 */
export function salesCells(
  lines: Iterable<ComponentLine>,
  program: CellProgram,
  memberships: ReadonlyMap<MemberId, Membership>,
  fxRate: FxLookup,
  through: MonthKey,
): SalesCell[] {
  const eligible = eligibilityFor(program);
  const periodOf = periodFinder(salesPeriods(program, through));
  const withSku = (program.bonuses ?? []).some((b) => (b.skus?.length ?? 0) > 0);
  const missing = new Map<string, MissingRate>();
  const rateOf = rateFinder(fxRate, missing);
  const cells = new Map<string, SalesCell>();
  let single = 0;
  for (const line of lines) {
    if (line.memberId === null) continue;
    const period = periodOf(line.invoiceDate);
    if (period === undefined || !eligible(line, memberships.get(line.memberId))) continue;
    assertMinor(line.amountMinor, "line_amount");
    let amount = line.amountMinor;
    if (line.currency !== program.currency) {
      const rate = rateOf(line);
      if (rate === undefined) continue;
      amount = convertMinor(amount, line.currency, program.currency, rate);
    }
    const quantity = line.quantity ?? 0;
    const sku = withSku ? (line.sku ?? null) : null;
    const key = Number.isInteger(quantity)
      ? `${line.memberId}|${period.from}|${textKey(line.category)}|${textKey(sku)}`
      : `single ${single++}`;
    const cell = cells.get(key);
    if (cell === undefined) {
      cells.set(key, {
        memberId: line.memberId,
        ...period,
        category: line.category,
        sku,
        amountMinor: amount,
        quantity,
      });
    } else {
      cell.amountMinor = addMinor(cell.amountMinor, amount);
      cell.quantity = (cell.quantity ?? 0) + quantity;
    }
  }
  if (missing.size > 0) throw missingRatesError([...missing.values()], program.currency);
  return [...cells.values()];
}

/**
 * The pooled volume of each month of a run's baseline window (`baselineWindow`), from the
 * prior-year lines by the rules of 3.1: same supplier and categories, membership at each line's
 * own invoice date, FX of the line's own month.
 */
export function priorYearVolume(
  lines: Iterable<SalesLine>,
  program: PoolProgram,
  memberships: ReadonlyMap<MemberId, Membership>,
  fxRate: FxLookup,
  month: MonthKey,
): MonthVolume[] {
  const window = baselineWindow(program.start, month);
  const eligible = eligibilityFor({ ...program, start: window.from, end: window.to });
  const missing = new Map<string, MissingRate>();
  const rateOf = rateFinder(fxRate, missing);
  const byMonth = new Map<MonthKey, Minor>(window.months.map((m) => [m, 0]));
  for (const line of lines) {
    if (line.memberId === null || !eligible(line, memberships.get(line.memberId))) continue;
    assertMinor(line.amountMinor, "line_amount");
    let amount = line.amountMinor;
    if (line.currency !== program.currency) {
      const rate = rateOf(line);
      if (rate === undefined) continue;
      amount = convertMinor(amount, line.currency, program.currency, rate);
    }
    const lineMonth = line.invoiceDate.slice(0, 7);
    byMonth.set(lineMonth, addMinor(byMonth.get(lineMonth) ?? 0, amount));
  }
  if (missing.size > 0) throw missingRatesError([...missing.values()], program.currency);
  return [...byMonth].map(([m, amountMinor]) => ({ month: m, amountMinor }));
}

/**
 * Refuses a cell a run cannot place: outside the program's days through the run month, or
 * across the edge of a bonus window (it would be half in, half out).
 */
export function assertCell(
  cell: SalesCell,
  range: Period,
  windows: readonly { name: string; start: IsoDate; end: IsoDate }[],
): void {
  if (!Number.isSafeInteger(cell.memberId)) {
    const details = { memberId: cell.memberId };
    throw new DomainError("allocation_weights_invalid", details, details);
  }
  assertMinor(cell.amountMinor, "member_volume");
  if (!(cell.from <= cell.to && cell.from >= range.from && cell.to <= range.to)) {
    const details = { problem: "period_outside", from: cell.from, to: cell.to, ...rangeOf(range) };
    throw new DomainError("component_input_invalid", details, details);
  }
  for (const window of windows) {
    const edge =
      cell.from < window.start && window.start <= cell.to
        ? window.start
        : cell.from <= window.end && window.end < cell.to
          ? window.end
          : null;
    if (edge !== null) {
      const details = {
        problem: "period_straddles",
        from: cell.from,
        to: cell.to,
        bonus: window.name,
        date: edge,
      };
      throw new DomainError("component_input_invalid", details, details);
    }
  }
  const quantity = cell.quantity ?? 0;
  if (!Number.isFinite(quantity)) {
    const details = { problem: "quantity_invalid", quantity: String(quantity) };
    throw new DomainError("component_input_invalid", details, details);
  }
}

const rangeOf = (range: Period) => ({ start: range.from, end: range.to });
const textKey = (text: string | null): string => (text === null ? "\u0000" : `=${text}`);
const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
