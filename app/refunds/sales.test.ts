import { describe, expect, it } from "vitest";
import type { Membership } from "./eligibility";
import { parseRate, type Rate } from "./fx";
import { pooledVolume } from "./pooled";
import { priorYearVolume, salesCells, salesPeriods, type CellProgram } from "./sales";
import { codeOf } from "@tests/setup/errors";
import { saleLine } from "@tests/setup/sales-lines";

const program: CellProgram = {
  start: "2026-01-01",
  end: "2026-12-31",
  currency: "USD",
  includeCategories: [],
  excludeCategories: ["Services"],
};
const memberships = new Map<number, Membership>([
  [1, { joinedOn: "2020-01-01", leftOn: null }],
  [2, { joinedOn: "2025-06-15", leftOn: null }],
]);
const rates: Record<string, Rate> = {
  "BRL 2025-06": parseRate("0.2"),
  "BRL 2026-01": parseRate("0.180196"),
};
const fx = (currency: string, month: string) => rates[`${currency} ${month}`];

const line = saleLine;

describe("salesPeriods", () => {
  it("are the program's months through the run month", () => {
    expect(salesPeriods(program, "2026-02")).toEqual([
      { from: "2026-01-01", to: "2026-01-31" },
      { from: "2026-02-01", to: "2026-02-28" },
    ]);
    expect(salesPeriods({ start: "2025-07-15", end: "2026-07-14" }, "2025-08")).toEqual([
      { from: "2025-07-15", to: "2025-07-31" },
      { from: "2025-08-01", to: "2025-08-31" },
    ]);
  });

  it("are cut where a bonus window starts and after the day it ends", () => {
    const bonuses = [
      { name: "A", start: "2026-02-10", end: "2026-03-20", rateBps: 1 },
      { name: "B", start: "2026-03-01", end: "2026-03-31", rateBps: 1 },
    ];
    expect(salesPeriods({ ...program, bonuses }, "2026-03")).toEqual([
      { from: "2026-01-01", to: "2026-01-31" },
      { from: "2026-02-01", to: "2026-02-09" },
      { from: "2026-02-10", to: "2026-02-28" },
      { from: "2026-03-01", to: "2026-03-20" },
      { from: "2026-03-21", to: "2026-03-31" },
    ]);
  });
});

describe("salesCells", () => {
  it("sums eligible lines per member, period, category and SKU, each line converted on its own", () => {
    const lines = [
      line("2026-01-05", 1, 10_000),
      line("2026-01-25", 1, 5_000),
      line("2026-01-25", 1, 1_000, { category: "Services" }), // excluded category
      line("2026-01-07", 1, 100_000, { currency: "BRL" }), // 180.196 → 180.20
      line("2026-01-08", 1, 3, { currency: "BRL" }), // 0.54 → 1
      line("2026-01-09", null, 7_000), // unmatched
      line("2026-02-01", 1, 2_000, { heldAsDuplicate: true }),
      line("2026-02-02", 1, 2_000, { quantity: 4 }),
      line("2026-02-03", 2, 2_000, { category: null, quantity: 1 }),
      line("2026-03-01", 1, 9_000), // after the run month
    ];
    const cells = salesCells(lines, program, memberships, fx, "2026-02");
    expect(cells).toEqual([
      {
        memberId: 1,
        from: "2026-01-01",
        to: "2026-01-31",
        category: "Cameras",
        sku: null,
        amountMinor: 15_000 + 18_020 + 1,
        quantity: 0,
      },
      {
        memberId: 1,
        from: "2026-02-01",
        to: "2026-02-28",
        category: "Cameras",
        sku: null,
        amountMinor: 2_000,
        quantity: 4,
      },
      {
        memberId: 2,
        from: "2026-02-01",
        to: "2026-02-28",
        category: null,
        sku: null,
        amountMinor: 2_000,
        quantity: 1,
      },
    ]);
    // the same volume as pooledVolume finds
    const pooled = pooledVolume(lines, program, memberships, fx, "2026-02");
    expect(cells.reduce((sum, c) => sum + c.amountMinor, 0)).toBe(pooled.total);
  });

  it("keeps SKUs when a bonus selects them, and a fractional quantity in a cell of its own", () => {
    const withSkus = { ...program, bonuses: [{ name: "S", skus: ["X"], rateBps: 1 }] };
    const cells = salesCells(
      [
        line("2026-01-05", 1, 100, { sku: "X", quantity: 1.5 }),
        line("2026-01-06", 1, 100, { sku: "X", quantity: 1.5 }),
        line("2026-01-07", 1, 100, { sku: "Y", quantity: 2 }),
      ],
      withSkus,
      memberships,
      fx,
      "2026-01",
    );
    expect(cells.map((c) => [c.sku, c.quantity, c.amountMinor])).toEqual([
      ["X", 1.5, 100],
      ["X", 1.5, 100],
      ["Y", 2, 100],
    ]);
  });

  it("names every missing FX rate at once", () => {
    const lines = [
      line("2026-02-05", 1, 100, { currency: "BRL" }),
      line("2026-02-06", 1, 100, { currency: "MXN" }),
    ];
    expect(codeOf(() => salesCells(lines, program, memberships, fx, "2026-02"))).toBe(
      "fx_rate_missing",
    );
  });
});

describe("priorYearVolume", () => {
  it("pools each month of the baseline window by the rules of 3.1, membership at the line's date", () => {
    const lines = [
      line("2024-12-31", 1, 1), // before the window
      line("2025-01-10", 1, 10_000),
      line("2025-01-10", 1, 500, { category: "services" }),
      line("2025-06-14", 2, 7_000), // member 2 joined on 2025-06-15
      line("2025-06-20", 2, 10_000, { currency: "BRL" }), // 2,000.00 at 0.2
      line("2025-07-01", 1, 1), // after the window
    ];
    expect(priorYearVolume(lines, program, memberships, fx, "2026-06")).toEqual([
      { month: "2025-01", amountMinor: 10_000 },
      { month: "2025-02", amountMinor: 0 },
      { month: "2025-03", amountMinor: 0 },
      { month: "2025-04", amountMinor: 0 },
      { month: "2025-05", amountMinor: 0 },
      { month: "2025-06", amountMinor: 2_000 },
    ]);
  });
});
