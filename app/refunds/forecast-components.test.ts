import { describe, expect, it } from "vitest";
import {
  estimatedShare,
  growthBps,
  growthForecast,
  growthProgressPermille,
  mixForecast,
  volumeForGrowth,
  type GrowthForecastInput,
} from "./forecast-components";

// SPEC 3.7's growth example: tiers 0 → 0 bp, 200 → 125 bp, 400 → 175 bp; B = 100,000.00; fee 10 %.
// The member bought a quarter of the group's volume.
const growth: GrowthForecastInput = {
  program: {
    basis: "growth",
    tiers: [
      { thresholdBps: 0, rateBps: 0 },
      { thresholdBps: 200, rateBps: 125 },
      { thresholdBps: 400, rateBps: 175 },
    ],
    feeBps: 1_000,
    start: "2026-01-01",
    end: "2026-12-31",
  },
  baselineMinor: 10_000_000,
  pooledVolumeMinor: 10_300_000,
  memberVolumeMinor: 2_575_000,
  allocatedVolumeMinor: 10_300_000,
};

describe("growthBps", () => {
  it("is the growth over the baseline, floored", () => {
    expect(growthBps(10_300_000, 10_000_000)).toBe(300);
    expect(growthBps(10_199_999, 10_000_000)).toBe(199);
    expect(growthBps(10_120_000, 10_000_000)).toBe(120);
    // −1.23457 % is shown as −1.24 %: never more growth than there is.
    expect(growthBps(9_876_543, 10_000_000)).toBe(-124);
    expect(growthBps(9_000_000, 10_000_000)).toBe(-1_000);
    expect(growthBps(5_000, 0)).toBeNull();
  });
});

describe("volumeForGrowth", () => {
  it("is the smallest volume that reaches the threshold", () => {
    expect(volumeForGrowth(10_000_000, 200)).toBe(10_200_000);
    // 333.33 × 1.04 = 346.6632 → 346.67 (346.66 would be under 4 %)
    expect(volumeForGrowth(33_333, 400)).toBe(34_667);
    expect(volumeForGrowth(33_333, 0)).toBe(33_333);
  });
});

describe("growthForecast", () => {
  it("at 3 %: 1,000.00 more reaches 4 %, the extra pool 479.25, the member's quarter 119.81", () => {
    // N now: 1,287.50 − 128.75 = 1,158.75; at 104,000.00: 1,820.00 − 182.00 = 1,638.00.
    expect(growthForecast(growth)).toEqual({
      baselineMinor: 10_000_000,
      pooledVolumeMinor: 10_300_000,
      growthBps: 300,
      tierIndex: 1,
      rateBps: 125,
      nextTier: { thresholdBps: 400, rateBps: 175, volumeNeededMinor: 100_000 },
      extraForMemberMinor: 11_981,
    });
  });

  it("just under 2 %: one cent more earns the whole 1,147.50 pool, a the member's 289.69", () => {
    const f = growthForecast({
      ...growth,
      pooledVolumeMinor: 10_199_999,
      allocatedVolumeMinor: 10_199_999,
    });
    expect(f.growthBps).toBe(199);
    expect(f.tierIndex).toBe(0);
    expect(f.rateBps).toBe(0);
    expect(f.nextTier).toEqual({ thresholdBps: 200, rateBps: 125, volumeNeededMinor: 1 });
    // 114,750 × 2,575,000 / 10,199,999 = 28,968.93… → 28,969
    expect(f.extraForMemberMinor).toBe(28_969);
  });

  it("pays the increment: 7.31 for the member's quarter of 29.25", () => {
    // now: 37.50 − 3.75 = 33.75; at 104,000.00: 70.00 − 7.00 = 63.00.
    const f = growthForecast({
      ...growth,
      program: { ...growth.program, growthPays: "increment" },
    });
    expect(f.extraForMemberMinor).toBe(731);
  });

  it("stops at the refund cap: 1,500.00 caps the next tier, the extra is 191.25, a quarter 47.81", () => {
    const f = growthForecast({
      ...growth,
      program: { ...growth.program, refundCapMinor: 150_000 },
    });
    expect(f.extraForMemberMinor).toBe(4_781);
  });

  it("at the top tier there is no next tier", () => {
    const f = growthForecast({ ...growth, pooledVolumeMinor: 10_500_000 });
    expect(f).toMatchObject({ growthBps: 500, tierIndex: 2, rateBps: 175, nextTier: null });
    expect(f.extraForMemberMinor).toBe(0);
  });

  it("below last year the next tier is the first one above 0 %", () => {
    const f = growthForecast({
      ...growth,
      program: {
        ...growth.program,
        tiers: [
          { thresholdBps: 0, rateBps: 50 },
          { thresholdBps: 400, rateBps: 150 },
        ],
      },
      pooledVolumeMinor: 9_876_543,
    });
    expect(f.growthBps).toBe(-124);
    expect(f.tierIndex).toBeNull();
    // 100,000.00 − 98,765.43 reaches 0 % (the first tier); N there is 450.00, a quarter 117.17…
    expect(f.nextTier).toEqual({ thresholdBps: 0, rateBps: 50, volumeNeededMinor: 123_457 });
    // 45,000 × 2,575,000 / 10,300,000 = 11,250
    expect(f.extraForMemberMinor).toBe(11_250);
  });

  it("without a baseline no tier can be reached and nothing is forecast", () => {
    expect(growthForecast({ ...growth, baselineMinor: 0 })).toEqual({
      baselineMinor: 0,
      pooledVolumeMinor: 10_300_000,
      growthBps: null,
      tierIndex: null,
      rateBps: 0,
      nextTier: null,
      extraForMemberMinor: 0,
    });
  });

  it("a member without volume is forecast nothing", () => {
    expect(growthForecast({ ...growth, memberVolumeMinor: 0 }).extraForMemberMinor).toBe(0);
  });
});

