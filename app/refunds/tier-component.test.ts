import { describe, expect, it } from "vitest";
import type { VolumeProgram } from "./components";
import { computeProgramRun, NOTHING_POSTED } from "./run";
import type { SalesCell } from "./sales";
import { tierComponent } from "./tier-component";
import type { Tier } from "./tiers";

// SPEC 3.2: USD, 0 → 100 bp, 100,000.00 → 200 bp, 250,000.00 → 300 bp
const SPEC_TIERS: Tier[] = [
  { thresholdMinor: 0, rateBps: 100 },
  { thresholdMinor: 10_000_000, rateBps: 200 },
  { thresholdMinor: 25_000_000, rateBps: 300 },
];
const allUnits: VolumeProgram = {
  start: "2026-01-01",
  end: "2026-12-31",
  method: "all-units",
  tiers: SPEC_TIERS,
  feeBps: 1_000,
};
const incremental: VolumeProgram = { ...allUnits, method: "incremental" };
const midYear = { lastMonth: false, someMemberBought: true };
const lastMonth = { lastMonth: true, someMemberBought: true };

describe("SPEC 3.7 limit examples (tiers of 3.2)", () => {
  it("V = 300,000.00 with refundCapMinor 5,000.00 → 5,000.00", () => {
    for (const program of [allUnits, incremental]) {
      const figures = tierComponent({ ...program, refundCapMinor: 500_000 }, 30_000_000, midYear);
      expect(figures).toMatchObject({ grossMinor: 500_000, limit: "refund-cap", tierIndex: 2 });
    }
  });

  it("V = 300,000.00 with volumeCapMinor 200,000.00 → all-units 6,000.00 (300 bp judged on V)", () => {
    expect(tierComponent({ ...allUnits, volumeCapMinor: 20_000_000 }, 30_000_000, midYear)).toEqual(
      {
        basisMinor: 30_000_000,
        paidVolumeMinor: 20_000_000,
        tierIndex: 2,
        rateBps: 300,
        grossMinor: 600_000,
        limit: "volume-cap",
      },
    );
  });

  it("V = 300,000.00 with volumeCapMinor 200,000.00 → incremental 3,000.00 (the bands up to the cap)", () => {
    const figures = tierComponent(
      { ...incremental, volumeCapMinor: 20_000_000 },
      30_000_000,
      midYear,
    );
    expect(figures).toMatchObject({ grossMinor: 300_000, limit: "volume-cap", rateBps: 300 });
  });

  it("V = 80,000.00 in the last month with minimumRefundMinor 1,000.00 → 1,000.00", () => {
    const program = { ...allUnits, minimumRefundMinor: 100_000 };
    expect(tierComponent(program, 8_000_000, lastMonth)).toMatchObject({
      grossMinor: 100_000,
      limit: "minimum",
    });
  });
});

