// componentInputs reads a program's cells (program_cells: each report's lines summed per member,
// period and signature, converted in SQL) and only some lines one by one (amounts SQL cannot
// convert exactly, fractional quantities a per-unit bonus counts); whatever the data, the
// program's components and the changes between runs, the run it leads to must equal the engine's
// over every raw line of the active reports (SPEC 3.7).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@db/client.server";
import { NOTHING_POSTED, computeProgramRun } from "~/refunds/run";
import { priorYearVolume, salesCells } from "~/refunds/sales";
import { componentInputs } from "./component-inputs.server";
import { rawActiveLines, seedSupplierLines } from "@tests/setup/run-db";
import { refreshLineTotals } from "./line-totals.server";
import { ensureProgramCells, refreshCellsInCurrency } from "./program-cells.server";
import { componentProgram } from "./programs.server";
import { fxLookup, loadProgramTerms, memberships, runFingerprint } from "./run-inputs.server";

type Value<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** The first half of 2025 and of 2026: a prior year and the program's months. */
const DAYS = [0, 1].flatMap((year) =>
  Array.from({ length: 181 }, (_, d) =>
    new Date(Date.UTC(2025 + year, 0, 1 + d)).toISOString().slice(0, 10),
  ),
);
const PROGRAM_FIRST = DAYS.indexOf("2026-01-01");
const CATEGORIES = ["Hardware", " hardware ", "Freight", "Services", null] as const;
const SKUS = ["SKU-A", "sku-a ", "SKU-B", null] as const;

const day = fc.integer({ min: 0, max: DAYS.length - 1 }).map((d) => DAYS[d]);
const memberArb = fc.record({
  joinedOn: fc.oneof(fc.constant("2020-01-01"), fc.constant("2020-01-01"), day),
  leftOn: fc.option(day, { nil: null, freq: 2 }),
});
const lineArb = fc.record({
  member: fc.integer({ min: 0, max: 3 }),
  matched: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
  date: day,
  category: fc.constantFrom(...CATEGORIES),
  sku: fc.constantFrom(...SKUS),
  quantity: fc.oneof(
    fc.integer({ min: -3, max: 40 }),
    fc.constant(null),
    fc.constantFrom(1.5, 0.25, -2.5),
  ),
  brl: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  amountMinor: fc.oneof(
    { arbitrary: fc.integer({ min: -50_000, max: 900_000 }), weight: 20 },
    // Past what SQL converts exactly at 0.18333333 (|amount| × n must stay a 64-bit integer).
    { arbitrary: fc.integer({ min: 500_000_000_000, max: 2_000_000_000_000 }), weight: 1 },
  ),
  duplicate: fc.constantFrom(null, null, null, "held", "accepted"),
  superseded: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});
const programArb = fc.record({
  startOffset: fc.integer({ min: 0, max: 40 }),
  length: fc.integer({ min: 60, max: 130 }),
  growth: fc.boolean(),
  method: fc.constantFrom("all-units", "incremental"),
  include: fc.constantFrom([], [], ["hardware", "freight"]),
  exclude: fc.constantFrom([], ["services"]),
  volumeCap: fc.option(fc.integer({ min: 0, max: 3_000_000 }), { nil: null }),
  refundCap: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null }),
  baseline: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null }),
  windowed: fc.boolean(),
  skuBonus: fc.boolean(),
  perUnitBonus: fc.boolean(),
  /** What the per-unit bonus selects: Freight (and SKU-B with skuBonus), SKUs only, or both SKUs. */
  units: fc.constantFrom("category", "skus", "overlapping"),
  mix: fc.boolean(),
  runOffset: fc.integer({ min: 0, max: 130 }),
});