describe("mixForecast", () => {
  // SPEC 3.7's worked example, January: "Access mix" (Access, 50 bp, fee 10 %) requires
  // Cameras ≥ 50,000.00 (50,000.00 bought) and Access ≥ 20,000.00 (10,000.00 bought, all by m2).
  const january = {
    rateBps: 50,
    perUnitMinor: null,
    feeBps: 1_000,
    basisMinor: 1_000_000,
    memberWeightMinor: 1_000_000,
    requirements: [
      { category: "Cameras", minVolumeMinor: 5_000_000, volumeMinor: 5_000_000, met: true },
      { category: "Access", minVolumeMinor: 2_000_000, volumeMinor: 1_000_000, met: false },
    ],
  };

  it("names the category short of its minimum and what m2 would earn: 45.00", () => {
    expect(mixForecast(january)).toEqual({
      met: false,
      missing: [
        {
          category: "Access",
          volumeMinor: 1_000_000,
          minVolumeMinor: 2_000_000,
          neededMinor: 1_000_000,
        },
      ],
      memberWouldEarnMinor: 4_500,
    });
  });

  it("m1, with no Access volume, would earn nothing of it", () => {
    expect(mixForecast({ ...january, memberWeightMinor: 0 }).memberWouldEarnMinor).toBe(0);
  });

  it("a per-unit bonus pays its weights: 12.35 of units, less the fee, two thirds to the member", () => {
    // G = 12.35, F = 1.24 (1.235 rounded half away), N = 11.11; × 2/3 = 7.4066… → 7.41
    const f = mixForecast({
      ...january,
      rateBps: null,
      perUnitMinor: 250,
      basisMinor: 1_235,
      memberWeightMinor: 823,
    });
    expect(f.memberWouldEarnMinor).toBe(estimatedShare(1_111, 823, 1_235));
    expect(f.memberWouldEarnMinor).toBe(740);
  });

  it("February, both met: nothing missing", () => {
    const february = {
      ...january,
      requirements: [
        { category: "Cameras", minVolumeMinor: 5_000_000, volumeMinor: 5_000_000, met: true },
        { category: "Access", minVolumeMinor: 2_000_000, volumeMinor: 2_500_000, met: true },
      ],
    };
    expect(mixForecast(february)).toEqual({ met: true, missing: [], memberWouldEarnMinor: 0 });
  });
});

describe("growthProgressPermille", () => {
  it("is the growth so far against the next tier's", () => {
    expect(growthProgressPermille(growthForecast(growth))).toBe(750);
    expect(
      growthProgressPermille(growthForecast({ ...growth, pooledVolumeMinor: 10_120_000 })),
    ).toBe(600);
    expect(
      growthProgressPermille(growthForecast({ ...growth, pooledVolumeMinor: 9_900_000 })),
    ).toBe(0);
    expect(
      growthProgressPermille(growthForecast({ ...growth, pooledVolumeMinor: 10_500_000 })),
    ).toBe(1000);
    expect(growthProgressPermille(growthForecast({ ...growth, baselineMinor: 0 }))).toBe(0);
  });
});
