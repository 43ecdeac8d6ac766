// What a run of a program with components (SPEC 3.7) reads: the program's eligible sales year to
// date as the engine's cells (member × category × segment, × SKU where a bonus selects SKUs), and
// for a growth basis the prior year's pooled volume per month. Built from line_totals like
// `candidateLines` (decision 009); programs whose bonuses select SKUs also read those SKUs' parts
// from sku_totals (decision 048).
import type { Db } from "@db/client.server";
import type { BonusTerms, ComponentProgram } from "~/refunds/components";
import { categoryFilter, categoryKey, type Membership } from "~/refunds/eligibility";
import { prepareBonus, qualifies, type Bonus } from "~/refunds/bonuses";
import { baselineWindow, type MonthVolume } from "~/refunds/growth";
import {
  addMinor,
  addMonths,
  isIsoDate,
  isMonthKey,
  lastDayOfMonth,
  minorExponent,
  monthOf,
  previousDay,
  type IsoDate,
  type MonthKey,
} from "~/refunds/money";
import type { FxLookup } from "~/refunds/pooled";
import {
  priorYearVolume,
  salesCells,
  salesPeriods,
  type ComponentLine,
  type CellProgram,
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
  const currencies = foreignCurrencies(db, scope);
  const classes = scope.bySku
    ? skuClasses(db, scope, [scope.currency, ...currencies], bonuses)
    : NO_CLASSES;
  const cells = new CellSums(scope, segments, classes, { ...program, bonuses });
  const lines: ComponentCandidate[] = [];
  const { readWhole, unchecked } = segmentTotals(db, scope, segments, people, cells, lines);
  if (scope.bySku) skuParts(db, scope, segments, classes, unchecked, cells);
  const exact = currencies.map((currency) =>
    foreignSums(db, scope, segments, classes, convertible(fx, scope, currency), cells, lines),
  );
  if (scope.perUnit)
    lines.push(
      ...fractionalLines(db, scope, cells, readWhole, exact, perUnitSkus(bonuses, classes)),
    );
  // SPEC 5.2: accepted claims' lines, once each (decision 055).
  lines.push(...acceptedClaimLines(db, scope.supplierId, scope.start, scope.end));
  const summed = cells.list();
  const sales = [...summed.cells, ...salesCells(lines, { ...program, bonuses }, people, fx, month)];
  const salesLines = [...summed.candidates, ...lines];
  if (terms.basis !== "growth") return { sales, priorYear: [], salesLines, priorLines: [] };
  const window = baselineWindow(program.start, month);
  const prior: Scope = {
    ...scope,
    start: window.from,
    end: window.to,
    perUnit: false,
    bySku: false,
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
 * the membership and one segment (`oneSegment`). A whole total's lines all count alike, so whole
 * totals are summed in SQL; the others are read line by line (`restLines`). Quantities in totals
 * are whole ones only: a fractional quantity is read on its own line (`fractionalLines`).
 */
function totalsSql(
  scope: Scope,
  oneSegment: string,
  table = "line_totals",
  members?: readonly number[],
) {
  const overlapping = `FROM ${table} t JOIN members m ON m.id = t.member_id
    WHERE t.supplier_id = ? AND t.currency = ? AND t.held = 0
      AND t.last_date >= ${dateSql(scope.start)} AND t.first_date <= ${dateSql(scope.end)}
      AND t.last_date >= m.joined_on AND (m.left_on IS NULL OR t.first_date < m.left_on)
      ${members ? "AND t.member_id IN (SELECT value FROM json_each(?))" : ""}`;
  const whole = `(t.first_date >= ${dateSql(scope.start)} AND t.last_date <= ${dateSql(scope.end)}
    AND t.first_date >= m.joined_on AND (m.left_on IS NULL OR t.last_date < m.left_on)
    AND ${oneSegment})`;
  const params: (number | string)[] = [scope.supplierId, scope.currency];
  if (members) params.push(JSON.stringify(members));
  return { overlapping, whole, params };
}

/** Which segment a date falls in (0, 1, …), as SQL over a date column. */
function segmentOf(segments: readonly Period[], column: string): string {
  const edges = segments.slice(0, -1).map((p) => dateSql(p.to));
  return edges.map((e) => `(${column} > ${e})`).join(" + ") || "0";
}

/** Which segment a total falls in, and whether it lies in one segment (by its first/last date). */
function segmentSql(segments: readonly Period[]) {
  const edges = segments.slice(0, -1).map((p) => dateSql(p.to));
  return {
    segment: segmentOf(segments, "t.first_date"),
    oneSegment:
      edges.map((e) => `NOT (t.first_date <= ${e} AND t.last_date > ${e})`).join(" AND ") || "1",
  };
}

/**
 * What the SQL sums become: cells in the program currency, one per member and "signature" — the
 * bonuses a cell qualifies for (by its segment, category and SKU class) and, where a mix condition
 * names its category, that category. The engine reads a cell only through those (V, v_i, the
 * volume of a mix condition's category, each bonus's weights, all sums; per-unit weights of whole
 * quantities are linear too), so cells alike in them add up to one. Each signature's cell carries
 * the segment, category and SKU of the first sum that had it: the engine judges it as those.
 * Sums of lines are exact (same currency, or each line converted and rounded in SQL as
 * `convertMinor` does).
 */
type Signature = { id: number; rep: Pick<SalesCell, "from" | "to" | "category" | "sku"> };
/** Room for signatures in a cell's numeric key (member × SIGNATURES + signature). */
const SIGNATURES = 1 << 16;

class CellSums {
  private readonly sums = new Map<number, { cell: SalesCell; lineCount: number; idSum: number }>();
  private readonly counts: (category: string | null) => boolean;
  /** Signatures by name, and by category then segment × class (each found once). */
  private readonly signatures = new Map<string, Signature>();
  private readonly byCategory = new Map<string | null, Signature[]>();
  private readonly bonuses: Bonus[];
  private readonly mixCategories: Set<string>;

  constructor(
    private readonly scope: Scope,
    private readonly segments: readonly Period[],
    private readonly classes: SkuClasses,
    program: CellProgram,
  ) {
    this.counts = categoryFilter(scope.includeCategories, scope.excludeCategories);
    this.bonuses = (program.bonuses ?? []).map((terms) => prepareBonus(program, terms));
    this.mixCategories = new Set(
      this.bonuses.flatMap((b) => b.requires.map((r) => categoryKey(r.category))),
    );
  }

  private signature(segment: number, skuClass: number, category: string | null): Signature {
    let known = this.byCategory.get(category);
    if (known === undefined) this.byCategory.set(category, (known = []));
    const at = segment * this.classes.reps.length + skuClass;
    let signature: Signature | undefined = known[at];
    if (signature === undefined) {
      const { from, to } = this.segments[segment];
      const sku = this.classes.reps[skuClass] ?? null;
      const rep = { from, to, category, sku };
      const categoryText = category === null ? null : categoryKey(category);
      const skuText = sku === null ? null : categoryKey(sku);
      const probe = { ...rep, memberId: 0, amountMinor: 0 };
      const pays = this.bonuses.map((b) => (qualifies(b, probe, categoryText, skuText) ? 1 : 0));
      const mix = categoryText !== null && this.mixCategories.has(categoryText) ? categoryText : "";
      const name = `${pays.join("")}|${mix}`;
      const found = this.signatures.get(name);
      signature = found ?? { id: this.signatures.size, rep };
      if (found === undefined) {
        if (this.signatures.size >= SIGNATURES) throw new Error("too many kinds of cell");
        this.signatures.set(name, signature);
      }
      known[at] = signature;
    }
    return signature;
  }

  /** Whether a bonus paying per unit would count a line of this date, category and SKU. */
  paysPerUnit(invoiceDate: IsoDate, category: string | null, sku: string | null): boolean {
    const key = `${invoiceDate}|${sku === null ? "" : `=${sku}`}|${category ?? ""}`;
    let pays = this.perUnitSeen.get(key);
    if (pays === undefined) {
      const probe = {
        memberId: 0,
        from: invoiceDate,
        to: invoiceDate,
        category,
        sku,
        amountMinor: 0,
      };
      const categoryText = category === null ? null : categoryKey(category);
      const skuText = sku === null ? null : categoryKey(sku);
      pays = this.bonuses.some(
        (b) => b.perUnitMinor !== null && qualifies(b, probe, categoryText, skuText),
      );
      this.perUnitSeen.set(key, pays);
    }
    return pays;
  }

  private readonly perUnitSeen = new Map<string, boolean>();

  /** Adds lines summed (or, negative, takes them away) to their cell. */
  add(
    memberId: number,
    segment: number,
    skuClass: number,
    category: string | null,
    amountMinor: number,
    quantity: number,
    lineCount: number,
    idSum: number,
  ): void {
    if (!this.counts(category)) return;
    const signature = this.signature(segment, skuClass, category);
    const key = memberId * SIGNATURES + signature.id;
    let sum = this.sums.get(key);
    if (sum === undefined) {
      const cell = { memberId, ...signature.rep, amountMinor: 0, quantity: 0 };
      sum = { cell, lineCount: 0, idSum: 0 };
      this.sums.set(key, sum);
    }
    sum.cell.amountMinor = addMinor(sum.cell.amountMinor, amountMinor);
    sum.cell.quantity = (sum.cell.quantity ?? 0) + quantity;
    sum.lineCount += lineCount;
    sum.idSum += idSum;
  }

  /** The cells that hold lines, and the same as candidates (for the run's fingerprint). */
  list(): { cells: SalesCell[]; candidates: ComponentCandidate[] } {
    const cells: SalesCell[] = [];
    const candidates: ComponentCandidate[] = [];
    for (const { cell, lineCount, idSum } of this.sums.values()) {
      // A cell may hold no line (they all moved to their SKU's cell, or its line count went to
      // the member's other cell): a zero cell beside one the engine already counts changes none
      // of its sums, and allocation gives a zero weight nothing.
      cells.push(cell);
      candidates.push({
        memberId: cell.memberId,
        category: cell.category,
        invoiceDate: cell.from,
        amountMinor: cell.amountMinor,
        currency: this.scope.currency,
        heldAsDuplicate: false,
        sku: cell.sku ?? null,
        quantity: cell.quantity ?? 0,
        lineCount,
        idSum,
      });
    }
    return { cells, candidates };
  }
}

/**
 * The scope's totals in its currency from line_totals, into `cells`. Pass 1, index-only in member
 * order like `candidateLines`: per member and category, each segment's sums, the first and last
 * dates and whether a total straddles a segment edge; a member all of whose totals are whole
 * (inside the window, the membership and one segment) is summed from it. Pass 2, for the few other
 * members: whole totals summed with the membership checked in SQL, and the lines of the totals
 * that are not whole read one by one into `lines`. Returns the members pass 1 summed (`checked`,
 * all their overlapping totals are whole) and the keys (report|member|category) of the totals
 * read line by line, whose fractional quantities came with them.
 */
function segmentTotals(
  db: Db,
  scope: Scope,
  segments: readonly Period[],
  people: ReadonlyMap<number, Membership>,
  cells: CellSums,
  lines: ComponentCandidate[],
): { readWhole: Set<string>; unchecked: Set<number> } {
  const edges = segments.slice(0, -1).map((p) => dateSql(p.to));
  const segment = segmentOf(segments, "first_date");
  // Whole sums, and each later segment's part (segment 0 is the rest): few aggregates per total.
  const quantity = scope.perUnit ? "quantity" : "0";
  const later = segments
    .slice(1)
    .flatMap((_, i) => [
      `sum(CASE WHEN ${segment} = ${i + 1} THEN amount_minor END)`,
      `sum(CASE WHEN ${segment} = ${i + 1} THEN ${quantity} END)`,
    ]);
  const straddles =
    edges.length === 0
      ? "0"
      : `max(${edges.map((e) => `(first_date <= ${e} AND last_date > ${e})`).join(" OR ")})`;
  const rows = db.$client
    .prepare(
      `SELECT member_id, category, min(first_date), max(last_date), ${straddles},
              sum(line_count), sum(id_sum), sum(amount_minor), sum(${quantity})
              ${later.map((c) => `, ${c}`).join("")}
         FROM line_totals
        WHERE supplier_id = ? AND currency = ? AND held = 0 AND last_date >= ? AND first_date <= ?
        GROUP BY member_id, category`,
    )
    .raw()
    .all(scope.supplierId, scope.currency, scope.start, scope.end) as PassOneRow[];
  const unchecked = new Set<number>();
  for (const [memberId, , first, last, straddling] of rows) {
    const m = people.get(memberId);
    const whole =
      m !== undefined &&
      straddling === 0 &&
      first >= scope.start &&
      last <= scope.end &&
      first >= m.joinedOn &&
      (m.leftOn === null || last < m.leftOn);
    if (!whole) unchecked.add(memberId);
  }
  const firstEnd = segments[0].to;
  for (const row of rows) {
    const memberId = row[0];
    if (unchecked.has(memberId)) continue;
    // The row's line count and id sum go to its first cell (they only feed the fingerprint).
    let lineCount = row[5];
    let idSum = row[6];
    let restAmount = row[7];
    let restUnits = row[8];
    for (let k = 1; k < segments.length; k++) {
      const partAmount = row[7 + 2 * k] as number | null;
      if (partAmount === null) continue;
      restAmount -= partAmount;
      restUnits -= (row[8 + 2 * k] as number | null) ?? 0;
    }
    // Segment 0 holds a total when the first one starts in it.
    if (segments.length === 1 || row[2] <= firstEnd) {
      cells.add(memberId, 0, 0, row[1], restAmount, restUnits, lineCount, idSum);
      lineCount = idSum = 0;
    }
    for (let k = 1; k < segments.length; k++) {
      const partAmount = row[7 + 2 * k] as number | null;
      if (partAmount === null) continue;
      cells.add(
        memberId,
        k,
        0,
        row[1],
        partAmount,
        (row[8 + 2 * k] as number | null) ?? 0,
        lineCount,
        idSum,
      );
      lineCount = idSum = 0;
    }
  }
  if (unchecked.size === 0) return { readWhole: new Set(), unchecked };
  const { segment: totalSegment, oneSegment } = segmentSql(segments);
  const sql = totalsSql(scope, oneSegment, "line_totals", [...unchecked]);
  // Whole totals summed per segment (the others make segment -1), in one index-only pass.
  const sums = db.$client
    .prepare(
      `SELECT t.member_id, t.category,
              CASE WHEN ${sql.whole} THEN ${totalSegment} ELSE -1 END AS segment,
              sum(t.amount_minor), sum(t.line_count), sum(t.id_sum),
              ${scope.perUnit ? "sum(t.quantity)" : "0"}
         ${sql.overlapping}
        GROUP BY t.member_id, t.category, segment`,
    )
    .raw()
    .all(...sql.params) as [number, string | null, number, number, number, number, number][];
  for (const [memberId, category, seg, amountMinor, lineCount, idSum, quantity] of sums)
    if (seg >= 0) cells.add(memberId, seg, 0, category, amountMinor, quantity, lineCount, idSum);
  // Which reports the others are: a row look-up for the few totals that are not whole only.
  const rest = restTotals(db, scope, sql);
  lines.push(...linesOf(db, scope, rest));
  const readWhole = new Set(
    rest.map(([report, member, category]) => totalKey(report, member, category)),
  );
  return { readWhole, unchecked };
}

/** [member, category, first, last, straddles, lines, id sum, amount, units, then per later
 * segment its amount and units (NULL: no total there)] */
type PassOneRow = [
  number,
  string | null,
  IsoDate,
  IsoDate,
  number,
  number,
  number,
  number,
  number,
  ...(number | null)[],
];

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

const totalKey = (report: number, member: number, category: string | null) =>
  `${report}|${member}|${category === null ? "" : `=${category}`}`;

/**
 * The SKUs bonuses select, by "class": SKU texts that the same bonuses select are alike to the
 * engine (it only asks whether a bonus lists a cell's SKU), so their lines share cells, each
 * class's cells carrying one of its texts. Class 0 is every other SKU, and no SKU.
 */
type SkuClasses = { reps: (string | null)[]; texts: string[][] };
const NO_CLASSES: SkuClasses = { reps: [null], texts: [] };

/** Every SKU text of the supplier's counted lines in these currencies (one index seek each). */
function skuClasses(
  db: Db,
  scope: Scope,
  currencies: readonly string[],
  bonuses: readonly { skus?: readonly string[] | null }[],
): SkuClasses {
  const lists = bonuses.map((b) => new Set((b.skus ?? []).map(categoryKey)));
  const texts = db.$client
    .prepare(
      `WITH RECURSIVE s(sku) AS (
         SELECT min(sku) FROM sku_totals
          WHERE supplier_id = @supplier AND currency = @currency AND held = 0
         UNION ALL
         SELECT (SELECT min(sku) FROM sku_totals
                  WHERE supplier_id = @supplier AND currency = @currency AND held = 0
                    AND sku > s.sku)
           FROM s WHERE s.sku IS NOT NULL)
       SELECT sku FROM s WHERE sku IS NOT NULL`,
    )
    .pluck();
  const classes: SkuClasses = { reps: [null], texts: [] };
  const byLists = new Map<string, number>();
  const seen = new Set<string>();
  for (const currency of currencies) {
    for (const sku of texts.all({ supplier: scope.supplierId, currency }) as string[]) {
      if (seen.has(sku)) continue;
      seen.add(sku);
      const key = categoryKey(sku);
      const listedBy = lists.map((list) => (list.has(key) ? "1" : "0")).join("");
      if (!listedBy.includes("1")) continue;
      let k = byLists.get(listedBy);
      if (k === undefined) {
        k = classes.reps.length;
        byLists.set(listedBy, k);
        classes.reps.push(sku);
        classes.texts.push([]);
      }
      classes.texts[k - 1].push(sku);
    }
  }
  return classes;
}

/**
 * When every bonus paying per unit selects SKUs and nothing else, the SKU texts they select (as
 * stored); otherwise null (any line's units may count).
 */
function perUnitSkus(bonuses: readonly BonusTerms[], classes: SkuClasses): string[] | null {
  const perUnit = bonuses.filter((b) => b.perUnitMinor !== null && b.perUnitMinor !== undefined);
  const skusOnly = perUnit.every(
    (b) => (b.skus?.length ?? 0) > 0 && (b.categories?.length ?? 0) === 0,
  );
  if (!skusOnly) return null;
  const listed = new Set(perUnit.flatMap((b) => (b.skus ?? []).map(categoryKey)));
  return classes.texts.flat().filter((text) => listed.has(categoryKey(text)));
}

/** A SKU column's class as SQL, and its parameters (one JSON list per class). */
function classSql(classes: SkuClasses, column: string) {
  if (classes.texts.length === 0) return { sql: "0", params: [] as string[] };
  const whens = classes.texts.map(
    (_, i) => `WHEN ${column} IN (SELECT value FROM json_each(?)) THEN ${i + 1}`,
  );
  return {
    sql: `CASE ${whens.join(" ")} ELSE 0 END`,
    params: classes.texts.map((list) => JSON.stringify(list)),
  };
}

/**
 * A program whose bonuses select SKUs needs the SKU of those lines, which line_totals does not
 * keep. Its whole totals are summed as for any program (SKU unknown); the lines of the selected
 * SKUs inside them are then moved to their class's cell, from sku_totals (decision 048): each
 * part of a whole total, summed per member, category, class and segment in SQL, is taken from
 * the class-0 cell and added to its class's. A part is whole exactly when its parent is (it
 * carries the parent's dates), and the lines of totals that are not whole are read with their SKU.
 */
function skuParts(
  db: Db,
  scope: Scope,
  segments: readonly Period[],
  classes: SkuClasses,
  unchecked: ReadonlySet<number>,
  cells: CellSums,
): void {
  if (classes.texts.length === 0) return;
  const { segment, oneSegment } = segmentSql(segments);
  // One class needs no test: every selected SKU is in it.
  const skuClass =
    classes.texts.length === 1 ? { sql: "1", params: [] } : classSql(classes, "t.sku");
  // Grouped by the category as written, as in `foreignSums`.
  const sums = `SELECT t.member_id, t.category, ${segment} AS segment,
      ${skuClass.sql} AS class, sum(t.amount_minor), sum(t.line_count), sum(t.id_sum),
      ${scope.perUnit ? "sum(t.quantity)" : "0"}`;
  const group = `GROUP BY t.member_id, t.category, segment, class`;
  const selected = JSON.stringify(classes.texts.flat());
  type Row = [number, string | null, number, number, number, number, number, number];
  // Members whose every overlapping total is whole (segmentTotals' pass 1): no membership to judge.
  const rows = db.$client
    .prepare(
      `${sums} FROM sku_totals t
        WHERE t.supplier_id = ? AND t.currency = ? AND t.held = 0
          AND t.sku IN (SELECT value FROM json_each(?))
          AND t.last_date >= ${dateSql(scope.start)} AND t.first_date <= ${dateSql(scope.end)}
        ${group}`,
    )
    .raw()
    .all(...skuClass.params, scope.supplierId, scope.currency, selected)
    .filter((row) => !unchecked.has((row as Row)[0])) as Row[];
  // The others (segmentTotals' pass 2): whole parts only, the membership judged in SQL.
  if (unchecked.size > 0) {
    const sql = totalsSql(scope, oneSegment, "sku_totals", [...unchecked]);
    rows.push(
      ...(db.$client
        .prepare(
          `${sums} ${sql.overlapping} AND t.sku IN (SELECT value FROM json_each(?))
              AND ${sql.whole}
            ${group}`,
        )
        .raw()
        .all(...skuClass.params, ...sql.params, selected) as Row[]),
    );
  }
  for (const [memberId, category, seg, k, amountMinor, lineCount, idSum, quantity] of rows) {
    cells.add(memberId, seg, 0, category, -amountMinor, -quantity, -lineCount, -idSum);
    cells.add(memberId, seg, k, category, amountMinor, quantity, lineCount, idSum);
  }
}

/** The currencies other than the program's that the supplier's totals hold (one seek each). */
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

/**
 * How one currency's lines convert into the program currency, month by month: `convertMinor`
 * rounds `amount × n / d` half away from zero, which SQL computes exactly while |amount| ≤ limit
 * (the product stays a 64-bit integer). A month without a rate is absent: its lines are read one
 * by one, and the engine reports the missing rate.
 */
type Conversion = {
  currency: string;
  months: Map<MonthKey, { n: bigint; d: bigint; limit: number }>;
};

const INT64_MAX = 2n ** 63n - 1n;

function convertible(fx: FxLookup, scope: Scope, currency: string): Conversion {
  const months: Conversion["months"] = new Map();
  let scale: { from: bigint; to: bigint };
  try {
    scale = {
      from: 10n ** BigInt(minorExponent(currency)),
      to: 10n ** BigInt(minorExponent(scope.currency)),
    };
  } catch {
    return { currency, months }; // an unknown currency: the engine refuses its lines
  }
  for (let m = monthOf(scope.start); m <= monthOf(scope.end); m = addMonths(m, 1)) {
    const rate = fx(currency, m);
    if (rate === undefined || rate.num <= 0n || rate.den <= 0n) continue;
    let n = rate.num * scale.to;
    let d = rate.den * scale.from;
    const g = gcd(n, d);
    n /= g;
    d /= g;
    if (n > INT64_MAX || 2n * d > INT64_MAX) continue;
    const limit = INT64_MAX / n;
    months.set(m, {
      n,
      d,
      limit: limit > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(limit),
    });
  }
  return { currency, months };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Whether a line of this currency is converted in SQL (else it is read on its own). */
function convertsInSql(conversion: Conversion, invoiceDate: string, amountMinor: number): boolean {
  const rate = conversion.months.get(invoiceDate.slice(0, 7));
  return rate !== undefined && Math.abs(amountMinor) <= rate.limit;
}

/**
 * How SQL converts a line of this currency, the rates written in as literals per month (a CASE on
 * the invoice month costs a third of a join to a table of rates): `exact`, whether the line's
 * month has a rate and its amount is small enough; `converted`, its amount in the program
 * currency rounded as `convertMinor` does, NULL where not exact.
 */
function conversionSql(conversion: Conversion): { exact: string; converted: string } {
  if (conversion.months.size === 0) return { exact: "0", converted: "NULL" };
  const month = "substr(l.invoice_date, 1, 7)";
  const cases = [...conversion.months].map(([m, rate]) => {
    if (!isMonthKey(m)) throw new Error(`not a month: ${m}`);
    const product = `(abs(l.amount_minor) * ${rate.n})`;
    const rounded = `(${product} / ${rate.d} + (2 * (${product} % ${rate.d}) >= ${rate.d}))`;
    return {
      limit: `WHEN '${m}' THEN ${rate.limit}`,
      converted: `WHEN '${m}' THEN CASE WHEN abs(l.amount_minor) <= ${rate.limit}
        THEN (CASE WHEN l.amount_minor < 0 THEN -1 ELSE 1 END) * ${rounded} END`,
    };
  });
  return {
    exact: `(abs(l.amount_minor) <= CASE ${month} ${cases.map((c) => c.limit).join(" ")} ELSE -1 END)`,
    converted: `(CASE ${month} ${cases.map((c) => c.converted).join(" ")} END)`,
  };
}

/**
 * Matched lines of active reports in another currency. FX is per line (SPEC 3.1), so SQL converts
 * each line (`convertible`) and sums them per member, category, segment and SKU class into
 * `cells`; a line SQL cannot convert exactly (no rate, or too large an amount) goes to `lines`,
 * as it is, for the engine. Returns how the currency converts (for its fractional quantities).
 */
function foreignSums(
  db: Db,
  scope: Scope,
  segments: readonly Period[],
  classes: SkuClasses,
  conversion: Conversion,
  cells: CellSums,
  lines: ComponentCandidate[],
): Conversion {
  const skuClass = classSql(classes, "l.sku");
  const { exact, converted } = conversionSql(conversion);
  const wholeQuantity = `coalesce(sum(CASE WHEN l.quantity = CAST(l.quantity AS INTEGER)
    THEN l.quantity END), 0)`;
  // Grouped by the category as written (cells merge alike categories): cheaper than naming
  // each text's group in SQL, which cost three CASE look-ups per line.
  const rows = db.$client
    .prepare(
      `SELECT l.member_id, l.category, ${segmentOf(segments, "l.invoice_date")} AS segment,
              ${skuClass.sql} AS class, CASE WHEN ${exact} THEN 0 ELSE l.id END AS single,
              min(l.invoice_date), sum(l.amount_minor), sum(${converted}),
              count(*), sum(l.id), ${scope.perUnit ? `${wholeQuantity}, max(l.quantity)` : "0, NULL"},
              ${scope.bySku ? "max(l.sku)" : "NULL"}
         FROM report_lines l JOIN members m ON m.id = l.member_id
        WHERE l.report_id IN (SELECT id FROM reports WHERE supplier_id = ? AND status = 'active')
          AND l.currency = ? AND l.invoice_date BETWEEN ? AND ?
          AND l.duplicate_status IS NOT 'held'
          AND l.invoice_date >= m.joined_on AND (m.left_on IS NULL OR l.invoice_date < m.left_on)
        GROUP BY l.member_id, l.category, segment, class, single`,
    )
    .raw()
    .all(
      ...skuClass.params,
      scope.supplierId,
      conversion.currency,
      scope.start,
      scope.end,
    ) as ForeignRow[];
  for (const [
    memberId,
    category,
    seg,
    k,
    single,
    first,
    amount,
    inProgram,
    count,
    ids,
    units,
    quantity,
    sku,
  ] of rows) {
    if (single === 0) {
      cells.add(memberId, seg, k, category, inProgram!, units, count, ids);
      continue;
    }
    lines.push({
      memberId,
      category,
      invoiceDate: first,
      amountMinor: amount,
      currency: conversion.currency,
      heldAsDuplicate: false,
      sku,
      quantity,
      lineCount: 1,
      idSum: ids,
    });
  }
  return conversion;
}

/** [member, category, segment, class, single, first date, amount, converted, lines, id sum,
 * whole units, quantity, SKU] */
type ForeignRow = [
  number,
  string | null,
  number,
  number,
  number,
  IsoDate,
  number,
  number | null,
  number,
  number,
  number,
  number | null,
  string | null,
];

/**
 * Where a bonus pays per unit, earnings are rounded per line (SPEC 3.7), so a fractional quantity
 * cannot be summed: the sums above hold whole quantities only, and each fractional line of a
 * summed total is given here as a line of its own with its quantity and no amount (its amount is
 * in the sum). Read through the partial index of fractional lines: never a total's other lines.
 */
function fractionalLines(
  db: Db,
  scope: Scope,
  cells: CellSums,
  readWhole: ReadonlySet<string>,
  conversions: readonly Conversion[],
  onlySkus: readonly string[] | null,
): ComponentCandidate[] {
  // Per-unit bonuses that select SKUs only count no other line's units.
  const skuTest = onlySkus ? "AND l.sku IN (SELECT value FROM json_each(?))" : "";
  const rows = db.$client
    .prepare(
      `SELECT l.report_id, l.member_id, l.category, l.currency, l.invoice_date, l.amount_minor,
              l.sku, l.quantity
         FROM report_lines l INDEXED BY report_lines_fractional
        WHERE l.supplier_id = ? AND l.quantity <> CAST(l.quantity AS INTEGER)
          AND l.invoice_date BETWEEN ? AND ? AND l.member_id IS NOT NULL
          AND l.duplicate_status IS NOT 'held'
          AND l.report_id IN (SELECT id FROM reports WHERE supplier_id = ? AND status = 'active')
          ${skuTest}`,
    )
    .raw()
    .all(
      scope.supplierId,
      scope.start,
      scope.end,
      scope.supplierId,
      ...(onlySkus ? [JSON.stringify(onlySkus)] : []),
    ) as [number, number, string | null, string, IsoDate, number, string | null, number][];
  const byCurrency = new Map(conversions.map((c) => [c.currency, c]));
  const lines: ComponentCandidate[] = [];
  for (const [report, memberId, category, currency, invoiceDate, amount, sku, quantity] of rows) {
    if (currency === scope.currency) {
      // A total that is not whole was read line by line, this line with it.
      if (readWhole.has(totalKey(report, memberId, category))) continue;
    } else {
      const conversion = byCurrency.get(currency);
      if (!conversion || !convertsInSql(conversion, invoiceDate, amount)) continue;
    }
    // Its amount is in a sum; its units matter only where a per-unit bonus would count them.
    if (!cells.paysPerUnit(invoiceDate, category, scope.bySku ? sku : null)) continue;
    lines.push({
      memberId,
      category,
      invoiceDate,
      amountMinor: 0,
      currency: scope.currency,
      heldAsDuplicate: false,
      sku: scope.bySku ? sku : null,
      quantity,
      lineCount: 0,
      idSum: 0,
    });
  }
  return lines;
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

/** Matched lines of active reports in other currencies, one by one (the prior year's baseline). */
function foreignLines(db: Db, scope: Scope): ComponentCandidate[] {
  const query = db.$client
    .prepare(
      `SELECT ${lineColumns(scope)} FROM report_lines l
        WHERE l.report_id IN (SELECT id FROM reports WHERE supplier_id = ? AND status = 'active')
          AND l.currency = ? AND l.invoice_date BETWEEN ? AND ? AND l.member_id IS NOT NULL`,
    )
    .raw();
  return foreignCurrencies(db, scope).flatMap((currency) =>
    (query.all(scope.supplierId, currency, scope.start, scope.end) as LineRow[]).map(asCandidate),
  );
}
