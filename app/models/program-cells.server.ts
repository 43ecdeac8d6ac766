// The cells a run of a program with components reads (SPEC 3.7, 9; decision 089): each active
// report's eligible lines summed per member, period and signature into program_cells, rebuilt
// with the report's line totals and when FX rates change, so a run reads a few rows per member
// and report, never the lines. What they were built from (terms, rates, memberships) is kept as a
// stamp: cells built from anything else are rebuilt before a run reads them.
import { createHash } from "node:crypto";
import type { Db } from "@db/client.server";
import type { BonusTerms } from "~/refunds/components";
import { categoryFilter, categoryKey } from "~/refunds/eligibility";
import { prepareBonus, qualifies, type Bonus } from "~/refunds/bonuses";
import { addMinor, monthOf, type IsoDate } from "~/refunds/money";
import { salesPeriods, type Period, type SalesCell } from "~/refunds/sales";
import { conversionSql, convertible, dateSql } from "./fx-sql.server";
import {
  componentProgram,
  getProgram,
  programHasComponents,
  type Program,
} from "./programs.server";
import { fxLookup } from "./run-inputs.server";

/** What cells and lines a run hands the engine for the months through a date. */
export type CellSource = (through: IsoDate) => {
  cells: SummedCell[];
  /** Line ids to give the engine one by one (see program_cell_lines). */
  singles: number[];
};

/** A cell as summed for a run, with what it stands for (for the fingerprint). */
export type SummedCell = SalesCell & { lineCount: number; idSum: number };

/** [member, signature, report, period from, period to, category, SKU, amount, units, lines, id sum] */
type CellRow = [
  number,
  string,
  number,
  IsoDate,
  IsoDate,
  string | null,
  string | null,
  number,
  number,
  number,
  number,
];
/** [line id, report, invoice date] */
type SingleRow = [number, number, IsoDate];

/** The program's stored cells, rebuilt first if they were built from other terms, rates or members. */
export function storedCells(db: Db, program: Program): CellSource {
  ensureProgramCells(db, program);
  const sums = db.$client
    .prepare(
      // With one min() only, SQLite takes the bare columns from the row holding it: the cell is
      // judged as that row's period, category and SKU, which the signature makes alike to all.
      `SELECT member_id, min(period_from), period_to, category, sku,
              sum(amount_minor), sum(quantity), sum(line_count), sum(id_sum)
         FROM program_cells WHERE program_id = ? AND period_from <= ?
        GROUP BY member_id, signature`,
    )
    .raw();
  const singles = db.$client
    .prepare(`SELECT line_id FROM program_cell_lines WHERE program_id = ? AND invoice_date <= ?`)
    .pluck();
  return (through) => ({
    cells: (sums.all(program.id, through) as SumRow[]).map(asCell),
    singles: singles.all(program.id, through) as number[],
  });
}

/** [member, from, to, category, SKU, amount, units, lines, id sum] */
type SumRow = [
  number,
  IsoDate,
  IsoDate,
  string | null,
  string | null,
  number,
  number,
  number,
  number,
];

function asCell(row: SumRow): SummedCell {
  const [memberId, from, to, category, sku, amountMinor, quantity, lineCount, idSum] = row;
  return { memberId, from, to, category, sku, amountMinor, quantity, lineCount, idSum };
}

/**
 * Cells built for terms that are not saved (the offer simulator's edited program): every active
 * report's, once, in memory, summed per run month as `storedCells` sums them in SQL.
 */
export function builtCells(db: Db, program: Program): CellSource {
  const rows: CellRow[] = [];
  const lines: SingleRow[] = [];
  const builder = new CellBuilder(db, program);
  for (const reportId of activeReports(db, program.supplierId)) {
    const built = builder.build(reportId);
    rows.push(...built.cells);
    lines.push(...built.singles);
  }
  return (through) => {
    const sums = new Map<string, SummedCell>();
    for (const row of rows) {
      const [memberId, signature, , from, to, category, sku, amount, units, count, ids] = row;
      if (from > through) continue;
      const key = `${memberId}|${signature}`;
      const sum = sums.get(key);
      if (sum === undefined) {
        sums.set(key, asCell([memberId, from, to, category, sku, amount, units, count, ids]));
        continue;
      }
      // Judged as one row's period, category and SKU, the earliest's (as in SQL above).
      if (from < sum.from) Object.assign(sum, { from, to, category, sku });
      sum.amountMinor = addMinor(sum.amountMinor, amount);
      sum.quantity = (sum.quantity ?? 0) + units;
      sum.lineCount += count;
      sum.idSum += ids;
    }
    return {
      cells: [...sums.values()],
      singles: lines.filter(([, , date]) => date <= through).map(([id]) => id),
    };
  };
}

