import { describe, expect, it } from "vitest";
import { unitEarnings } from "./bonuses";
import type { BonusTerms, VolumeProgram } from "./components";
import type { Membership } from "./eligibility";
import { computeProgramRun, NOTHING_POSTED, type ComponentRun } from "./run";
import { salesCells, type ComponentLine } from "./sales";
import { saleLine } from "@tests/setup/sales-lines";

const base: VolumeProgram = {
  start: "2026-01-01",
  end: "2026-12-31",
  method: "all-units",
  tiers: [{ thresholdMinor: 0, rateBps: 100 }],
  feeBps: 1_000,
};
const member: Membership = { joinedOn: "2020-01-01", leftOn: null };
const memberships = new Map([1, 2, 3].map((id) => [id, member]));

const line = (
  memberId: number,
  invoiceDate: string,
  amountMinor: number,
  extra: Partial<ComponentLine> = {},
) => saleLine(invoiceDate, memberId, amountMinor, extra);

/** The run of `month` over `lines`, with the given bonuses. */
function runWith(
  bonuses: BonusTerms | BonusTerms[],
  lines: ComponentLine[],
  month = "2026-06",
): ComponentRun {
  const program = { ...base, bonuses: Array.isArray(bonuses) ? bonuses : [bonuses] };
  const pool = { ...program, currency: "USD", includeCategories: [], excludeCategories: [] };
  const sales = salesCells(lines, pool, memberships, () => undefined, month);
  return computeProgramRun({ program, month, sales, alreadyPosted: NOTHING_POSTED });
}
const bonus = (r: ComponentRun, k = 1) => r.components[k];
const sharesOf = (r: ComponentRun, k = 1) => r.members.map((m) => m.components[k].amountMinor);
const weightsOf = (r: ComponentRun, k = 1) => r.members.map((m) => m.components[k].weightMinor);

describe("per-unit bonuses", () => {
  it("pay round(quantity × perUnitMinor) per line; a line without quantity earns 0; returns count back", () => {
    const r = runWith(
      [{ name: "Units", perUnitMinor: 250 }],
      [
        line(1, "2026-01-10", 100_000, { quantity: 3 }),
        line(1, "2026-02-10", 100_000, { quantity: null }),
        line(2, "2026-02-10", 100_000, { quantity: 4 }),
        line(2, "2026-03-10", -25_000, { quantity: -1 }),
      ],
    );
    expect(weightsOf(r)).toEqual([750, 750]);
    expect(bonus(r)).toMatchObject({ basisMinor: 1_500, perUnitMinor: 250, grossMinor: 1_500 });
    expect(bonus(r).rateBps).toBeUndefined();
    expect(sharesOf(r)).toEqual([675, 675]);
  });

  it("round each line's earnings on its own, half away from zero", () => {
    expect(unitEarnings(2.5, 3)).toBe(8);
    expect(unitEarnings(-2.5, 3)).toBe(-8);
    expect(unitEarnings(0.333333, 3)).toBe(1);
    expect(unitEarnings(7, 0)).toBe(0);
    // two lines of 2.5 units at 3: 8 + 8, not round(5 × 3) = 15
    const r = runWith(
      [{ name: "Cable", perUnitMinor: 3 }],
      [
        line(1, "2026-01-10", 1_000, { quantity: 2.5 }),
        line(1, "2026-01-11", 1_000, { quantity: 2.5 }),
      ],
    );
    expect(bonus(r).grossMinor).toBe(16);
  });

  it("earn nothing when the members' earnings net to 0 or less", () => {
    const r = runWith(
      [{ name: "Units", perUnitMinor: 100 }],
      [
        line(1, "2026-01-10", 100_000, { quantity: 2 }),
        line(2, "2026-01-10", 100_000, { quantity: -3 }),
      ],
    );
    expect(weightsOf(r)).toEqual([200, -300]);
    expect(bonus(r)).toMatchObject({ basisMinor: -100, grossMinor: 0, netMinor: 0 });
  });
});

