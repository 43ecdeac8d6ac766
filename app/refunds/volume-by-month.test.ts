import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Membership } from "./eligibility";
import { parseRate, type Rate } from "./fx";
import { pooledVolume, type PoolProgram } from "./pooled";
import { volumeByInvoiceMonth, yearToDate } from "./volume-by-month";
import { saleLine } from "@tests/setup/sales-lines";

const program: PoolProgram = {
  start: "2026-01-01",
  end: "2026-12-31",
  currency: "USD",
  includeCategories: [],
  excludeCategories: ["Freight"],
};
const memberships = new Map<number, Membership>([
  [1, { joinedOn: "2020-01-01", leftOn: null }],
  [2, { joinedOn: "2026-03-10", leftOn: "2026-09-01" }],
]);
const rates: Record<string, Rate> = {
  "MXN 2026-01": parseRate("0.0584"),
  "MXN 2026-10": parseRate("0.055"),
};
const fx = (currency: string, month: string) => rates[`${currency} ${month}`];

const sale = saleLine;

describe("volumeByInvoiceMonth", () => {
  it("puts each eligible line in its invoice month, converted per line", () => {
    const byMonth = volumeByInvoiceMonth(
      [
        sale("2026-01-15", 1, 29_000_000), // January's late report
        sale("2026-10-02", 1, 1_000_000),
        sale("2026-01-20", 1, 1_001, { currency: "MXN" }), // 58.4584 → 58
        sale("2026-10-20", 1, 999, { currency: "MXN" }), // 54.945 → 55
        sale("2026-02-01", 1, 500, { currency: "MXN" }), // no February rate: left out
        sale("2026-01-05", 2, 7_000), // before member 2 joined
        sale("2026-04-05", 2, 7_000),
        sale("2026-04-06", 1, 9_000, { category: " freight " }),
        sale("2026-04-07", 1, 9_000, { heldAsDuplicate: true }),
        sale("2026-04-08", null, 9_000),
        sale("2025-12-31", 1, 9_000),
      ],
      program,
      memberships,
      fx,
    );
    expect(Object.fromEntries(byMonth)).toEqual({
      "2026-01": 29_000_058,
      "2026-04": 7_000,
      "2026-10": 1_000_055,
    });
  });

  it("adds up to the run's pooled volume over the same lines", () => {
    const line = fc.record({
      day: fc.integer({ min: 0, max: 400 }),
      memberId: fc.constantFrom(1, 2, null),
      amountMinor: fc.integer({ min: -1_000_000, max: 10_000_000 }),
      mxn: fc.boolean(),
      category: fc.constantFrom("Cameras", "Freight", null),
      held: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (raw) => {
        const lines = raw.map((r) => {
          const date = new Date(Date.UTC(2025, 11, 1) + r.day * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const month = date.slice(0, 7);
          return sale(date, r.memberId, r.amountMinor, {
            // Foreign lines only where a rate exists, so the run does not refuse.
            currency: r.mxn && (month === "2026-01" || month === "2026-10") ? "MXN" : "USD",
            category: r.category,
            heldAsDuplicate: r.held,
          });
        });
        const byMonth = volumeByInvoiceMonth(lines, program, memberships, fx);
        const total = [...byMonth.values()].reduce((a, b) => a + b, 0);
        expect(total).toBe(pooledVolume(lines, program, memberships, fx, "2026-12").total);
        const [march] = yearToDate(byMonth, ["2026-03"]);
        expect(march.volumeMinor).toBe(
          pooledVolume(lines, program, memberships, fx, "2026-03").total,
        );
      }),
    );
  });
});