/** Rebuilds every cell of the program unless they were built from what it is now. */
export function ensureProgramCells(db: Db, program: Program): void {
  const stamp = cellsStamp(db, program);
  const built = db.$client
    .prepare(`SELECT stamp FROM program_cell_builds WHERE program_id = ?`)
    .pluck()
    .get(program.id);
  if (built === stamp) return;
  db.$client
    .transaction(() => {
      forget(db, program.id);
      if (programHasComponents(program)) {
        const builder = new CellBuilder(db, program);
        for (const reportId of activeReports(db, program.supplierId)) store(db, builder, reportId);
      }
      db.$client
        .prepare(
          `INSERT INTO program_cell_builds (program_id, stamp) VALUES (?, ?)
           ON CONFLICT (program_id) DO UPDATE SET stamp = excluded.stamp`,
        )
        .run(program.id, stamp);
    })
    .immediate();
}

/**
 * Rebuilds these reports' cells in every program of their supplier that has cells (call in the
 * transaction that changed their lines, after their line totals). A report no longer active
 * keeps none.
 */
export function refreshProgramCells(db: Db, reportIds: Iterable<number>): void {
  const programsOf = db.$client
    .prepare(
      `SELECT p.id FROM programs p JOIN program_cell_builds b ON b.program_id = p.id
        WHERE p.supplier_id = (SELECT supplier_id FROM reports WHERE id = ?)`,
    )
    .pluck();
  const status = db.$client.prepare(`SELECT status FROM reports WHERE id = ?`).pluck();
  const builders = new Map<number, CellBuilder | null>();
  for (const reportId of new Set(reportIds)) {
    for (const programId of programsOf.all(reportId) as number[]) {
      forget(db, programId, reportId);
      if (status.get(reportId) !== "active") continue;
      let builder = builders.get(programId);
      if (builder === undefined) {
        const program = getProgram(programId, db);
        builder = program && programHasComponents(program) ? new CellBuilder(db, program) : null;
        builders.set(programId, builder);
      }
      if (builder) store(db, builder, reportId);
    }
  }
}

/** Rebuilds the cells of every program in this currency (its FX rates changed). */
export function refreshCellsInCurrency(db: Db, currency: string): void {
  const ids = db.$client
    .prepare(
      `SELECT p.id FROM programs p JOIN program_cell_builds b ON b.program_id = p.id
        WHERE p.currency = ?`,
    )
    .pluck()
    .all(currency) as number[];
  for (const id of ids) {
    const program = getProgram(id, db);
    if (program) ensureProgramCells(db, program);
  }
}

/** What cells are built from: the terms they read, the FX rates into its currency, memberships. */
function cellsStamp(db: Db, program: Program): string {
  const terms = componentProgram(program);
  const fx = db.$client
    .prepare(
      `SELECT group_concat(month || from_currency || rate, ',') FROM
         (SELECT month, from_currency, rate FROM fx_rates WHERE to_currency = ?
           ORDER BY month, from_currency)`,
    )
    .pluck()
    .get(program.currency);
  const people = db.$client
    .prepare(
      `SELECT group_concat(id || joined_on || coalesce(left_on, ''), ',') FROM
         (SELECT id, joined_on, left_on FROM members ORDER BY id)`,
    )
    .pluck()
    .get();
  return createHash("sha256")
    .update(
      JSON.stringify([
        programHasComponents(program),
        program.supplierId,
        program.currency,
        program.start,
        program.end,
        program.includeCategories,
        program.excludeCategories,
        terms.bonuses ?? [],
        fx,
        people,
      ]),
    )
    .digest("hex");
}

function activeReports(db: Db, supplierId: number): number[] {
  return db.$client
    .prepare(`SELECT id FROM reports WHERE supplier_id = ? AND status = 'active' ORDER BY id`)
    .pluck()
    .all(supplierId) as number[];
}

/** Drops the program's cells (of one report, or all). */
function forget(db: Db, programId: number, reportId?: number): void {
  for (const table of ["program_cells", "program_cell_lines"]) {
    if (reportId === undefined)
      db.$client.prepare(`DELETE FROM ${table} WHERE program_id = ?`).run(programId);
    else
      db.$client
        .prepare(`DELETE FROM ${table} WHERE report_id = ? AND program_id = ?`)
        .run(reportId, programId);
  }
}

