import { describe, expect, it } from "vitest";
import { nestFields, programFromForm } from "./program-form";
import { programInput } from "./programs";

const base = {
  supplierId: "1",
  name: "Axion 2026",
  currency: "USD",
  start: "2026-01-01",
  end: "2026-12-31",
  feeBps: "1000",
  includeCategories: "",
  excludeCategories: "",
};

describe("nestFields", () => {
  it("turns paths into objects and lists in the order of their indexes", () => {
    expect(
      nestFields({
        "tiers.1.rateBps": "200",
        "tiers.0.rateBps": "100",
        "tiers.10.rateBps": "300",
        "bonuses.0.requires.0.category": "Cameras",
        name: "x",
        file: new Blob([]) as unknown as string,
      }),
    ).toEqual({
      tiers: [{ rateBps: "100" }, { rateBps: "200" }, { rateBps: "300" }],
      bonuses: [{ requires: [{ category: "Cameras" }] }],
      name: "x",
    });
  });
});

describe("programFromForm", () => {
  it("states every component when the editor sends all terms: blanks and missing lists are none", () => {
    const input = programFromForm({
      ...base,
      terms: "all",
      basis: "volume",
      method: "all-units",
      "tiers.0.thresholdMinor": "0",
      "tiers.0.rateBps": "100",
      volumeCapMinor: "",
      refundCapMinor: "",
      minimumRefundMinor: "",
    });
    expect(input).toMatchObject({
      basis: "volume",
      growthPays: null,
      baselines: [],
      bonuses: [],
      volumeCapMinor: "",
      tiers: [{ thresholdMinor: "0", rateBps: "100" }],
    });
    expect(programInput.parse(input)).toMatchObject({
      basis: "volume",
      tiers: [{ thresholdMinor: 0, rateBps: 100 }],
      volumeCapMinor: null,
      bonuses: [],
    });
  });

  it("reads a bonus card: lists from text, a blank window as none, only the chosen pay", () => {
    const input = programFromForm({
      ...base,
      terms: "all",
      basis: "growth",
      method: "incremental",
      growthPays: "increment",
      "tiers.0.thresholdBps": "0",
      "tiers.0.rateBps": "0",
      "bonuses.0.name": "Q1",
      "bonuses.0.categories": " Cameras,\nAccess , ",
      "bonuses.0.start": "",
      "bonuses.0.end": "2026-03-31",
      "bonuses.0.pays": "perUnit",
      "bonuses.0.perUnitMinor": "250",
    });
    expect(programInput.parse(input)).toMatchObject({
      basis: "growth",
      method: null,
      growthPays: "increment",
      bonuses: [
        {
          name: "Q1",
          categories: ["Cameras", "Access"],
          skus: [],
          start: null,
          end: "2026-03-31",
          rateBps: null,
          perUnitMinor: 250,
          requires: [],
        },
      ],
    });
  });

  it("passes a form without `terms` through, so an older edit keeps the stored components", () => {
    const form = { ...base, method: "all-units", tiers: "0;100" };
    expect(programFromForm(form)).toEqual(form);
  });
});
