import { describe, expect, it } from "vitest";
import type { GrowthProgram, GrowthTier } from "./components";
import { baselineWindow, growthBaseline, growthTierReached } from "./growth";
import { computeProgramRun, NOTHING_POSTED } from "./run";
import type { SalesCell } from "./sales";
import { codeOf } from "@tests/setup/errors";

// SPEC 3.7: growth tiers 0 → 0 bp, 200 → 125 bp, 400 → 175 bp
const GROWTH_TIERS: GrowthTier[] = [
  { thresholdBps: 0, rateBps: 0 },
  { thresholdBps: 200, rateBps: 125 },
  { thresholdBps: 400, rateBps: 175 },
];
const program: GrowthProgram = {
  start: "2026-01-01",
  end: "2026-12-31",
  basis: "growth",
  tiers: GROWTH_TIERS,
  feeBps: 0,
};

const cells = (amounts: [number, number][], month = "2026-02"): SalesCell[] =>
  amounts.map(([memberId, amountMinor]) => ({
    memberId,
    from: `${month}-01`,
    to: `${month}-28`,
    category: null,
    amountMinor,
  }));

/** February's run with B = 100,000.00 (January 60,000.00 and February 40,000.00 of 2025). */
function february(growth: Partial<GrowthProgram>, volume: number) {
  return computeProgramRun({
    program: { ...program, ...growth },
    month: "2026-02",
    sales: cells([
      [1, volume - 1_000_000],
      [2, 1_000_000],
    ]),
    priorYear: [
      { month: "2025-01", amountMinor: 6_000_000 },
      { month: "2025-02", amountMinor: 4_000_000 },
    ],
    alreadyPosted: NOTHING_POSTED,
  });
}

describe("SPEC 3.7 growth example (B = 100,000.00)", () => {
  it.each([
    [10_199_999, 0, 0, 0],
    [10_200_000, 1, 127_500, 2_500],
    [10_300_000, 1, 128_750, 3_750],
    [10_500_000, 2, 183_750, 8_750],
  ])("V %d reaches tier %d, pays %d whole and %d increment", (v, tier, whole, increment) => {
    const paysWhole = february({}, v);
    expect(paysWhole.components[0]).toMatchObject({
      kind: "tier",
      basisMinor: v,
      baselineMinor: 10_000_000,
      tierIndex: tier,
      grossMinor: whole,
    });
    expect(paysWhole.tierIndex).toBe(tier);
    expect(february({ growthPays: "whole" }, v).grossMinor).toBe(whole);
    expect(february({ growthPays: "increment" }, v).grossMinor).toBe(increment);
  });
});