function store(db: Db, builder: CellBuilder, reportId: number): void {
  const { cells, singles } = builder.build(reportId);
  const programId = builder.program.id;
  db.$client
    .prepare(
      `INSERT INTO program_cells (program_id, member_id, signature, report_id, period_from,
         period_to, category, sku, amount_minor, quantity, line_count, id_sum)
       SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5,
              value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10
         FROM json_each(?)`,
    )
    .run(programId, JSON.stringify(cells));
  db.$client
    .prepare(
      `INSERT INTO program_cell_lines (program_id, line_id, report_id, invoice_date)
       SELECT ?, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)`,
    )
    .run(programId, JSON.stringify(singles));
}

/**
 * Sums one report's lines into the program's cells. In SQL, per member, category, period and SKU
 * class (SKU texts the same bonuses list), converted line by line: lines of one group count alike
 * to the engine. In JS, each group's signature — the bonuses its cells qualify for (judged by the
 * engine's own `qualifies`) and, where a mix condition names its category, that category (decision
 * 070) — so alike groups add up to one cell. A line whose amount SQL cannot convert exactly, or
 * whose fractional quantity a per-unit bonus counts (earnings round per line), is kept as a line.
 */
class CellBuilder {
  private readonly periods: Period[];
  private readonly bonuses: Bonus[];
  private readonly counts: (category: string | null) => boolean;
  private readonly mixCategories: Set<string>;
  private readonly perUnit: boolean;
  private readonly fx;
  private readonly names = new Map<string, string>();

  constructor(
    private readonly db: Db,
    readonly program: Program,
  ) {
    const bonuses: readonly BonusTerms[] = componentProgram(program).bonuses ?? [];
    this.periods = salesPeriods({ ...program, bonuses }, monthOf(program.end));
    this.bonuses = bonuses.map((terms) => prepareBonus(program, terms));
    this.counts = categoryFilter(program.includeCategories, program.excludeCategories);
    this.mixCategories = new Set(
      this.bonuses.flatMap((b) => b.requires.map((r) => categoryKey(r.category))),
    );
    this.perUnit = this.bonuses.some((b) => b.perUnitMinor !== null);
    this.fx = fxLookup(db, program.currency);
  }

  build(reportId: number): { cells: CellRow[]; singles: SingleRow[] } {
    const classes = this.skuClasses(reportId);
    const cells = new Map<string, CellRow>();
    const singles: SingleRow[] = [];
    for (const currency of this.currencies(reportId)) {
      for (const row of this.groups(reportId, currency, classes)) {
        const [memberId, category, period, k, single, first, converted, count, ids, units, sku] =
          row;
        if (!this.counts(category)) continue;
        // A single line SQL converted is one with a fractional quantity: alone only where a
        // per-unit bonus counts it, else summed without its units.
        if (single !== 0 && (converted === null || this.paysPerUnit(first, category, sku))) {
          singles.push([single, reportId, first]);
          continue;
        }
        const rep = classes.reps[k];
        const signature = this.signature(period, classes.keys[k], rep, category);
        const { from, to } = this.periods[period];
        const key = `${memberId}|${signature}|${from}`;
        const cell = cells.get(key);
        const wholeUnits = single === 0 ? units : 0;
        if (cell === undefined) {
          cells.set(key, [
            memberId,
            signature,
            reportId,
            from,
            to,
            category,
            rep,
            converted!,
            wholeUnits,
            count,
            ids,
          ]);
        } else {
          cell[7] = addMinor(cell[7], converted!);
          cell[8] += wholeUnits;
          cell[9] += count;
          cell[10] += ids;
        }
      }
    }
    return { cells: [...cells.values()], singles };
  }

  /** The currencies of the report's matched lines (its line totals, one index range). */
  private currencies(reportId: number): string[] {
    return this.db.$client
      .prepare(`SELECT DISTINCT currency FROM line_totals WHERE report_id = ?`)
      .pluck()
      .all(reportId) as string[];
  }

  /** The report's eligible lines of one currency, grouped (see the class comment). */
  private groups(reportId: number, currency: string, classes: SkuClasses): GroupRow[] {
    const program = this.program;
    const { exact, converted } =
      currency === program.currency
        ? { exact: "1", converted: "l.amount_minor" }
        : conversionSql(convertible(this.fx, program, currency));
    const fractional = this.perUnit ? "l.quantity <> CAST(l.quantity AS INTEGER)" : "0";
    const edges = this.periods.slice(0, -1).map((p) => `(l.invoice_date > ${dateSql(p.to)})`);
    const skuClass = classSql(classes);
    return this.db.$client
      .prepare(
        `SELECT l.member_id, l.category, ${edges.join(" + ") || "0"} AS period,
                ${skuClass.sql} AS class,
                CASE WHEN NOT ${exact} OR ${fractional} THEN l.id ELSE 0 END AS single,
                min(l.invoice_date), sum(${converted}), count(*), sum(l.id),
                ${this.perUnit ? "coalesce(sum(CASE WHEN l.quantity = CAST(l.quantity AS INTEGER) THEN l.quantity END), 0)" : "0"},
                max(l.sku)
           FROM report_lines l JOIN members m ON m.id = l.member_id
          WHERE l.report_id = ? AND l.currency = ?
            AND l.invoice_date BETWEEN ${dateSql(program.start)} AND ${dateSql(program.end)}
            AND l.duplicate_status IS NOT 'held'
            AND l.invoice_date >= m.joined_on AND (m.left_on IS NULL OR l.invoice_date < m.left_on)
          GROUP BY l.member_id, l.category, period, class, single`,
      )
      .raw()
      .all(...skuClass.params, reportId, currency) as GroupRow[];
  }

