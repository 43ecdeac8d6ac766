import { describe, expect, it } from "vitest";
import { membersPool, nextTierForecast, projectYearEnd, type ForecastInput } from "./forecast";
import { DomainError } from "./errors";
import type { Tier } from "./tiers";

const SPEC_TIERS: Tier[] = [
  { thresholdMinor: 0, rateBps: 100 },
  { thresholdMinor: 10_000_000, rateBps: 200 },
  { thresholdMinor: 25_000_000, rateBps: 300 },
];

// The group has pooled 180,000.00; the member bought 45,000.00 of it (a quarter).
const base: ForecastInput = {
  pooledVolumeMinor: 18_000_000,
  tiers: SPEC_TIERS,
  method: "all-units",
  feeBps: 1_000,
  memberVolumeMinor: 4_500_000,
  allocatedVolumeMinor: 18_000_000,
};

describe("membersPool", () => {
  it("is the gross refund less the fee", () => {
    expect(membersPool(18_000_000, SPEC_TIERS, "all-units", 1_000)).toBe(324_000);
    expect(membersPool(25_000_000, SPEC_TIERS, "all-units", 1_000)).toBe(675_000);
    expect(membersPool(18_000_000, SPEC_TIERS, "incremental", 1_000)).toBe(234_000);
    expect(membersPool(25_000_000, SPEC_TIERS, "incremental", 1_000)).toBe(360_000);
  });
});

describe("nextTierForecast", () => {
  it("all-units: 70,000.00 more reaches 3 %; the member's quarter of the extra 3,510.00 is 877.50", () => {
    expect(nextTierForecast(base)).toEqual({
      tierIndex: 1,
      rateBps: 200,
      nextTier: { thresholdMinor: 25_000_000, rateBps: 300, volumeNeededMinor: 7_000_000 },
      extraForMemberMinor: 87_750,
    });
  });

  it("incremental: the extra pool is 1,260.00, the member's quarter 315.00", () => {
    expect(nextTierForecast({ ...base, method: "incremental" })).toEqual({
      tierIndex: 1,
      rateBps: 200,
      nextTier: { thresholdMinor: 25_000_000, rateBps: 300, volumeNeededMinor: 7_000_000 },
      extraForMemberMinor: 31_500,
    });
  });

  it("rounds the member's extra half away from zero", () => {
    // 351,000 × 3,333,333 / 18,000,000 = 64,999.9935 → 65,000
    expect(nextTierForecast({ ...base, memberVolumeMinor: 3_333_333 }).extraForMemberMinor).toBe(
      65_000,
    );
    // 351,000 × 1,000,001 / 18,000,000 = 19,500.0195 → 19,500
    expect(nextTierForecast({ ...base, memberVolumeMinor: 1_000_001 }).extraForMemberMinor).toBe(
      19_500,
    );
  });

  it("has no next tier at the top of the schedule", () => {
    expect(
      nextTierForecast({
        ...base,
        pooledVolumeMinor: 30_000_000,
        allocatedVolumeMinor: 30_000_000,
      }),
    ).toEqual({
      tierIndex: 2,
      rateBps: 300,
      nextTier: null,
      extraForMemberMinor: 0,
    });
  });

  it("counts from a negative pooled volume up to the next threshold", () => {
    const forecast = nextTierForecast({
      ...base,
      pooledVolumeMinor: -500,
      memberVolumeMinor: 300,
      allocatedVolumeMinor: 900,
    });
    // N at 100,000.00 all-units = 2,000.00 − 200.00 = 1,800.00; a third of it is 600.00
    expect(forecast).toEqual({
      tierIndex: 0,
      rateBps: 100,
      nextTier: { thresholdMinor: 10_000_000, rateBps: 200, volumeNeededMinor: 10_000_500 },
      extraForMemberMinor: 60_000,
    });
  });

  it("promises nothing to a member with no positive volume", () => {
    expect(nextTierForecast({ ...base, memberVolumeMinor: 0 }).extraForMemberMinor).toBe(0);
    expect(nextTierForecast({ ...base, memberVolumeMinor: -100 }).extraForMemberMinor).toBe(0);
    expect(nextTierForecast({ ...base, allocatedVolumeMinor: 0 }).extraForMemberMinor).toBe(0);
  });
});

describe("projectYearEnd", () => {
  it("extends the run rate linearly", () => {
    // 180,000.00 in 3 months → 720,000.00 in 12
    expect(projectYearEnd(18_000_000, 3, 12, SPEC_TIERS)).toEqual({
      projectedVolumeMinor: 72_000_000,
      tierIndex: 2,
      rateBps: 300,
    });
    // 80,000.00 in 7 months → 137,142.857… → 137,142.86
    expect(projectYearEnd(8_000_000, 7, 12, SPEC_TIERS)).toEqual({
      projectedVolumeMinor: 13_714_286,
      tierIndex: 1,
      rateBps: 200,
    });
    expect(projectYearEnd(-700, 7, 12, SPEC_TIERS)).toEqual({
      projectedVolumeMinor: -1_200,
      tierIndex: 0,
      rateBps: 100,
    });
    expect(projectYearEnd(9_000_000, 12, 12, SPEC_TIERS).projectedVolumeMinor).toBe(9_000_000);
  });

  it("refuses an impossible period", () => {
    for (const [elapsed, total] of [
      [0, 12],
      [13, 12],
      [1.5, 12],
    ]) {
      try {
        projectYearEnd(100, elapsed, total, SPEC_TIERS);
        expect.unreachable();
      } catch (error) {
        expect((error as DomainError).code).toBe("forecast_period_invalid");
      }
    }
  });
});