describe("growth tiers", () => {
  it("reach tier k when V × 10000 ≥ B × (10000 + t_k), exactly", () => {
    expect(growthTierReached(10_200_000, 10_000_000, GROWTH_TIERS)).toEqual({
      index: 1,
      rateBps: 125,
    });
    expect(growthTierReached(10_199_999, 10_000_000, GROWTH_TIERS)).toEqual({
      index: 0,
      rateBps: 0,
    });
    // 2 % over 333.33 is 339.9966: 339.99 is not enough, 340.00 is
    expect(growthTierReached(33_999, 33_333, GROWTH_TIERS).index).toBe(0);
    expect(growthTierReached(34_000, 33_333, GROWTH_TIERS).index).toBe(1);
  });

  it("reach no tier below the baseline, or with no baseline: tierIndex null, rate 0, nothing paid", () => {
    expect(growthTierReached(9_999_999, 10_000_000, GROWTH_TIERS)).toEqual({
      index: null,
      rateBps: 0,
    });
    expect(growthTierReached(5_000_000, 0, GROWTH_TIERS)).toEqual({ index: null, rateBps: 0 });
    expect(growthTierReached(5_000_000, -1, GROWTH_TIERS)).toEqual({ index: null, rateBps: 0 });
    const below = february({ tiers: [{ thresholdBps: 0, rateBps: 50 }] }, 9_999_999);
    expect([below.tierIndex, below.rateBps, below.grossMinor]).toEqual([null, 0, 0]);
    const noBaseline = computeProgramRun({
      program,
      month: "2026-02",
      sales: cells([[1, 5_000_000]]),
      alreadyPosted: NOTHING_POSTED,
    });
    expect(noBaseline.components[0]).toMatchObject({
      baselineMinor: 0,
      tierIndex: null,
      grossMinor: 0,
    });
  });

  it("pay V' = min(V, volumeCapMinor), the tier still judged on V", () => {
    const capped = { volumeCapMinor: 10_300_000 };
    // 5 % growth → 175 bp, on 103,000.00
    expect(february(capped, 10_500_000).components[0]).toMatchObject({
      tierIndex: 2,
      paidVolumeMinor: 10_300_000,
      grossMinor: 180_250,
      limit: "volume-cap",
    });
    expect(february({ ...capped, growthPays: "increment" }, 10_500_000).grossMinor).toBe(5_250);
    // a cap below the baseline leaves no increment
    expect(
      february({ volumeCapMinor: 9_000_000, growthPays: "increment" }, 10_500_000).grossMinor,
    ).toBe(0);
  });

  it("take the refund cap and the minimum like a volume tier", () => {
    expect(february({ refundCapMinor: 100_000 }, 10_500_000).components[0]).toMatchObject({
      grossMinor: 100_000,
      limit: "refund-cap",
    });
    const lastMonth = computeProgramRun({
      program: { ...program, end: "2026-02-28", minimumRefundMinor: 50_000 },
      month: "2026-02",
      sales: cells([[1, 9_000_000]]),
      priorYear: [{ month: "2025-01", amountMinor: 10_000_000 }],
      alreadyPosted: NOTHING_POSTED,
    });
    expect(lastMonth.components[0]).toMatchObject({
      tierIndex: null,
      grossMinor: 50_000,
      limit: "minimum",
    });
  });
});

describe("baselineWindow", () => {
  it("is P.start − 1 year to the last day of m − 1 year, in whole months", () => {
    expect(baselineWindow("2026-01-01", "2026-02")).toEqual({
      from: "2025-01-01",
      to: "2025-02-28",
      months: ["2025-01", "2025-02"],
    });
    expect(baselineWindow("2025-07-15", "2026-01")).toEqual({
      from: "2024-07-15",
      to: "2025-01-31",
      months: ["2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12", "2025-01"],
    });
  });

  it("uses the same month whatever its length: February 2024 (29 days) for February 2025", () => {
    expect(baselineWindow("2025-02-01", "2025-02").to).toBe("2024-02-29");
    expect(baselineWindow("2028-02-29", "2028-02")).toEqual({
      from: "2027-02-28",
      to: "2027-02-28",
      months: ["2027-02"],
    });
  });
});

describe("growthBaseline", () => {
  const window = baselineWindow("2026-01-01", "2026-03");
  const priorYear = [
    { month: "2025-01", amountMinor: 6_000_000 },
    { month: "2025-02", amountMinor: 4_000_000 },
    { month: "2025-03", amountMinor: 3_000_000 },
    { month: "2025-04", amountMinor: 9_000_000 },
  ];

  it("sums the window's months from their lines, leaving later months out", () => {
    expect(growthBaseline(window, priorYear, [])).toBe(13_000_000);
  });

  it("uses a negotiated figure instead of that month's lines", () => {
    const negotiated = [
      { month: "2025-02", amountMinor: 5_000_000 },
      { month: "2025-06", amountMinor: 1 },
    ];
    expect(growthBaseline(window, priorYear, negotiated)).toBe(14_000_000);
    // a month with no lines at all, negotiated
    expect(growthBaseline(window, [], [{ month: "2025-03", amountMinor: 2_500_000 }])).toBe(
      2_500_000,
    );
  });

  it("refuses a month before the window, or one given twice", () => {
    expect(codeOf(() => growthBaseline(window, [{ month: "2024-12", amountMinor: 1 }], []))).toBe(
      "component_input_invalid",
    );
    expect(() => growthBaseline(window, [priorYear[0], priorYear[0]], [])).toThrow(
      "Prior-year volume for 2025-01 is given more than once.",
    );
  });
});
