import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { validSchedule } from "@tests/setup/arbitraries";
import {
  assertTierSchedule,
  grossRefund,
  tierReached,
  validateTierSchedule,
  type Tier,
} from "./tiers";
import { DomainError } from "./errors";

// SPEC 3.2: USD, 0 → 100 bp, 100,000.00 → 200 bp, 250,000.00 → 300 bp
const SPEC_TIERS: Tier[] = [
  { thresholdMinor: 0, rateBps: 100 },
  { thresholdMinor: 10_000_000, rateBps: 200 },
  { thresholdMinor: 25_000_000, rateBps: 300 },
];

describe("SPEC 3.2 worked example", () => {
  it.each([
    [8_000_000, 80_000, 80_000],
    [10_000_000, 200_000, 100_000],
    [18_000_000, 360_000, 260_000],
    [30_000_000, 900_000, 550_000],
  ])("volume %d earns %d all-units and %d incremental", (volume, allUnits, incremental) => {
    expect(grossRefund(volume, SPEC_TIERS, "all-units")).toBe(allUnits);
    expect(grossRefund(volume, SPEC_TIERS, "incremental")).toBe(incremental);
  });
});

describe("tierReached", () => {
  it("reaches a tier at its threshold exactly, not a cent before", () => {
    expect(tierReached(9_999_999, SPEC_TIERS)).toEqual({ index: 0, rateBps: 100 });
    expect(tierReached(10_000_000, SPEC_TIERS)).toEqual({ index: 1, rateBps: 200 });
    expect(tierReached(24_999_999, SPEC_TIERS)).toEqual({ index: 1, rateBps: 200 });
    expect(tierReached(25_000_000, SPEC_TIERS)).toEqual({ index: 2, rateBps: 300 });
    expect(tierReached(900_000_000, SPEC_TIERS)).toEqual({ index: 2, rateBps: 300 });
  });

  it("reports tier 0 for nothing or less", () => {
    expect(tierReached(0, SPEC_TIERS)).toEqual({ index: 0, rateBps: 100 });
    expect(tierReached(-500, SPEC_TIERS)).toEqual({ index: 0, rateBps: 100 });
  });
});

describe("grossRefund", () => {
  it("earns nothing on zero or negative volume", () => {
    for (const method of ["all-units", "incremental"] as const) {
      expect(grossRefund(0, SPEC_TIERS, method)).toBe(0);
      expect(grossRefund(-1_000_000, SPEC_TIERS, method)).toBe(0);
    }
  });

  it("rounds half away from zero, once, on the exact band sum", () => {
    // all-units: 0.50 at 100 bp = 0.005 → 0.01
    expect(grossRefund(50, SPEC_TIERS, "all-units")).toBe(1);
    expect(grossRefund(49, SPEC_TIERS, "all-units")).toBe(0);
    // incremental: rounding each band first would give 0.00 (0.004 + 0.004) and 0.02 (0.005 + 0.005)
    const bandsOf40: Tier[] = [
      { thresholdMinor: 0, rateBps: 100 },
      { thresholdMinor: 40, rateBps: 100 },
    ];
    const bandsOf50: Tier[] = [
      { thresholdMinor: 0, rateBps: 100 },
      { thresholdMinor: 50, rateBps: 100 },
    ];
    expect(grossRefund(80, bandsOf40, "incremental")).toBe(1);
    expect(grossRefund(100, bandsOf50, "incremental")).toBe(1);
    expect(grossRefund(60, bandsOf50, "incremental")).toBe(1); // 0.006 → 0.01
    expect(
      grossRefund(149, [...bandsOf50, { thresholdMinor: 100, rateBps: 300 }], "incremental"),
    ).toBe(2); // 0.0247
  });

  it("works with a single tier", () => {
    const flat: Tier[] = [{ thresholdMinor: 0, rateBps: 250 }];
    expect(grossRefund(12_345_678, flat, "all-units")).toBe(308_642);
    expect(grossRefund(12_345_678, flat, "incremental")).toBe(308_642);
  });

  it("never falls as volume grows, under either method", () => {
    fc.assert(
      fc.property(
        validSchedule,
        fc.integer({ min: -1_000_000, max: 3_000_000_000 }),
        fc.integer({ min: 0, max: 3_000_000_000 }),
        (tiers, volume, growth) => {
          for (const method of ["all-units", "incremental"] as const) {
            expect(grossRefund(volume + growth, tiers, method)).toBeGreaterThanOrEqual(
              grossRefund(volume, tiers, method),
            );
          }
        },
      ),
    );
  });

  it("incremental never pays more than all-units", () => {
    fc.assert(
      fc.property(validSchedule, fc.integer({ min: 0, max: 5_000_000_000 }), (tiers, volume) => {
        expect(grossRefund(volume, tiers, "incremental")).toBeLessThanOrEqual(
          grossRefund(volume, tiers, "all-units"),
        );
      }),
    );
  });
});

describe("validateTierSchedule", () => {
  it("accepts the SPEC schedule", () => {
    expect(validateTierSchedule(SPEC_TIERS)).toEqual([]);
    expect(() => assertTierSchedule(SPEC_TIERS)).not.toThrow();
  });

  it("lists every problem in plain English", () => {
    expect(validateTierSchedule([])).toEqual(["A tier schedule needs at least one tier."]);
    expect(
      validateTierSchedule([
        { thresholdMinor: 100, rateBps: 200 },
        { thresholdMinor: 100, rateBps: 150 },
        { thresholdMinor: 50.5, rateBps: 10_001 },
      ]),
    ).toEqual([
      "Tier 1: the first threshold must be 0, not 100.",
      "Tier 2: threshold 100 must be above the previous one, 100.",
      "Tier 2: rate 150 bp is below the previous tier's 200 bp.",
      "Tier 3: threshold 50.5 is not a whole number of minor units.",
      "Tier 3: rate 10001 bp is not a whole number from 0 to 10000.",
      "Tier 3: threshold 50.5 must be above the previous one, 100.",
    ]);
    expect(validateTierSchedule([{ thresholdMinor: 0, rateBps: -1 }])).toEqual([
      "Tier 1: rate -1 bp is not a whole number from 0 to 10000.",
    ]);
    expect(validateTierSchedule([{ thresholdMinor: 0, rateBps: 1.5 }])).toEqual([
      "Tier 1: rate 1.5 bp is not a whole number from 0 to 10000.",
    ]);
  });

  it("throws tier_schedule_invalid with the problems as details", () => {
    try {
      grossRefund(100, [{ thresholdMinor: 5, rateBps: 100 }], "all-units");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("tier_schedule_invalid");
      expect((error as DomainError).details).toEqual({
        problems: ["Tier 1: the first threshold must be 0, not 5."],
      });
      expect((error as DomainError).message).toBe(
        "The tier schedule is invalid: Tier 1: the first threshold must be 0, not 5.",
      );
    }
  });
});
