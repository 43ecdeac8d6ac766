// The program schema's components (SPEC 3.7, SPEC 7): what it takes, and each problem the engine's
// componentProblems finds, refused at its field with a reason told in en, es and pt-BR.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type { Locale } from "~/i18n/locale";
import { programInput } from "./programs";
import { issueMessage } from "./reasons";

const volume = {
  supplierId: 1,
  name: "Lumen 2026",
  currency: "USD",
  start: "2026-01-01",
  end: "2026-12-31",
  method: "all-units",
  feeBps: 1000,
  tiers: [
    { thresholdMinor: 0, rateBps: 100 },
    { thresholdMinor: 10_000_000, rateBps: 200 },
  ],
};
const growth = {
  ...volume,
  name: "Cablenet 2026",
  basis: "growth",
  tiers: [
    { thresholdBps: 0, rateBps: 0 },
    { thresholdBps: 200, rateBps: 125 },
  ],
};

const refusals = (value: unknown, locale: Locale = "en") => {
  const parsed = programInput.safeParse(value);
  if (parsed.success) throw new Error(`expected ${JSON.stringify(value)} to be refused`);
  return parsed.error.issues.map((i: z.ZodIssue) => [i.path.join("."), issueMessage(i, locale)]);
};

describe("programInput with components", () => {
  it("takes SPEC 3.7's terms: limits, a growth basis with baselines, bonuses", () => {
    const lumen = programInput.parse({
      ...volume,
      volumeCapMinor: 20_000_000,
      refundCapMinor: "500000",
      minimumRefundMinor: null,
      bonuses: [
        {
          name: " Q1 cameras ",
          categories: ["Cameras"],
          start: "2026-01-01",
          end: "2026-03-31",
          rateBps: 150,
        },
        {
          name: "Access mix",
          skus: ["ACC-1"],
          perUnitMinor: 250,
          requires: [{ category: "Access", minVolumeMinor: 2_000_000 }],
        },
      ],
    });
    expect(lumen).toMatchObject({
      volumeCapMinor: 20_000_000,
      refundCapMinor: 500_000,
      minimumRefundMinor: null,
      bonuses: [{ name: "Q1 cameras" }, { name: "Access mix", perUnitMinor: 250 }],
    });
    const cablenet = programInput.parse({
      ...growth,
      growthPays: "increment",
      baselines: [{ month: "2025-02", amountMinor: 48_000_000 }],
    });
    expect(cablenet).toMatchObject({
      basis: "growth",
      tiers: growth.tiers,
      baselines: [{ month: "2025-02", amountMinor: 48_000_000 }],
    });
    // A growth schedule typed as lines, as the tier editor sends it.
    expect(programInput.parse({ ...growth, tiers: "0;0\n200;125" }).tiers).toEqual(growth.tiers);
  });

  it("leaves a program without components as it was", () => {
    expect(programInput.parse(volume)).toEqual({
      ...volume,
      includeCategories: [],
      excludeCategories: [],
    });
  });

  it("refuses incremental growth, growth terms on a volume program, and a bad growth schedule", () => {
    expect(
      refusals({
        ...growth,
        method: "incremental",
        tiers: [
          { thresholdBps: 100, rateBps: 50 },
          { thresholdBps: 50, rateBps: 20_000 },
        ],
      }),
    ).toEqual([
      ["method", "cannot be incremental: a growth program is paid all-units"],
      ["tiers.0.thresholdBps", "must be 0 for the first tier"],
      ["tiers.1.rateBps", "must be a whole number of basis points from 0 to 10000"],
      ["tiers.1.thresholdBps", "must be above the previous tier's threshold"],
    ]);
    expect(
      refusals({
        ...volume,
        growthPays: "whole",
        baselines: [{ month: "2025-01", amountMinor: 1 }],
      }),
    ).toEqual([
      ["growthPays", "applies only to a program with a growth basis"],
      ["baselines", "applies only to a program with a growth basis"],
    ]);
    expect(refusals({ ...volume, basis: "volumes" })).toEqual([
      ["basis", 'must be "volume" or "growth"'],
    ]);
    expect(refusals({ ...growth, tiers: [{ thresholdMinor: 0, rateBps: 100 }] })).toEqual([
      ["tiers.0.thresholdBps", "Required"],
    ]);
  });

  it("refuses baselines outside the year before, repeated, or negative", () => {
    expect(
      refusals({
        ...growth,
        baselines: [
          { month: "2024-12", amountMinor: 1 },
          { month: "2025-03", amountMinor: 1 },
          { month: "2025-03", amountMinor: -1 },
        ],
      }),
    ).toEqual([
      ["baselines.0.month", "must be a month from 2025-01 to 2025-12"],
      ["baselines.2.month", "is given more than once"],
      ["baselines.2.amountMinor", "must be a whole number of minor units, 0 or more"],
    ]);
  });

  it("refuses limits below 0 and a minimum above the refund cap", () => {
    expect(
      refusals({ ...volume, volumeCapMinor: -1, refundCapMinor: 100, minimumRefundMinor: 200 }),
    ).toEqual([
      ["volumeCapMinor", "must be a whole number of minor units, 0 or more"],
      ["minimumRefundMinor", "cannot be above the refund cap"],
    ]);
  });

  it("refuses a bonus paying both or nothing, outside the program, blank or named twice", () => {
    expect(
      refusals({
        ...volume,
        bonuses: [
          { name: "Both", rateBps: 100, perUnitMinor: 5, categories: ["Cameras", " "] },
          { name: "Nothing", start: "2026-03-01", end: "2026-02-01" },
          { name: "Late", start: "2026-06-01", end: "2027-01-31", rateBps: 10 },
          { name: "both", rateBps: 10, requires: [{ category: "", minVolumeMinor: -5 }] },
          { name: "Tier", rateBps: 10 },
          { name: " ", rateBps: 10 },
        ],
      }),
    ).toEqual([
      ["bonuses.0", "pays either a rate (rateBps) or an amount per unit (perUnitMinor), not both"],
      ["bonuses.0.categories", "has a blank entry"],
      ["bonuses.1", "needs a rate (rateBps) or an amount per unit (perUnitMinor)"],
      ["bonuses.1.end", "must not be before the start date"],
      ["bonuses.2.end", "must be a date from 2026-01-01 to 2026-12-31"],
      ["bonuses.3.requires.0.category", "is required"],
      ["bonuses.3.requires.0.minVolumeMinor", "must be a whole number of minor units, 0 or more"],
      [
        "bonuses.3.name",
        'is already the name of another component ("tier" is the tier component\'s)',
      ],
      [
        "bonuses.4.name",
        'is already the name of another component ("tier" is the tier component\'s)',
      ],
      ["bonuses.5.name", "is required"],
    ]);
  });

  it("tells each problem in Spanish and Portuguese", () => {
    const body = { ...growth, method: "incremental", bonuses: [{ name: "B" }] };
    expect(refusals(body, "es")).toEqual([
      [
        "method",
        "no puede ser incremental: un programa de crecimiento se paga sobre todas las unidades",
      ],
      ["bonuses.0", "necesita una tasa (rateBps) o un monto por unidad (perUnitMinor)"],
    ]);
    expect(refusals(body, "pt-BR")).toEqual([
      [
        "method",
        "não pode ser incremental: um programa de crescimento é pago sobre todas as unidades",
      ],
      ["bonuses.0", "precisa de uma taxa (rateBps) ou um valor por unidade (perUnitMinor)"],
    ]);
  });
});
