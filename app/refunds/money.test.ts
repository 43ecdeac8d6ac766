import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addMinor,
  addMonths,
  applyBps,
  assertIsoDate,
  isIsoDate,
  nextDay,
  previousDay,
  yearBefore,
  lastDayOfMonth,
  minorExponent,
  monthOf,
  monthsInclusive,
  nextMonth,
  roundHalfAwayFromZero,
  sumMinor,
  toMinor,
} from "./money";
import { codeOf } from "@tests/setup/errors";

describe("roundHalfAwayFromZero", () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [5n, -2n, -3n],
    [-5n, -2n, 3n],
    [7n, 3n, 2n],
    [8n, 3n, 3n],
    [-7n, 3n, -2n],
    [-8n, 3n, -3n],
    [0n, 7n, 0n],
    [14_999n, 10_000n, 1n],
    [15_000n, 10_000n, 2n],
    [-15_000n, 10_000n, -2n],
  ])("%d / %d → %d", (num, den, expected) => {
    expect(roundHalfAwayFromZero(num, den)).toBe(expected);
  });

  it("refuses a zero denominator", () => {
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });

  it("is never more than half a unit away and mirrors around zero", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, d) => {
          const r = roundHalfAwayFromZero(n, d);
          const diff = r * d - n;
          expect(2n * (diff < 0n ? -diff : diff) <= d).toBe(true);
          expect(roundHalfAwayFromZero(-n, d)).toBe(-r);
        },
      ),
    );
  });
});

describe("applyBps", () => {
  it("takes basis points of an amount, rounding half away from zero", () => {
    expect(applyBps(8_000_000, 100)).toBe(80_000);
    expect(applyBps(360_000, 1_000)).toBe(36_000);
    expect(applyBps(5, 1_000)).toBe(1); // 0.5 → 1
    expect(applyBps(-5, 1_000)).toBe(-1);
    expect(applyBps(4, 1_000)).toBe(0);
    expect(applyBps(727_564, 1_000)).toBe(72_756);
  });

  it("stays exact beyond 2^53 in the intermediate product", () => {
    expect(applyBps(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
    expect(applyBps(Number.MAX_SAFE_INTEGER, 5_000)).toBe(4_503_599_627_370_496);
  });
});

describe("safe minor arithmetic", () => {
  it("adds and sums exactly", () => {
    expect(addMinor(1, 2)).toBe(3);
    expect(sumMinor([100, -30, 7])).toBe(77);
    expect(toMinor(123n)).toBe(123);
  });

  it("refuses sums a number cannot hold", () => {
    expect(codeOf(() => addMinor(Number.MAX_SAFE_INTEGER, 1))).toBe("amount_out_of_range");
    expect(codeOf(() => toMinor(2n ** 53n))).toBe("amount_out_of_range");
  });
});

describe("minorExponent", () => {
  it("gives ISO 4217 digits", () => {
    expect(minorExponent("USD")).toBe(2);
    expect(minorExponent("MXN")).toBe(2);
    expect(minorExponent("BRL")).toBe(2);
    expect(minorExponent("CLP")).toBe(0);
    expect(minorExponent("JPY")).toBe(0);
    expect(minorExponent("KWD")).toBe(3);
  });

  it("refuses codes that are not currencies, naming them", () => {
    expect(codeOf(() => minorExponent("XYZ"))).toBe("currency_unknown");
    expect(codeOf(() => minorExponent("usd"))).toBe("currency_unknown");
    expect(() => minorExponent("DOLLAR")).toThrow(/"DOLLAR"/);
  });
});

describe("months and dates", () => {
  it("takes the month of a date", () => {
    expect(monthOf("2026-03-31")).toBe("2026-03");
    expect(codeOf(() => monthOf("31/03/2026"))).toBe("date_invalid");
    expect(codeOf(() => monthOf("2026-02-30"))).toBe("date_invalid");
  });

  it("knows leap years", () => {
    expect(lastDayOfMonth("2024-02")).toBe("2024-02-29");
    expect(lastDayOfMonth("2026-02")).toBe("2026-02-28");
    expect(lastDayOfMonth("2000-02")).toBe("2000-02-29");
    expect(lastDayOfMonth("2100-02")).toBe("2100-02-28");
    expect(lastDayOfMonth("2026-04")).toBe("2026-04-30");
    expect(lastDayOfMonth("2026-12")).toBe("2026-12-31");
    expect(() => assertIsoDate("2024-02-29")).not.toThrow();
  });

  it("steps to the next month across the year end", () => {
    expect(nextMonth("2026-01")).toBe("2026-02");
    expect(nextMonth("2026-09")).toBe("2026-10");
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(codeOf(() => nextMonth("2026-13"))).toBe("date_invalid");
  });

  it("counts months inclusively", () => {
    expect(monthsInclusive("2026-01", "2026-12")).toBe(12);
    expect(monthsInclusive("2025-07", "2026-06")).toBe(12);
    expect(monthsInclusive("2026-03", "2026-03")).toBe(1);
  });

  it("steps months by any count, and days across month and year ends", () => {
    expect(addMonths("2026-02", -12)).toBe("2025-02");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-11", 14)).toBe("2027-01");
    expect(nextDay("2024-02-28")).toBe("2024-02-29");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(previousDay("2026-03-01")).toBe("2026-02-28");
    expect(previousDay("2026-01-01")).toBe("2025-12-31");
    expect(previousDay("2026-01-15")).toBe("2026-01-14");
  });

  it("takes the same day a year earlier, 29 February becoming 28", () => {
    expect(yearBefore("2026-07-15")).toBe("2025-07-15");
    expect(yearBefore("2024-02-29")).toBe("2023-02-28");
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate(20240229)).toBe(false);
  });
});