function seed(
  db: Db,
  people: Value<typeof memberArb>[],
  lines: Value<typeof lineArb>[],
  p: Value<typeof programArb>,
) {
  const sql = db.$client;
  // Odd months at 0.5: every odd amount is a half cent, rounded away from zero (SPEC 3.1).
  const { supplier } = seedSupplierLines(db, people, lines, DAYS, (month) =>
    Number(month.slice(5)) % 2 === 1 ? "0.5" : "0.18333333",
  );
  const first = PROGRAM_FIRST + p.startOffset;
  const start = DAYS[first];
  const end = DAYS[Math.min(first + p.length, DAYS.length - 1)];
  const program = sql
    .prepare(
      `INSERT INTO programs (supplier_id, name, currency, start, end, method, fee_bps,
         include_categories, exclude_categories, basis, growth_pays, volume_cap_minor,
         refund_cap_minor)
       VALUES (?, 'P', 'USD', ?, ?, ?, 1000, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(
      supplier.id,
      start,
      end,
      p.growth ? "all-units" : p.method,
      JSON.stringify(p.include),
      JSON.stringify(p.exclude),
      p.growth ? "growth" : "volume",
      p.growth ? (p.method === "incremental" ? "increment" : "whole") : null,
      p.volumeCap,
      p.refundCap,
    ) as { id: number };
  if (p.growth) {
    [
      [0, 0],
      [200, 125],
      [400, 175],
    ].forEach(([thresholdBps, rateBps], position) =>
      sql
        .prepare("INSERT INTO growth_tiers VALUES (?, ?, ?, ?)")
        .run(program.id, position, thresholdBps, rateBps),
    );
    if (p.baseline !== null)
      sql
        .prepare("INSERT INTO program_baselines VALUES (?, ?, ?)")
        .run(program.id, `2025-${start.slice(5, 7)}`, p.baseline);
  } else {
    [
      [0, 100],
      [500_000, 200],
      [2_000_000, 300],
    ].forEach(([thresholdMinor, rateBps], position) =>
      sql
        .prepare("INSERT INTO tiers VALUES (?, ?, ?, ?)")
        .run(program.id, position, thresholdMinor, rateBps),
    );
  }
  const bonus = sql.prepare(
    `INSERT INTO program_bonuses (program_id, position, name, categories, skus, start, "end",
       rate_bps, per_unit_minor, requires) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let position = 0;
  // A window cut mid-month, so cells must not straddle its edges.
  bonus.run(
    program.id,
    position++,
    "Hardware",
    JSON.stringify(["HARDWARE"]),
    "[]",
    p.windowed ? DAYS[first + 12] : null,
    p.windowed ? DAYS[first + 47] : null,
    150,
    null,
    JSON.stringify(p.mix ? [{ category: "freight", minVolumeMinor: 300_000 }] : []),
  );
  if (p.skuBonus)
    bonus.run(program.id, position++, "SKU A", "[]", '["sku-a"]', null, null, 75, null, "[]");
  if (p.perUnitBonus)
    bonus.run(
      program.id,
      position++,
      "Units",
      p.units === "category" ? '["freight"]' : "[]",
      p.units === "overlapping"
        ? '["SKU-B", "SKU-A"]'
        : p.units === "skus" || p.skuBonus
          ? '["SKU-B"]'
          : "[]",
      null,
      null,
      null,
      37,
      "[]",
    );
  const month = DAYS[Math.min(first + p.runOffset, DAYS.indexOf(end))].slice(0, 7);
  return { id: program.id, month };
}

describe("componentInputs", () => {
  it("leads to the same run, component by component, as every raw line of the active reports", () => {
    let counted = 0;
    fc.assert(
      fc.property(
        fc.array(memberArb, { minLength: 1, maxLength: 4 }),
        fc.array(lineArb, { minLength: 40, maxLength: 250 }),
        programArb,
        (people, lines, p) => {
          const db = openDatabase(":memory:");
          try {
            const { id, month } = seed(db, people, lines, p);
            const program = loadProgramTerms(db, id);
            const terms = componentProgram(program);
            const who = memberships(db);
            const fx = fxLookup(db, "USD");
            const inputs = componentInputs(db, program, terms, month, who);
            const fromTotals = computeProgramRun({
              program: terms,
              month,
              sales: inputs.sales,
              priorYear: inputs.priorYear,
              alreadyPosted: NOTHING_POSTED,
            });
            const raw = rawActiveLines(db, true);
            const fromLines = computeProgramRun({
              program: terms,
              month,
              sales: salesCells(raw, { ...program, bonuses: terms.bonuses }, who, fx, month),
              priorYear:
                terms.basis === "growth" ? priorYearVolume(raw, program, who, fx, month) : [],
              alreadyPosted: NOTHING_POSTED,
            });
            expect(fromTotals).toEqual(fromLines);
            if (
              fromLines.grossMinor !== 0 &&
              fromLines.components.some((c) => c.kind === "bonus" && c.grossMinor !== 0)
            )
              counted += 1;
          } finally {
            db.$client.close();
          }
        },
      ),
      { numRuns: 80 },
    );
    // Most generated cases must pay something, or the comparison above proves little.
    expect(counted).toBeGreaterThan(20);
  });
});

/** A change between two runs: what the portal does to lines, rates, members and terms. */
const changeArb = fc.oneof(
  fc.record({ kind: fc.constant("line" as const), line: lineArb }),
  fc.record({
    kind: fc.constant("rematch" as const),
    line: fc.nat(),
    member: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant("release" as const) }),
  fc.record({ kind: fc.constant("supersede" as const), month: fc.integer({ min: 1, max: 6 }) }),
  fc.record({
    kind: fc.constant("rate" as const),
    month: fc.integer({ min: 1, max: 6 }),
    rate: fc.constantFrom("0.2", "0.5", "0.19999999"),
  }),
  fc.record({ kind: fc.constant("member" as const), member: fc.nat(), leftOn: fc.option(day) }),
  fc.record({ kind: fc.constant("terms" as const), exclude: fc.constantFrom([], ["hardware"]) }),
);

/** Applies a change as the portal's models do: lines and rates refresh the cells at once. */
function applyChange(db: Db, change: Value<typeof changeArb>) {
  const sql = db.$client;
  const reportsOfLines = (where: string, ...params: unknown[]) =>
    sql
      .prepare(`SELECT DISTINCT report_id FROM report_lines WHERE ${where}`)
      .pluck()
      .all(...params) as number[];
  const members = sql.prepare("SELECT count(*) FROM members").pluck().get() as number;
  switch (change.kind) {
    case "line": {
      const l = change.line;
      const report = sql
        .prepare("SELECT id FROM reports WHERE period = ? AND status = 'active'")
        .pluck()
        .get(l.date.slice(0, 7)) as number | undefined;
      if (report === undefined) return;
      sql
        .prepare(
          `INSERT INTO report_lines (report_id, supplier_id, sheet, row, invoice_date,
             invoice_number, customer_key, sku, category, quantity, amount_minor, currency,
             member_id, duplicate_status)
           VALUES (?, 1, 'S', 9999, ?, 'X', 'K', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          report,
          l.date,
          l.sku ?? null,
          l.category,
          l.quantity ?? null,
          l.amountMinor,
          l.brl ? "BRL" : "USD",
          l.matched ? (l.member % members) + 1 : null,
          l.duplicate,
        );
      refreshLineTotals(db, [report]);
      return;
    }
    case "rematch": {
      const ids = sql.prepare("SELECT id FROM report_lines ORDER BY id").pluck().all() as number[];
      const id = ids[change.line % ids.length];
      const reports = reportsOfLines("id = ?", id);
      sql
        .prepare("UPDATE report_lines SET member_id = ? WHERE id = ?")
        .run(change.member === null ? null : (change.member % members) + 1, id);
      refreshLineTotals(db, reports);
      return;
    }
    case "release": {
      const reports = reportsOfLines("duplicate_status = 'held'");
      sql.exec(
        "UPDATE report_lines SET duplicate_status = 'accepted' WHERE duplicate_status = 'held'",
      );
      refreshLineTotals(db, reports);
      return;
    }
    case "supersede": {
      const period = `2026-0${change.month}`;
      const reports = sql
        .prepare("SELECT id FROM reports WHERE period = ? AND status = 'active'")
        .pluck()
        .all(period) as number[];
      sql.prepare("UPDATE reports SET status = 'superseded' WHERE period = ?").run(period);
      refreshLineTotals(db, reports);
      return;
    }
    case "rate":
      sql
        .prepare(
          "UPDATE fx_rates SET rate = ? WHERE month = ? AND from_currency = 'BRL' AND to_currency = 'USD'",
        )
        .run(change.rate, `2026-0${change.month}`);
      refreshCellsInCurrency(db, "USD");
      return;
    // Memberships and terms change rarely: their cells are rebuilt by the next run (the stamp).
    case "member":
      sql
        .prepare("UPDATE members SET left_on = ? WHERE id = ?")
        .run(change.leftOn, (change.member % members) + 1);
      return;
    case "terms":
      sql.prepare("UPDATE programs SET exclude_categories = ?").run(JSON.stringify(change.exclude));
  }
}

/** The program's stored cells and lines, in a stable order. */
function storedRows(db: Db) {
  return {
    cells: db.$client
      .prepare(
        "SELECT * FROM program_cells ORDER BY program_id, member_id, signature, report_id, period_from",
      )
      .all(),
    lines: db.$client
      .prepare("SELECT * FROM program_cell_lines ORDER BY program_id, line_id")
      .all(),
  };
}

describe("program cells", () => {
  it("keep runs equal to every raw line as lines, rates, memberships and terms change", () => {
    fc.assert(
      fc.property(
        fc.array(memberArb, { minLength: 1, maxLength: 4 }),
        fc.array(lineArb, { minLength: 40, maxLength: 150 }),
        programArb,
        fc.array(changeArb, { minLength: 1, maxLength: 6 }),
        (people, lines, p, changes) => {
          const db = openDatabase(":memory:");
          try {
            const { id, month } = seed(db, people, lines, p);
            bothRuns(db, id, month); // builds the cells
            for (const change of changes) {
              applyChange(db, change);
              if (change.kind !== "member" && change.kind !== "terms") {
                // Refreshed in place: the same rows a build from scratch gives.
                const kept = storedRows(db);
                db.$client.exec("DELETE FROM program_cell_builds");
                ensureProgramCells(db, loadProgramTerms(db, id));
                expect(storedRows(db)).toEqual(kept);
              }
              const { fromTotals, fromLines } = bothRuns(db, id, month);
              expect(fromTotals).toEqual(fromLines);
            }
          } finally {
            db.$client.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("program cells, case by case", () => {
  it("convert other-currency lines again, at once, when a rate changes", () => {
    const db = openDatabase(":memory:");
    try {
      const lines = [{ ...ONE_LINE, brl: true, amountMinor: 1_001, date: "2026-02-10" }];
      const { id, month } = seed(db, [{ joinedOn: "2020-01-01", leftOn: null }], lines, {
        ...ONE_PROGRAM,
        perUnitBonus: false,
      });
      const amount = () =>
        db.$client.prepare("SELECT sum(amount_minor) FROM program_cells").pluck().get();
      bothRuns(db, id, month);
      expect(amount()).toBe(184); // 1,001 × 0.18333333 = 183.51…
      db.$client.exec("UPDATE fx_rates SET rate = '0.5' WHERE month = '2026-02'");
      refreshCellsInCurrency(db, "USD");
      expect(amount()).toBe(501); // 500.5, half away from zero
      const { fromTotals, fromLines } = bothRuns(db, id, month);
      expect(fromTotals).toEqual(fromLines);
      expect(fromTotals.pooledVolumeMinor).toBe(501);
    } finally {
      db.$client.close();
    }
  });
});

/** The run from componentInputs and the run from every raw line, for one seeded database. */
function bothRuns(db: Db, id: number, month: string) {
  const program = loadProgramTerms(db, id);
  const terms = componentProgram(program);
  const who = memberships(db);
  const fx = fxLookup(db, "USD");
  const inputs = componentInputs(db, program, terms, month, who);
  const fromTotals = computeProgramRun({
    program: terms,
    month,
    sales: inputs.sales,
    priorYear: inputs.priorYear,
    alreadyPosted: NOTHING_POSTED,
  });
  const raw = rawActiveLines(db, true);
  const fromLines = computeProgramRun({
    program: terms,
    month,
    sales: salesCells(raw, { ...program, bonuses: terms.bonuses }, who, fx, month),
    priorYear: terms.basis === "growth" ? priorYearVolume(raw, program, who, fx, month) : [],
    alreadyPosted: NOTHING_POSTED,
  });
  return { fromTotals, fromLines, inputs };
}

const ONE_LINE = {
  member: 0,
  matched: true,
  date: "2026-02-10",
  category: "Freight" as const,
  sku: "SKU-B" as const,
  quantity: 3 as number | null,
  brl: false,
  amountMinor: 100_000,
  duplicate: null,
  superseded: false,
};
const ONE_PROGRAM = {
  startOffset: 0,
  length: 120,
  growth: false,
  method: "all-units",
  include: [],
  exclude: [],
  volumeCap: null,
  refundCap: null,
  baseline: null,
  windowed: false,
  skuBonus: true,
  perUnitBonus: true,
  units: "skus",
  mix: false,
  runOffset: 60,
} as const;

describe("componentInputs, case by case", () => {
  it("converts a line too large for SQL's exact product on its own, as the engine does", () => {
    const db = openDatabase(":memory:");
    try {
      // 20,000,000,000.10 BRL × 0.18333333 = 3,666,666,600.0183…: its product (× n) passes 2^63.
      const lines = [
        { ...ONE_LINE, brl: true, amountMinor: 200_000_000_001 * 10, date: "2026-02-10" },
        { ...ONE_LINE, brl: true, amountMinor: 12_345, date: "2026-02-11" },
        { ...ONE_LINE, date: "2026-02-12" },
      ];
      const { id, month } = seed(db, [{ joinedOn: "2020-01-01", leftOn: null }], lines, {
        ...ONE_PROGRAM,
        perUnitBonus: false,
      });
      const { fromTotals, fromLines, inputs } = bothRuns(db, id, month);
      expect(fromTotals).toEqual(fromLines);
      expect(fromTotals.pooledVolumeMinor).toBe(366_666_660_002 + 2_263 + 100_000);
      // The large line reached the engine as itself; the small one in a sum.
      expect(inputs.salesLines.filter((l) => l.currency === "BRL")).toHaveLength(1);
    } finally {
      db.$client.close();
    }
  });

  it("gives each fractional quantity of a summed total to the engine alone (per-unit rounding)", () => {
    const db = openDatabase(":memory:");
    try {
      // 0.5 × 37 = 18.5 → 19 per line: two lines alone earn 38, their sum (1.0 × 37) only 37.
      const lines = [
        { ...ONE_LINE, quantity: 0.5, date: "2026-02-10" },
        { ...ONE_LINE, quantity: 0.5, date: "2026-02-11" },
        { ...ONE_LINE, quantity: 4, date: "2026-02-12" },
        { ...ONE_LINE, quantity: 2.5, brl: true, date: "2026-02-13" },
      ];
      const { id, month } = seed(
        db,
        [{ joinedOn: "2020-01-01", leftOn: null }],
        lines,
        ONE_PROGRAM,
      );
      const { fromTotals, fromLines } = bothRuns(db, id, month);
      expect(fromTotals).toEqual(fromLines);
      const units = fromTotals.components.find((c) => c.name === "Units");
      expect(units?.basisMinor).toBe(19 + 19 + 4 * 37 + 93);
    } finally {
      db.$client.close();
    }
  });
});

describe("the fingerprint of a run with components", () => {
  it("changes with a line's SKU or quantity, and with a prior-year line", () => {
    const db = openDatabase(":memory:");
    try {
      const line = {
        member: 0,
        matched: true,
        date: "2026-02-10",
        category: "Freight" as const,
        sku: "SKU-A" as const,
        quantity: 3,
        brl: false,
        amountMinor: 100_000,
        duplicate: null,
        superseded: false,
      };
      const { id, month } = seed(
        db,
        [{ joinedOn: "2020-01-01", leftOn: null }],
        [line, { ...line, date: "2025-02-10" }],
        {
          startOffset: 0,
          length: 120,
          growth: true,
          method: "all-units",
          include: [],
          exclude: [],
          volumeCap: null,
          refundCap: null,
          baseline: null,
          windowed: false,
          skuBonus: true,
          perUnitBonus: true,
          units: "category",
          mix: false,
          runOffset: 60,
        },
      );
      const fingerprint = () => {
        const program = loadProgramTerms(db, id);
        const inputs = componentInputs(
          db,
          program,
          componentProgram(program),
          month,
          memberships(db),
        );
        return runFingerprint(db, program, month, [], {
          sales: inputs.salesLines,
          prior: inputs.priorLines,
        });
      };
      const change = (sql: string) => {
        const before = fingerprint();
        db.$client.exec(sql);
        refreshLineTotals(db, [1, 2, 3, 4]);
        expect(fingerprint()).not.toBe(before);
      };
      change("UPDATE report_lines SET quantity = 4 WHERE invoice_date = '2026-02-10'");
      change("UPDATE report_lines SET sku = 'SKU-B' WHERE invoice_date = '2026-02-10'");
      change("UPDATE report_lines SET amount_minor = 1 WHERE invoice_date = '2025-02-10'");
    } finally {
      db.$client.close();
    }
  });
});
