import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertMinor, parseRate, type Rate } from "./fx";
import { minorExponent, roundHalfAwayFromZero } from "./money";
import { codeOf } from "@tests/setup/errors";

describe("parseRate", () => {
  it("reads decimals exactly", () => {
    expect(parseRate("0.180196")).toEqual({ num: 180196n, den: 1_000_000n });
    expect(parseRate("17.5")).toEqual({ num: 175n, den: 10n });
    expect(parseRate("950")).toEqual({ num: 950n, den: 1n });
    expect(parseRate(" 0.00000001 ")).toEqual({ num: 1n, den: 100_000_000n });
  });

  it.each(["0", "0.000", "-1.2", "1,5", "1.123456789", "", ".5", "1.", "1e3", "abc"])(
    "refuses %j",
    (text) => {
      expect(codeOf(() => parseRate(text))).toBe("fx_rate_invalid");
    },
  );

  it("names the offending text", () => {
    expect(() => parseRate("1,5")).toThrow(/"1,5"/);
  });
});

describe("convertMinor", () => {
  it("converts BRL to USD and rounds half away from zero per line", () => {
    // 1,234.56 BRL × 0.180196 = 222.462773... USD
    expect(convertMinor(123_456, "BRL", "USD", parseRate("0.180196"))).toBe(22_246);
    // 0.25 BRL × 0.18 = 0.045 → 0.05 (half away from zero), and the credit note mirrors it
    expect(convertMinor(25, "BRL", "USD", parseRate("0.18"))).toBe(5);
    expect(convertMinor(-25, "BRL", "USD", parseRate("0.18"))).toBe(-5);
    expect(convertMinor(-123_456, "BRL", "USD", parseRate("0.180196"))).toBe(-22_246);
  });

  it("scales between currencies with different minor exponents", () => {
    // 10.00 USD at 950.5 CLP/USD = 9,505 CLP (CLP has no minor unit)
    expect(convertMinor(1_000, "USD", "CLP", parseRate("950.5"))).toBe(9_505);
    // 1 USD cent = 9.505 CLP → 10 CLP
    expect(convertMinor(1, "USD", "CLP", parseRate("950.5"))).toBe(10);
    // 9,505 CLP at 0.00105 USD/CLP = 9.98025 USD → 9.98
    expect(convertMinor(9_505, "CLP", "USD", parseRate("0.00105"))).toBe(998);
    // 1.000 KWD (3 digits) at 3.25 USD/KWD = 3.25 USD
    expect(convertMinor(1_000, "KWD", "USD", parseRate("3.25"))).toBe(325);
  });

  it("keeps the product exact beyond 2^53", () => {
    expect(convertMinor(9_000_000_000_000, "MXN", "USD", parseRate("0.05712345"))).toBe(
      514_111_050_000,
    );
  });

  it("gives the exact BigInt result whichever path it takes", () => {
    const bigintConvert = (amount: number, from: string, to: string, rate: Rate) => {
      const scale = (c: string) => 10n ** BigInt(minorExponent(c));
      const value = roundHalfAwayFromZero(
        BigInt(amount) * rate.num * scale(to),
        rate.den * scale(from),
      );
      return Number(value);
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -10_000_000, max: 10_000_000 }),
          fc.maxSafeInteger().map((n) => Math.trunc(n / 1000)),
        ),
        fc.integer({ min: 1, max: 99_999_999_999 }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom("USD", "BRL", "CLP", "KWD", "MXN"),
        fc.constantFrom("USD", "CLP", "KWD"),
        (amount, digits, decimals, from, to) => {
          const text = String(digits).padStart(decimals + 1, "0");
          const rate = parseRate(
            decimals ? `${text.slice(0, -decimals)}.${text.slice(-decimals)}` : text,
          );
          const expected = bigintConvert(amount, from, to, rate);
          if (!Number.isSafeInteger(expected)) return;
          expect(convertMinor(amount, from, to, rate)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("refuses unknown currencies and non-positive rates", () => {
    expect(codeOf(() => convertMinor(1, "XXQ", "USD", parseRate("1")))).toBe("currency_unknown");
    expect(codeOf(() => convertMinor(1, "BRL", "USD", { num: 0n, den: 1n }))).toBe(
      "fx_rate_invalid",
    );
  });
});