describe("bonus selection", () => {
  it("takes a line whose category or SKU is listed, case-insensitive and trimmed", () => {
    const r = runWith(
      [{ name: "Pick", categories: [" access "], skus: ["CAM-1"], rateBps: 100 }],
      [
        line(1, "2026-01-10", 1_000_000, { category: "Cameras", sku: " cam-1" }),
        line(2, "2026-01-10", 2_000_000, { category: "ACCESS", sku: "X" }),
        line(3, "2026-01-10", 4_000_000, { category: "Cameras", sku: "CAM-2" }),
        line(3, "2026-01-10", 8_000_000, { category: null, sku: null }),
      ],
    );
    expect(weightsOf(r)).toEqual([1_000_000, 2_000_000, 0]);
    expect(bonus(r).grossMinor).toBe(30_000);
  });

  it("takes every eligible line when both lists are empty", () => {
    const r = runWith(
      [{ name: "All", rateBps: 10 }],
      [line(1, "2026-01-10", 1_000_000, { category: null }), line(2, "2026-05-10", 3_000_000)],
    );
    expect(weightsOf(r)).toEqual([1_000_000, 3_000_000]);
  });

  it("counts only invoices inside its window, even one cut mid-month", () => {
    const lines = [
      line(1, "2026-03-14", 1_000_000),
      line(1, "2026-03-15", 2_000_000),
      line(2, "2026-04-10", 4_000_000),
      line(2, "2026-04-11", 8_000_000),
    ];
    const r = runWith(
      [{ name: "Spring", start: "2026-03-15", end: "2026-04-10", rateBps: 100 }],
      lines,
    );
    expect(weightsOf(r)).toEqual([2_000_000, 4_000_000]);
    // before its window, a bonus is listed and earns 0
    const early = runWith(
      [{ name: "Spring", start: "2026-03-15", rateBps: 100 }],
      lines.slice(0, 1),
      "2026-03",
    );
    expect(bonus(early)).toMatchObject({ name: "Spring", basisMinor: 0, grossMinor: 0 });
  });

  it("is not pooled: a member's share follows its own qualifying volume only", () => {
    const r = runWith(
      [{ name: "Cams", categories: ["Cameras"], rateBps: 100 }],
      [line(1, "2026-01-10", 9_000_000, { category: "Other" }), line(2, "2026-01-10", 1_000_000)],
    );
    expect(sharesOf(r, 0)).toEqual([81_000, 9_000]);
    expect(sharesOf(r)).toEqual([0, 9_000]);
  });
});

describe("mix conditions", () => {
  const spring: BonusTerms = {
    name: "Spring access",
    categories: ["Access"],
    start: "2026-04-01",
    end: "2026-04-30",
    rateBps: 100,
    requires: [{ category: "cameras", minVolumeMinor: 5_000_000 }],
  };

  it("are judged on the program's pooled year-to-date volume, whatever the bonus's window", () => {
    const r = runWith(spring, [
      line(1, "2026-01-10", 3_000_000),
      line(2, "2026-02-10", 2_000_000),
      line(2, "2026-04-10", 1_000_000, { category: "Access" }),
    ]);
    expect(bonus(r)).toMatchObject({
      grossMinor: 10_000,
      requirements: [
        { category: "cameras", minVolumeMinor: 5_000_000, volumeMinor: 5_000_000, met: true },
      ],
    });
  });

  it("lift earlier months when met later, like a tier", () => {
    const lines = [
      line(2, "2026-04-10", 1_000_000, { category: "Access" }),
      line(1, "2026-04-10", 4_000_000),
    ];
    expect(bonus(runWith(spring, lines, "2026-04")).grossMinor).toBe(0);
    const later = runWith(spring, [...lines, line(1, "2026-06-10", 1_000_000)], "2026-06");
    expect(bonus(later).grossMinor).toBe(10_000);
  });

  it("count returns against the category", () => {
    const r = runWith(spring, [
      line(1, "2026-01-10", 6_000_000),
      line(1, "2026-02-10", -1_000_001),
      line(2, "2026-04-10", 1_000_000, { category: "Access" }),
    ]);
    expect(bonus(r).grossMinor).toBe(0);
  });
});

describe("rate bonuses", () => {
  it("round once, on Σ w_i × rateBps, not per member", () => {
    // 0.50 + 0.50 at 1 %: 0.01 in all (rounding each member's 0.005 would make 0.02)
    const r = runWith(
      [{ name: "All", rateBps: 100 }],
      [line(1, "2026-01-10", 50), line(2, "2026-01-10", 50)],
    );
    expect(bonus(r)).toMatchObject({ basisMinor: 100, grossMinor: 1 });
  });
});

describe("fees and remainders per component", () => {
  it("rounds each component's fee on its own gross", () => {
    // tier: 5.00 × 1 % = 0.05; bonus: the same 0.05; fee 10 % of each = 0.005 → 0.01 each
    const r = runWith([{ name: "All", rateBps: 100 }], [line(1, "2026-01-10", 500)]);
    expect(r.components.map((c) => [c.grossMinor, c.feeMinor, c.netMinor])).toEqual([
      [5, 1, 4],
      [5, 1, 4],
    ]);
    expect([r.grossMinor, r.feeMinor, r.netMinor]).toEqual([10, 2, 8]);
  });

  it("splits each component's pool by largest remainder over its own weights", () => {
    // tier N: 3 cents over 1:1:1; bonus N: 1 cent over member 3 alone
    const r = runWith(
      [{ name: "Only 3", categories: ["Access"], rateBps: 10_000 }],
      [
        line(1, "2026-01-10", 100, { category: "Other" }),
        line(2, "2026-01-10", 100, { category: "Other" }),
        line(3, "2026-01-10", 100, { category: "Other" }),
        line(3, "2026-01-11", 1, { category: "Access" }),
      ],
    );
    expect(r.components.map((c) => c.netMinor)).toEqual([3, 1]);
    expect(r.members.map((m) => m.ytdMinor)).toEqual([1, 1, 2]);
  });
});