describe("tierComponent limits", () => {
  it("leaves earlier months alone: the minimum is owed in the last month only", () => {
    const program = { ...allUnits, minimumRefundMinor: 100_000 };
    expect(tierComponent(program, 8_000_000, midYear)).toEqual({
      basisMinor: 8_000_000,
      paidVolumeMinor: 8_000_000,
      tierIndex: 0,
      rateBps: 100,
      grossMinor: 80_000,
    });
  });

  it("owes the minimum only when some member bought (v_i > 0), even if V ≤ 0", () => {
    const program = { ...allUnits, minimumRefundMinor: 100_000 };
    expect(tierComponent(program, 0, { lastMonth: true, someMemberBought: false }).grossMinor).toBe(
      0,
    );
    expect(tierComponent(program, -500, lastMonth)).toMatchObject({
      grossMinor: 100_000,
      limit: "minimum",
    });
  });

  it("applies the caps in order and names the last one that changed the refund", () => {
    const both = { ...allUnits, volumeCapMinor: 20_000_000, refundCapMinor: 500_000 };
    expect(tierComponent(both, 30_000_000, midYear)).toMatchObject({
      grossMinor: 500_000,
      limit: "refund-cap",
    });
    const looseRefundCap = { ...both, refundCapMinor: 700_000 };
    expect(tierComponent(looseRefundCap, 30_000_000, midYear)).toMatchObject({
      grossMinor: 600_000,
      limit: "volume-cap",
    });
    const withMinimum = { ...both, minimumRefundMinor: 400_000 };
    expect(tierComponent(withMinimum, 30_000_000, lastMonth)).toMatchObject({
      grossMinor: 500_000,
      limit: "refund-cap",
    });
    expect(tierComponent(withMinimum, 1_000_000, lastMonth)).toMatchObject({
      grossMinor: 400_000,
      limit: "minimum",
    });
  });

  it("names no limit that did not change the refund", () => {
    const loose = {
      ...allUnits,
      volumeCapMinor: 40_000_000,
      refundCapMinor: 2_000_000,
      minimumRefundMinor: 1_000,
    };
    expect(tierComponent(loose, 30_000_000, lastMonth).limit).toBeUndefined();
    // a cap the volume exceeds but on a 0 bp tier changes nothing
    const zeroRate = { ...allUnits, tiers: [{ thresholdMinor: 0, rateBps: 0 }], volumeCapMinor: 5 };
    expect(tierComponent(zeroRate, 30_000_000, midYear)).toMatchObject({
      grossMinor: 0,
      paidVolumeMinor: 5,
    });
    expect(tierComponent(zeroRate, 30_000_000, midYear).limit).toBeUndefined();
  });

  it("pays the tier reached on V, at an exact boundary and one cent below", () => {
    const capped = { ...allUnits, volumeCapMinor: 5_000_000 };
    expect(tierComponent(capped, 10_000_000, midYear)).toMatchObject({
      rateBps: 200,
      grossMinor: 100_000,
    });
    expect(tierComponent(capped, 9_999_999, midYear)).toMatchObject({
      rateBps: 100,
      grossMinor: 50_000,
    });
  });
});

describe("the tier component in a run", () => {
  const cell = (memberId: number, amountMinor: number, month = "2026-12"): SalesCell => ({
    memberId,
    from: `${month}-01`,
    to: `${month}-28`,
    category: null,
    amountMinor,
  });

  it("the minimum is allocated by v_i among members who bought, and true-ups of the last month keep it", () => {
    const program = { ...allUnits, minimumRefundMinor: 100_000 };
    const sales = [cell(1, 3_000_000), cell(2, 1_000_000), cell(3, -500_000)];
    const december = computeProgramRun({
      program,
      month: "2026-12",
      sales,
      alreadyPosted: NOTHING_POSTED,
    });
    expect(december.components[0]).toMatchObject({
      grossMinor: 100_000,
      feeMinor: 10_000,
      netMinor: 90_000,
      limit: "minimum",
    });
    expect(december.members.map((m) => m.ytdMinor)).toEqual([67_500, 22_500, 0]);
    const november = computeProgramRun({
      program,
      month: "2026-11",
      sales: sales.map((c) => ({ ...c, from: "2026-11-01", to: "2026-11-30" })),
      alreadyPosted: NOTHING_POSTED,
    });
    expect(november.grossMinor).toBe(35_000);
  });

  it("the minimum is owed when one member bought though returns bring V below 0", () => {
    const program = { ...allUnits, minimumRefundMinor: 100_000 };
    const december = (sales: SalesCell[]) =>
      computeProgramRun({ program, month: "2026-12", sales, alreadyPosted: NOTHING_POSTED });
    const r = december([cell(1, 100), cell(2, -200)]);
    expect([r.pooledVolumeMinor, r.grossMinor]).toEqual([-100, 100_000]);
    expect(r.members.map((m) => m.ytdMinor)).toEqual([90_000, 0]);
    expect(december([cell(1, 0), cell(2, -200)]).grossMinor).toBe(0);
  });
});
