import { describe, expect, it } from "vitest";
import {
  assertComponents,
  componentProblems,
  hasComponents,
  validateComponents,
  type ComponentProgram,
  type GrowthProgram,
  type VolumeProgram,
} from "./components";
import { DomainError } from "./errors";

const volume: VolumeProgram = {
  start: "2026-01-01",
  end: "2026-12-31",
  method: "all-units",
  tiers: [{ thresholdMinor: 0, rateBps: 100 }],
  feeBps: 1_000,
};
const growth: GrowthProgram = {
  start: "2026-01-01",
  end: "2026-12-31",
  basis: "growth",
  tiers: [
    { thresholdBps: 0, rateBps: 0 },
    { thresholdBps: 200, rateBps: 125 },
  ],
  feeBps: 1_000,
};
const problemsOf = (program: ComponentProgram) =>
  componentProblems(program).map(({ path, problem }) => [path, problem]);

describe("componentProblems", () => {
  it("finds nothing wrong with a program of 3.2–3.3, nor with SPEC 3.7's programs", () => {
    expect(componentProblems(volume)).toEqual([]);
    expect(hasComponents(volume)).toBe(false);
    const full: ComponentProgram = {
      ...volume,
      volumeCapMinor: 20_000_000,
      refundCapMinor: 500_000,
      minimumRefundMinor: 100_000,
      bonuses: [
        {
          name: "Q1 cameras",
          categories: ["Cameras"],
          start: "2026-01-01",
          end: "2026-03-31",
          rateBps: 150,
        },
        {
          name: "Access mix",
          categories: ["Access"],
          rateBps: 50,
          requires: [{ category: "Cameras", minVolumeMinor: 5_000_000 }],
        },
        { name: "Units", skus: ["CAM-1"], perUnitMinor: 500, rateBps: null },
      ],
    };
    expect(componentProblems(full)).toEqual([]);
    expect(hasComponents(full)).toBe(true);
    const growing = {
      ...growth,
      growthPays: "increment" as const,
      baselines: [{ month: "2025-02", amountMinor: 1 }],
    };
    expect(componentProblems(growing)).toEqual([]);
    expect(hasComponents(growth)).toBe(true);
  });

  it("refuses the incremental method with a growth basis, and growth fields without one", () => {
    expect(problemsOf({ ...growth, method: "incremental" })).toEqual([
      ["method", "growth_incremental"],
    ]);
    expect(componentProblems({ ...growth, method: "all-units" })).toEqual([]);
    expect(
      problemsOf({
        ...volume,
        growthPays: "whole",
        baselines: [{ month: "2025-01", amountMinor: 1 }],
      }),
    ).toEqual([
      ["growthPays", "growth_only"],
      ["baselines", "growth_only"],
    ]);
  });

  it("checks a growth schedule of {thresholdBps, rateBps}", () => {
    expect(problemsOf({ ...growth, tiers: [] })).toEqual([["tiers", "growth_no_tiers"]]);
    expect(
      problemsOf({
        ...growth,
        tiers: [
          { thresholdBps: 100, rateBps: 50 },
          { thresholdBps: 100, rateBps: 40 },
          { thresholdBps: 1.5, rateBps: 10_001 },
        ],
      }),
    ).toEqual([
      ["tiers.0.thresholdBps", "growth_first_threshold_not_zero"],
      ["tiers.1.thresholdBps", "growth_threshold_not_rising"],
      ["tiers.1.rateBps", "growth_rate_falling"],
      ["tiers.2.thresholdBps", "growth_threshold_invalid"],
      ["tiers.2.rateBps", "growth_rate_invalid"],
      ["tiers.2.thresholdBps", "growth_threshold_not_rising"],
    ]);
    // growth above 100 % is a threshold like any other
    expect(
      componentProblems({
        ...growth,
        tiers: [...growth.tiers, { thresholdBps: 25_000, rateBps: 200 }],
      }),
    ).toEqual([]);
  });

  it("checks negotiated baseline months: in the year before the program, each once", () => {
    const baselines = [
      { month: "2025-13", amountMinor: 1 },
      { month: "2026-01", amountMinor: 1 },
      { month: "2025-03", amountMinor: 1 },
      { month: "2025-03", amountMinor: -1 },
    ];
    expect(componentProblems({ ...growth, baselines })).toEqual([
      { path: "baselines.0.month", problem: "baseline_month_invalid", month: "2025-13" },
      {
        path: "baselines.1.month",
        problem: "baseline_month_outside",
        month: "2026-01",
        from: "2025-01",
        to: "2025-12",
      },
      { path: "baselines.3.month", problem: "baseline_month_repeated", month: "2025-03" },
      {
        path: "baselines.3.amountMinor",
        problem: "baseline_amount_invalid",
        month: "2025-03",
        amount: -1,
      },
    ]);
  });

  it("checks the limits: whole minor units, 0 or more, the minimum not above the refund cap", () => {
    expect(
      problemsOf({
        ...volume,
        volumeCapMinor: -1,
        refundCapMinor: 0.5,
        minimumRefundMinor: Number.NaN,
      }),
    ).toEqual([
      ["volumeCapMinor", "limit_invalid"],
      ["refundCapMinor", "limit_invalid"],
      ["minimumRefundMinor", "limit_invalid"],
    ]);
    expect(problemsOf({ ...volume, refundCapMinor: 100, minimumRefundMinor: 101 })).toEqual([
      ["minimumRefundMinor", "minimum_above_refund_cap"],
    ]);
    expect(
      componentProblems({
        ...volume,
        refundCapMinor: 100,
        minimumRefundMinor: 100,
        volumeCapMinor: 0,
      }),
    ).toEqual([]);
  });

  it("checks what a bonus pays: a rate or an amount per unit, exactly one", () => {
    expect(
      problemsOf({
        ...volume,
        bonuses: [
          { name: "Both", rateBps: 10, perUnitMinor: 5 },
          { name: "Neither" },
          { name: "Rate", rateBps: 10_001 },
          { name: "Unit", perUnitMinor: 2.5 },
        ],
      }),
    ).toEqual([
      ["bonuses.0", "bonus_pays_both"],
      ["bonuses.1", "bonus_pays_nothing"],
      ["bonuses.2.rateBps", "bonus_rate_invalid"],
      ["bonuses.3.perUnitMinor", "bonus_per_unit_invalid"],
    ]);
  });

  it("checks a bonus's window: dates, order, inside the program", () => {
    expect(
      problemsOf({
        ...volume,
        bonuses: [
          { name: "A", start: "2026-02-30", rateBps: 1 },
          { name: "B", start: "2026-03-01", end: "2026-02-01", rateBps: 1 },
          { name: "C", start: "2025-12-01", rateBps: 1 },
          { name: "D", end: "2027-01-31", rateBps: 1 },
          { name: "E", start: "2027-02-01", rateBps: 1 },
          { name: "F", start: "2026-12-31", end: "2026-12-31", rateBps: 1 },
        ],
      }),
    ).toEqual([
      ["bonuses.0.start", "bonus_date_invalid"],
      ["bonuses.1.end", "bonus_window_reversed"],
      ["bonuses.2.start", "bonus_window_outside"],
      ["bonuses.3.end", "bonus_window_outside"],
      ["bonuses.4.end", "bonus_window_reversed"],
      ["bonuses.4.start", "bonus_window_outside"],
    ]);
  });

  it("checks names (unique, case-insensitive, not the tier's), selections and mix conditions", () => {
    expect(
      problemsOf({
        ...volume,
        bonuses: [
          { name: " ", rateBps: 1 },
          { name: "Cams", categories: ["Cameras", " "], skus: [""], rateBps: 1 },
          { name: "cams ", rateBps: 1 },
          { name: "Tier", rateBps: 1 },
          {
            name: "Mix",
            rateBps: 1,
            requires: [
              { category: "", minVolumeMinor: 1 },
              { category: "Access", minVolumeMinor: -1 },
            ],
          },
        ],
      }),
    ).toEqual([
      ["bonuses.1.categories", "bonus_selection_blank"],
      ["bonuses.1.skus", "bonus_selection_blank"],
      ["bonuses.4.requires.0.category", "requirement_category_blank"],
      ["bonuses.4.requires.1.minVolumeMinor", "requirement_minimum_invalid"],
      ["bonuses.0.name", "bonus_name_blank"],
      ["bonuses.2.name", "bonus_name_taken"],
      ["bonuses.3.name", "bonus_name_taken"],
    ]);
  });
});

describe("assertComponents and validateComponents", () => {
  const bad: ComponentProgram = { ...growth, method: "incremental", refundCapMinor: -5 };

  it("throws components_invalid with each problem's path and sentence", () => {
    let error: unknown;
    try {
      assertComponents(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("components_invalid");
    expect((error as DomainError).details).toEqual({
      problems: [
        {
          path: "method",
          message:
            "A growth program is paid all-units: the incremental method cannot be used with a growth basis.",
        },
        {
          path: "refundCapMinor",
          message: "The refund cap -5 is not a whole number of minor units, 0 or more.",
        },
      ],
    });
    expect(() => assertComponents(volume)).not.toThrow();
  });

  it("tells the problems in the reader's language", () => {
    expect(validateComponents(bad, "es")).toEqual([
      "Un programa de crecimiento se paga sobre todas las unidades: no se puede usar el método incremental con base de crecimiento.",
      "El tope de reembolso (-5) no es un número entero de unidades menores, 0 o mayor.",
    ]);
    expect(validateComponents(bad, "pt-BR")[1]).toBe(
      "O teto de reembolso (-5) não é um número inteiro de unidades menores, 0 ou mais.",
    );
  });
});
