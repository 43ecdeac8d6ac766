import { describe, expect, it } from "vitest";
import { tierProgress, type TierProgressInput } from "./tier-progress";
import type { Tier } from "./tiers";

// SPEC 3.2's schedule: 0 → 1 %, 100,000.00 → 2 %, 250,000.00 → 3 %; fee 10 %.
const SPEC_TIERS: Tier[] = [
  { thresholdMinor: 0, rateBps: 100 },
  { thresholdMinor: 10_000_000, rateBps: 200 },
  { thresholdMinor: 25_000_000, rateBps: 300 },
];

const year: Omit<
  TierProgressInput,
  "throughMonth" | "pooledVolumeMinor" | "memberVolumeMinor" | "allocatedVolumeMinor"
> = {
  tiers: SPEC_TIERS,
  method: "all-units",
  feeBps: 1_000,
  programStart: "2026-01-01",
  programEnd: "2026-12-31",
};

describe("tierProgress, SPEC 3.3's worked example seen by member AAA", () => {
  it("January: 80,000.00 pooled, 20,000.00 more reaches 2 %; AAA's half of the extra 1,080.00 is 540.00", () => {
    // N(100,000.00) = 2,000.00 − 200.00 = 1,800.00; N(80,000.00) = 800.00 − 80.00 = 720.00.
    expect(
      tierProgress({
        ...year,
        throughMonth: "2026-01",
        pooledVolumeMinor: 8_000_000,
        memberVolumeMinor: 4_000_000,
        allocatedVolumeMinor: 8_000_000,
      }),
    ).toEqual({
      tierIndex: 0,
      rateBps: 100,
      nextTier: { thresholdMinor: 10_000_000, rateBps: 200, volumeNeededMinor: 2_000_000 },
      extraForMemberMinor: 54_000,
      pooledVolumeMinor: 8_000_000,
      progressPermille: 800,
      currentThresholdPermille: 0,
      memberShareBps: 5_000,
      monthsElapsed: 1,
      monthsInProgram: 12,
      // 80,000.00 × 12 / 1 = 960,000.00: the run rate would end the year at 3 %.
      projection: { projectedVolumeMinor: 96_000_000, tierIndex: 2, rateBps: 300 },
    });
  });

  it("February: 180,000.00 pooled, 70,000.00 more reaches 3 %; AAA's 14/18 of the extra 3,510.00 is 2,730.00", () => {
    // N(250,000.00) = 7,500.00 − 750.00 = 6,750.00; N(180,000.00) = 3,240.00; 3,510.00 × 14 / 18.
    expect(
      tierProgress({
        ...year,
        throughMonth: "2026-02",
        pooledVolumeMinor: 18_000_000,
        memberVolumeMinor: 14_000_000,
        allocatedVolumeMinor: 18_000_000,
      }),
    ).toEqual({
      tierIndex: 1,
      rateBps: 200,
      nextTier: { thresholdMinor: 25_000_000, rateBps: 300, volumeNeededMinor: 7_000_000 },
      extraForMemberMinor: 273_000,
      pooledVolumeMinor: 18_000_000,
      progressPermille: 720,
      currentThresholdPermille: 400,
      memberShareBps: 7_777,
      monthsElapsed: 2,
      monthsInProgram: 12,
      projection: { projectedVolumeMinor: 108_000_000, tierIndex: 2, rateBps: 300 },
    });
  });

  it("February, incremental: the extra pool is 1,260.00, AAA's 14/18 of it 980.00", () => {
    // Incremental N(250,000.00) = (1,000.00 + 3,000.00) × 0.9 = 3,600.00; N(180,000.00) = 2,340.00.
    const p = tierProgress({
      ...year,
      method: "incremental",
      throughMonth: "2026-02",
      pooledVolumeMinor: 18_000_000,
      memberVolumeMinor: 14_000_000,
      allocatedVolumeMinor: 18_000_000,
    });
    expect(p.extraForMemberMinor).toBe(98_000);
    expect(p.nextTier?.volumeNeededMinor).toBe(7_000_000);
  });
});

describe("tierProgress at the edges", () => {
  it("the top tier reached: no next tier, nothing extra, a full bar", () => {
    const p = tierProgress({
      ...year,
      throughMonth: "2026-06",
      pooledVolumeMinor: 30_000_000,
      memberVolumeMinor: 1_000_000,
      allocatedVolumeMinor: 30_000_000,
    });
    expect(p).toMatchObject({
      tierIndex: 2,
      rateBps: 300,
      nextTier: null,
      extraForMemberMinor: 0,
      progressPermille: 1000,
      currentThresholdPermille: 1000,
      monthsElapsed: 6,
      projection: { projectedVolumeMinor: 60_000_000, tierIndex: 2, rateBps: 300 },
    });
  });

  it("a member without volume gets no share of the extra", () => {
    const p = tierProgress({
      ...year,
      throughMonth: "2026-03",
      pooledVolumeMinor: 9_000_000,
      memberVolumeMinor: 0,
      allocatedVolumeMinor: 9_000_000,
    });
    expect(p.extraForMemberMinor).toBe(0);
    expect(p.memberShareBps).toBe(0);
    expect(p.nextTier?.volumeNeededMinor).toBe(1_000_000);
  });

  it("a program that straddles two years counts months from its own start", () => {
    // April 2026 to March 2027, through June: 3 of 12 months; 50,000.00 × 12 / 3 = 200,000.00 → 2 %.
    const p = tierProgress({
      ...year,
      programStart: "2026-04-01",
      programEnd: "2027-03-31",
      throughMonth: "2026-06",
      pooledVolumeMinor: 5_000_000,
      memberVolumeMinor: 5_000_000,
      allocatedVolumeMinor: 5_000_000,
    });
    expect(p).toMatchObject({ monthsElapsed: 3, monthsInProgram: 12 });
    expect(p.projection).toEqual({ projectedVolumeMinor: 20_000_000, tierIndex: 1, rateBps: 200 });
  });

  it("credit notes that leave the pool negative: an empty bar and a zero projection", () => {
    const p = tierProgress({
      ...year,
      throughMonth: "2026-02",
      pooledVolumeMinor: -50_000,
      memberVolumeMinor: -50_000,
      allocatedVolumeMinor: 0,
    });
    expect(p).toMatchObject({ tierIndex: 0, progressPermille: 0, extraForMemberMinor: 0 });
    expect(p.nextTier?.volumeNeededMinor).toBe(10_050_000);
    expect(p.projection.projectedVolumeMinor).toBe(0);
  });
});
