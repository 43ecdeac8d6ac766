import { describe, expect, it } from "vitest";
import { nearNextTier } from "./near-tier";

const tiers = [
  { thresholdMinor: 0, rateBps: 100 },
  { thresholdMinor: 10_000_000, rateBps: 200 },
  { thresholdMinor: 25_000_000, rateBps: 300 },
];

describe("nearNextTier", () => {
  it("is the next tier from exactly 10 % short of its threshold up to one minor unit short", () => {
    expect(nearNextTier(9_000_000, tiers)).toEqual({
      tierIndex: 1,
      thresholdMinor: 10_000_000,
      rateBps: 200,
      volumeNeededMinor: 1_000_000,
    });
    expect(nearNextTier(9_999_999, tiers)?.volumeNeededMinor).toBe(1);
    expect(nearNextTier(24_000_000, tiers)).toMatchObject({
      tierIndex: 2,
      volumeNeededMinor: 1_000_000,
    });
  });

  it("is nothing further away, at or past the threshold, or past the last tier", () => {
    expect(nearNextTier(8_999_999, tiers)).toBeNull();
    expect(nearNextTier(10_000_000, tiers)).toBeNull();
    expect(nearNextTier(22_499_999, tiers)).toBeNull();
    expect(nearNextTier(90_000_000, tiers)).toBeNull();
    expect(nearNextTier(0, [{ thresholdMinor: 0, rateBps: 100 }])).toBeNull();
    expect(nearNextTier(5, [])).toBeNull();
  });

  it("stays exact where a float would not: thresholds near the largest safe integer", () => {
    const huge = [
      { thresholdMinor: 0, rateBps: 100 },
      { thresholdMinor: 9_000_000_000_000_000, rateBps: 200 },
    ];
    expect(nearNextTier(8_100_000_000_000_000, huge)?.volumeNeededMinor).toBe(900_000_000_000_000);
    expect(nearNextTier(8_099_999_999_999_999, huge)).toBeNull();
  });

  it("takes another share when asked", () => {
    expect(nearNextTier(9_500_000, tiers, 500)?.tierIndex).toBe(1);
    expect(nearNextTier(9_400_000, tiers, 500)).toBeNull();
  });
});
