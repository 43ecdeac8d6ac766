// fast-check generators shared by the engine's property tests (imported by tests only).
import fc from "fast-check";
import type { BonusTerms, ComponentProgram, GrowthTier } from "~/refunds/components";
import type { MonthVolume } from "~/refunds/growth";
import type { SalesCell } from "~/refunds/sales";
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

/** Random valid growth schedules: first threshold 0 bp, strictly rising, non-decreasing rates. */
export const validGrowthSchedule: fc.Arbitrary<GrowthTier[]> = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 3_000 }), fc.integer({ min: 0, max: 500 })), {
    maxLength: 4,
  })
  .chain((steps) =>
    fc.integer({ min: 0, max: 500 }).map((firstRate) => {
      const tiers: GrowthTier[] = [{ thresholdBps: 0, rateBps: firstRate }];
      for (const [gap, rise] of steps) {
        const last = tiers[tiers.length - 1];
        tiers.push({
          thresholdBps: last.thresholdBps + gap,
          rateBps: Math.min(10_000, last.rateBps + rise),
        });
      }
      return tiers;
    }),
  );

/** The program year of the component arbitraries. */
export const COMPONENT_YEAR = { start: "2026-01-01", end: "2026-12-31" } as const;
const CATEGORY_TEXTS = ["Cameras", " cameras", "Access", "Other"];
const SKU_TEXTS = ["CAM-1", "cam-1 ", "ACC-9"];
const monthOfYear = (index: number) => `2026-${String(index).padStart(2, "0")}`;
const lastDay = (index: number) =>
  `${monthOfYear(index)}-${String(new Date(Date.UTC(2026, index, 0)).getUTCDate()).padStart(2, "0")}`;

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.option(arb, { nil: null, freq: 2 });

/** A bonus of 2026 whose window, when it has one, is whole months (as the month cells are). */
const bonusTerms = (name: string): fc.Arbitrary<BonusTerms> =>
  fc
    .record({
      categories: fc.subarray(["Cameras", "Access", "Other"]),
      skus: fc.subarray(["CAM-1", "ACC-9"], { maxLength: 1 }),
      window: fc.option(
        fc
          .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }))
          .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
        { nil: null },
      ),
      pays: fc.oneof(
        fc.integer({ min: 0, max: 2_000 }).map((rateBps) => ({ rateBps })),
        fc.integer({ min: 0, max: 1_000 }).map((perUnitMinor) => ({ perUnitMinor })),
      ),
      requires: fc.array(
        fc.record({
          category: fc.constantFrom("Cameras", "access", "Other"),
          minVolumeMinor: fc.integer({ min: 0, max: 60_000_000 }),
        }),
        { maxLength: 2 },
      ),
    })
    .map(({ categories, skus, window, pays, requires }) => ({
      name,
      categories,
      skus,
      ...(window ? { start: `${monthOfYear(window[0])}-01`, end: lastDay(window[1]) } : {}),
      ...pays,
      requires,
    }));

const limits = fc
  .record({
    volumeCapMinor: optional(fc.integer({ min: 0, max: 400_000_000 })),
    minimumRefundMinor: optional(fc.integer({ min: 0, max: 3_000_000 })),
    refundCapExtra: optional(fc.integer({ min: 0, max: 5_000_000 })),
  })
  .map(({ volumeCapMinor, minimumRefundMinor, refundCapExtra }) => ({
    volumeCapMinor,
    minimumRefundMinor,
    // never below the minimum (componentProblems refuses that)
    refundCapMinor: refundCapExtra === null ? null : (minimumRefundMinor ?? 0) + refundCapExtra,
  }));

/** Random valid programs of 2026 with components: volume or growth basis, limits, 0–3 bonuses. */
export const componentProgram: fc.Arbitrary<ComponentProgram> = fc
  .record({
    limits,
    feeBps: fc.integer({ min: 0, max: 10_000 }),
    bonuses: fc
      .integer({ min: 0, max: 3 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => bonusTerms(`Bonus ${i + 1}`)))),
    basis: fc.oneof(
      fc.record({
        basis: fc.constant("volume" as const),
        method: fc.constantFrom("all-units" as const, "incremental" as const),
        tiers: validSchedule,
      }),
      fc.record({
        basis: fc.constant("growth" as const),
        tiers: validGrowthSchedule,
        growthPays: fc.constantFrom("whole" as const, "increment" as const),
        baselines: fc.uniqueArray(
          fc.record({
            month: fc.integer({ min: 1, max: 12 }).map((m) => `2025-${String(m).padStart(2, "0")}`),
            amountMinor: fc.integer({ min: 0, max: 30_000_000 }),
          }),
          { selector: (b) => b.month, maxLength: 3 },
        ),
      }),
    ),
  })
  .map(({ limits: l, feeBps, bonuses, basis }) => ({
    ...COMPONENT_YEAR,
    ...l,
    feeBps,
    bonuses,
    ...basis,
  }));

/** A run month of 2026 (1–12) and sales cells of its months: members 1–8, month by month. */
export const monthCells = (runMonth: number): fc.Arbitrary<SalesCell[]> =>
  fc
    .array(
      fc.record({
        memberId: fc.integer({ min: 1, max: 8 }),
        month: fc.integer({ min: 1, max: runMonth }),
        category: fc.option(fc.constantFrom(...CATEGORY_TEXTS), { nil: null, freq: 5 }),
        sku: fc.option(fc.constantFrom(...SKU_TEXTS), { nil: null, freq: 3 }),
        amountMinor: fc.integer({ min: -5_000_000, max: 60_000_000 }),
        quantity: fc.option(fc.integer({ min: -5, max: 60 }), { nil: null, freq: 5 }),
      }),
      { maxLength: 25 },
    )
    .map((cells) =>
      cells.map(({ month, ...cell }) => ({
        ...cell,
        from: `${monthOfYear(month)}-01`,
        to: lastDay(month),
      })),
    );

/** The pooled volume of 2025's months (a growth program's baseline lines). */
export const priorYearMonths: fc.Arbitrary<MonthVolume[]> = fc.uniqueArray(
  fc.record({
    month: fc.integer({ min: 1, max: 12 }).map((m) => `2025-${String(m).padStart(2, "0")}`),
    amountMinor: fc.integer({ min: -1_000_000, max: 40_000_000 }),
  }),
  { selector: (m) => m.month, maxLength: 12 },
);

/** A run month of 2026, the program's last month (where minimums apply) as often as any other. */
export const componentMonth: fc.Arbitrary<string> = fc.oneof(
  fc.constant("2026-12"),
  fc.integer({ min: 1, max: 12 }).map(monthOfYear),
);
