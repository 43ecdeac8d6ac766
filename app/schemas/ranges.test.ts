import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { supplierPaymentInput } from "./money";
import { memberInput } from "./parties";
import { fxRatesInput, monthKey, programInput, tierSchedule } from "./programs";
import { DATE_MAX, DATE_MIN, MAX_AMOUNT_MINOR, MAX_TIERS } from "./ranges";
import { issueMessage } from "./reasons";

const refusals = (schema: z.ZodTypeAny, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error(`expected ${JSON.stringify(value)} to be refused`);
  return parsed.error.issues.map((i) => [i.path.join("."), issueMessage(i, "en")]);
};

const member = { name: "Ana", taxId: "X1", country: "MX", joinedOn: "2026-01-01" };
const program = {
  supplierId: 1,
  name: "Axion 2026",
  currency: "USD",
  start: "2026-01-01",
  end: "2026-12-31",
  method: "all-units",
  feeBps: 1000,
  tiers: [{ thresholdMinor: 0, rateBps: 100 }],
};
const rate = { month: "2026-01", from: "BRL", to: "USD", rate: "0.180196" };

describe("dates and months (2000-01-01 to 2099-12-31)", () => {
  it("refuses dates outside the window, saying the window", () => {
    for (const joinedOn of ["0000-01-01", "1999-12-31", "2100-01-01", "9999-12-31"])
      expect(refusals(memberInput, { ...member, joinedOn })).toEqual([
        ["joinedOn", "must be a date from 2000-01-01 to 2099-12-31"],
      ]);
    expect(refusals(programInput, { ...program, start: "0000-01-01", end: "9999-12-31" })).toEqual([
      ["start", "must be a date from 2000-01-01 to 2099-12-31"],
      ["end", "must be a date from 2000-01-01 to 2099-12-31"],
    ]);
  });

  it("takes the window's own ends, and says a bad date once", () => {
    expect(memberInput.parse({ ...member, joinedOn: DATE_MIN, leftOn: DATE_MAX }).leftOn).toBe(
      DATE_MAX,
    );
    expect(refusals(memberInput, { ...member, joinedOn: "2026-02-30" })).toEqual([
      ["joinedOn", "is not a real date"],
    ]);
    expect(refusals(memberInput, { ...member, joinedOn: "1/2/2026" })).toEqual([
      ["joinedOn", "must be a date written YYYY-MM-DD"],
    ]);
  });

  it("refuses months outside the window", () => {
    expect(monthKey.parse("2000-01")).toBe("2000-01");
    expect(monthKey.parse("2099-12")).toBe("2099-12");
    expect(refusals(monthKey, "1999-12")).toEqual([
      ["", "must be a month from 2000-01 to 2099-12"],
    ]);
    expect(refusals(monthKey, "9999-12")).toEqual([
      ["", "must be a month from 2000-01 to 2099-12"],
    ]);
    expect(refusals(monthKey, "2026-13")).toEqual([["", "must be a month written YYYY-MM"]]);
  });
});

describe("FX rates", () => {
  it("refuses a 1,000-digit rate and one of 10 digits before the point", () => {
    const message = "must have at most 9 digits before the decimal point and 8 after it";
    expect(refusals(fxRatesInput, [{ ...rate, rate: "9".repeat(1000) }])).toEqual([
      ["0.rate", message],
    ]);
    expect(refusals(fxRatesInput, [{ ...rate, rate: "1000000000" }])).toEqual([
      ["0.rate", message],
    ]);
    expect(refusals(fxRatesInput, [{ ...rate, rate: `0.${"1".repeat(40)}` }])).toEqual([
      ["0.rate", message],
    ]);
  });

  it("takes the largest and the smallest rate the engine reads", () => {
    for (const r of ["999999999.99999999", "0.00000001", "000000000012.5", "17.1"])
      expect(fxRatesInput.parse([{ ...rate, rate: r }])[0].rate).toBe(r);
  });
});

describe("tier schedules, fees and amounts", () => {
  const tiers = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ thresholdMinor: i * 1000, rateBps: 100 }));

  it(`takes at most ${MAX_TIERS} tiers, sent or typed`, () => {
    expect(tierSchedule.parse(tiers(MAX_TIERS))).toHaveLength(MAX_TIERS);
    expect(refusals(programInput, { ...program, tiers: tiers(5000) })).toEqual([
      ["tiers", "may have at most 20 tiers"],
    ]);
    const typed = tiers(21)
      .map((t) => `${t.thresholdMinor};${t.rateBps}`)
      .join("\n");
    expect(refusals(tierSchedule, typed)).toEqual([["", "may have at most 20 tiers"]]);
  });

  it("bounds thresholds and payments by MAX_AMOUNT_MINOR", () => {
    const big = [
      { thresholdMinor: 0, rateBps: 100 },
      { thresholdMinor: MAX_AMOUNT_MINOR + 1, rateBps: 200 },
    ];
    expect(refusals(tierSchedule, big)).toEqual([
      ["1.thresholdMinor", `must be at most ${MAX_AMOUNT_MINOR} minor units (cents)`],
    ]);
    const payment = { programId: 1, receivedOn: "2026-01-31", reference: "T-1" };
    expect(
      supplierPaymentInput.parse({ ...payment, amountMinor: MAX_AMOUNT_MINOR }).amountMinor,
    ).toBe(MAX_AMOUNT_MINOR);
    expect(refusals(supplierPaymentInput, { ...payment, amountMinor: 1e300 })).toEqual([
      ["amountMinor", `must be at most ${MAX_AMOUNT_MINOR} minor units (cents)`],
    ]);
  });

  it("caps the category lists", () => {
    const many = Array.from({ length: 101 }, (_, i) => `C${i}`);
    expect(refusals(programInput, { ...program, includeCategories: many })).toEqual([
      ["includeCategories", "may have at most 100 items"],
    ]);
  });
});