  /** The bonuses a cell of this period, SKU class and category qualifies for, and its mix category. */
  private signature(period: number, skuKey: string, sku: string | null, category: string | null) {
    const at = `${period}|${skuKey}|${category === null ? "" : `=${category}`}`;
    let name = this.names.get(at);
    if (name === undefined) {
      const { from, to } = this.periods[period];
      const pays = this.qualified(from, to, category, sku).map((q) => (q ? 1 : 0));
      const key = category === null ? null : categoryKey(category);
      const mix = key !== null && this.mixCategories.has(key) ? key : "";
      name = `${pays.join("")}|${mix}`;
      this.names.set(at, name);
    }
    return name;
  }

  /** Whether a bonus paying per unit would count a line of this date, category and SKU. */
  private paysPerUnit(date: IsoDate, category: string | null, sku: string | null): boolean {
    const qualified = this.qualified(date, date, category, sku);
    return this.bonuses.some((b, i) => b.perUnitMinor !== null && qualified[i]);
  }

  /** For each bonus, whether it counts lines of these dates, category and SKU (the engine's rule). */
  private qualified(from: IsoDate, to: IsoDate, category: string | null, sku: string | null) {
    const probe = { memberId: 0, from, to, category, sku, amountMinor: 0 };
    const categoryText = category === null ? null : categoryKey(category);
    const skuText = sku === null ? null : categoryKey(sku);
    return this.bonuses.map((b) => qualifies(b, probe, categoryText, skuText));
  }

  /**
   * The report's SKU texts by "class": texts the same bonuses list are alike to the engine (it
   * only asks whether a bonus lists a cell's SKU), each class's cells carrying one of its texts.
   * Class 0 is every other SKU, and no SKU.
   */
  private skuClasses(reportId: number): SkuClasses {
    const lists = this.bonuses.map((b) => b.skus);
    const classes: SkuClasses = { reps: [null], keys: [""], texts: [] };
    if (lists.every((list) => list.size === 0)) return classes;
    const texts = this.db.$client
      .prepare(`SELECT DISTINCT sku FROM report_lines WHERE report_id = ? AND sku IS NOT NULL`)
      .pluck()
      .all(reportId) as string[];
    const byLists = new Map<string, number>();
    for (const sku of texts) {
      const key = categoryKey(sku);
      const listedBy = lists.map((list) => (list.has(key) ? "1" : "0")).join("");
      if (!listedBy.includes("1")) continue;
      let k = byLists.get(listedBy);
      if (k === undefined) {
        k = classes.reps.length;
        byLists.set(listedBy, k);
        classes.reps.push(sku);
        classes.keys.push(listedBy);
        classes.texts.push([]);
      }
      classes.texts[k - 1].push(sku);
    }
    return classes;
  }
}

/** [member, category, period, class, single line id or 0, first date, converted amount (NULL: not
 * exact), lines, id sum, whole units, a SKU] */
type GroupRow = [
  number,
  string | null,
  number,
  number,
  number,
  IsoDate,
  number | null,
  number,
  number,
  number,
  string | null,
];

/** Per class: a text, which bonuses list it ("0110…", the same in every report), its texts. */
type SkuClasses = { reps: (string | null)[]; keys: string[]; texts: string[][] };

/** A SKU column's class as SQL, and its parameters (one JSON list per class). */
function classSql(classes: SkuClasses) {
  if (classes.texts.length === 0) return { sql: "0", params: [] as string[] };
  const whens = classes.texts.map(
    (_, i) => `WHEN l.sku IN (SELECT value FROM json_each(?)) THEN ${i + 1}`,
  );
  return {
    sql: `CASE ${whens.join(" ")} ELSE 0 END`,
    params: classes.texts.map((list) => JSON.stringify(list)),
  };
}
