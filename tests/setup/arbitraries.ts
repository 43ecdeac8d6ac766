// fast-check generators shared by the engine's property tests (imported by tests only).
import fc from "fast-check";
import type { Tier } from "~/refunds/tiers";

/** Random valid schedules: first threshold 0, strictly increasing thresholds, non-decreasing rates. */
export const validSchedule: fc.Arbitrary<Tier[]> = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: 0, max: 2_000 })), {
    minLength: 0,
    maxLength: 5,
  })
  .chain((steps) =>
    fc.integer({ min: 0, max: 5_000 }).map((firstRate) => {
      const tiers: Tier[] = [{ thresholdMinor: 0, rateBps: firstRate }];
      for (const [gap, rise] of steps) {
        const last = tiers[tiers.length - 1];
        tiers.push({
          thresholdMinor: last.thresholdMinor + gap,
          rateBps: Math.min(10_000, last.rateBps + rise),
        });
      }
      return tiers;
    }),
  );
