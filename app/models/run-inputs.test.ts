// candidateLines reads pre-summed line_totals and only some lines one by one; whatever the data,
// the pooled volume it leads to must equal the engine's over every raw line of active reports.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@db/client.server";
import { pooledVolume } from "~/refunds/pooled";
import { rawActiveLines, seedSupplierLines } from "@tests/setup/run-db";
import { candidateLines, fxLookup, loadProgramTerms, memberships } from "./run-inputs.server";

type Value<A> = A extends fc.Arbitrary<infer T> ? T : never;

const DAYS = Array.from({ length: 150 }, (_, d) =>
  new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10),
);
const CATEGORIES = ["Hardware", " hardware ", "Freight", "Services", null] as const;

const day = fc.integer({ min: 0, max: DAYS.length - 1 }).map((d) => DAYS[d]);
const memberArb = fc.record({
  joinedOn: fc.oneof(fc.constant("2020-01-01"), fc.constant("2020-01-01"), day),
  leftOn: fc.option(day, { nil: null, freq: 2 }),
});
const lineArb = fc.record({
  member: fc.integer({ min: 0, max: 5 }),
  matched: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
  date: day,
  category: fc.constantFrom(...CATEGORIES),
  brl: fc.boolean(),
  amountMinor: fc.integer({ min: -50_000, max: 900_000 }),
  duplicate: fc.constantFrom(null, null, null, "held", "accepted"),
  superseded: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});
const programArb = fc.record({
  start: fc.oneof(fc.constant(DAYS[0]), day),
  length: fc.integer({ min: 20, max: 150 }),
  include: fc.constantFrom([], [], ["hardware"], ["Services", "Freight"]),
  exclude: fc.constantFrom([], ["freight"], ["HARDWARE"]),
  runDay: day,
});

function seed(
  db: Db,
  people: Value<typeof memberArb>[],
  lines: Value<typeof lineArb>[],
  p: Value<typeof programArb>,
) {
  const { supplier } = seedSupplierLines(db, people, lines, DAYS, () => "0.18333333");
  const end = DAYS[Math.min(DAYS.indexOf(p.start) + p.length, DAYS.length - 1)];
  return db.$client
    .prepare(
      `INSERT INTO programs (supplier_id, name, currency, start, end, method, fee_bps, include_categories, exclude_categories)
       VALUES (?, 'P', 'USD', ?, ?, 'all-units', 1000, ?, ?) RETURNING id`,
    )
    .get(supplier.id, p.start, end, JSON.stringify(p.include), JSON.stringify(p.exclude)) as {
    id: number;
  };
}

describe("candidateLines", () => {
  it("leads to the same pooled volume as every raw line of the active reports", () => {
    let counted = 0;
    fc.assert(
      fc.property(
        fc.array(memberArb, { minLength: 1, maxLength: 6 }),
        fc.array(lineArb, { minLength: 20, maxLength: 120 }),
        programArb,
        (people, lines, p) => {
          const db = openDatabase(":memory:");
          try {
            const { id } = seed(db, people, lines, p);
            const program = loadProgramTerms(db, id);
            const month = (p.runDay < program.start ? program.start : p.runDay).slice(0, 7);
            const who = memberships(db);
            const fx = fxLookup(db, "USD");
            const fromTotals = pooledVolume(
              candidateLines(db, program, month),
              program,
              who,
              fx,
              month,
            );
            const fromLines = pooledVolume(rawActiveLines(db), program, who, fx, month);
            expect(fromTotals.total).toBe(fromLines.total);
            if (fromLines.total !== 0) counted += 1;
            // A member whose volume sums to zero may appear on one side only: it gets nothing.
            const nonZero = (m: Map<number, number>) =>
              Object.fromEntries([...m].filter(([, v]) => v !== 0));
            expect(nonZero(fromTotals.byMember)).toEqual(nonZero(fromLines.byMember));
          } finally {
            db.$client.close();
          }
        },
      ),
      { numRuns: 60 },
    );
    // Most generated cases must count something, or the comparison above proves little.
    expect(counted).toBeGreaterThan(25);
  });
});
