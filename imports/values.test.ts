import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  currencyExponent,
  decimalSeparatorHint,
  detectDecimalSeparator,
  isBlankRow,
  isKnownCurrency,
  isTotalsRow,
  normalizeCustomerKey,
  numberToDecimalString,
  parseAmount,
  parseQuantity,
} from "./values";

describe("parseAmount", () => {
  it("reads the SPEC 4.3 text forms exactly", () => {
    expect(parseAmount("1,234.56", ".", 2)).toBe(123456);
    expect(parseAmount("1.234,56", ",", 2)).toBe(123456);
    expect(parseAmount("$ 1 234,56", ",", 2)).toBe(123456);
    expect(parseAmount("(123.45)", ".", 2)).toBe(-12345);
    expect(parseAmount("-123.45", ".", 2)).toBe(-12345);
  });

  it("reads signs, symbols and codes around the digits", () => {
    expect(parseAmount("123.45-", ".", 2)).toBe(-12345);
    expect(parseAmount("R$ 1.234,56", ",", 2)).toBe(123456);
    expect(parseAmount("$15,138.76", ".", 2)).toBe(1513876);
    expect(parseAmount("-$1,234.50", ".", 2)).toBe(-123450);
    expect(parseAmount("$ -1,234.50", ".", 2)).toBe(-123450);
    expect(parseAmount("($1,234.50)", ".", 2)).toBe(-123450);
    expect(parseAmount("1.234,56 BRL", ",", 2)).toBe(123456);
    expect(parseAmount("USD 1,000", ".", 2)).toBe(100000);
    expect(parseAmount("+12.5", ".", 2)).toBe(1250);
    expect(parseAmount("\u2212 12.5", ".", 2)).toBe(-1250);
    expect(parseAmount(".50", ".", 2)).toBe(50);
    expect(parseAmount("0,5", ",", 2)).toBe(50);
  });

  it("reads non-breaking and thin spaces and apostrophes as digit grouping", () => {
    expect(parseAmount("1\u00a0234,56", ",", 2)).toBe(123456);
    expect(parseAmount("1\u202f234\u202f567,8", ",", 2)).toBe(123456780);
    expect(parseAmount("1'234.56", ".", 2)).toBe(123456);
  });

  it("rounds half away from zero past the currency's decimals", () => {
    expect(parseAmount("1.005", ".", 2)).toBe(101);
    expect(parseAmount("1.0049", ".", 2)).toBe(100);
    expect(parseAmount("-1.005", ".", 2)).toBe(-101);
    expect(parseAmount("2.5", ".", 0)).toBe(3);
    expect(parseAmount("-2.5", ".", 0)).toBe(-3);
    expect(parseAmount("1.2345", ".", 3)).toBe(1235);
  });

  it("converts number cells through their shortest decimal text, not float math", () => {
    expect(parseAmount(1.005, ".", 2)).toBe(101); // Math.round(1.005 * 100) would give 100
    expect(parseAmount(3955.96, ",", 2)).toBe(395596); // the separator is for text only
    expect(parseAmount(-296.73, ".", 2)).toBe(-29673);
    expect(parseAmount(0.1 + 0.2, ".", 2)).toBe(30);
    expect(parseAmount(1e-7, ".", 2)).toBe(0);
    expect(parseAmount(-0.004, ".", 2)).toBe(0);
    expect(Object.is(parseAmount(-0.004, ".", 2), -0)).toBe(false);
    expect(parseAmount(1234, ".", 0)).toBe(1234);
    expect(parseAmount(1e21, ".", 2)).toBeNull(); // past Number.MAX_SAFE_INTEGER minor units
    expect(parseAmount(Number.NaN, ".", 2)).toBeNull();
  });

  it("refuses text that is not an amount, or that contradicts the file's separator", () => {
    expect(parseAmount("twelve", ".", 2)).toBeNull();
    expect(parseAmount("", ".", 2)).toBeNull();
    expect(parseAmount("12abc34", ".", 2)).toBeNull();
    expect(parseAmount("1.234,56", ".", 2)).toBeNull();
    expect(parseAmount("1,234.56", ",", 2)).toBeNull();
    expect(parseAmount("1.5", ",", 2)).toBeNull();
    expect(parseAmount("12,34,5", ".", 2)).toBeNull();
    expect(parseAmount("1.2.3", ".", 2)).toBeNull();
    expect(parseAmount("(-5)", ".", 2)).toBeNull();
    expect(parseAmount("--5", ".", 2)).toBeNull();
    expect(parseAmount("(5", ".", 2)).toBeNull();
    expect(parseAmount("5%", ".", 2)).toBeNull();
    expect(parseAmount("12 units", ".", 2)).toBeNull();
    expect(parseAmount("2026-01-05", ".", 2)).toBeNull();
    expect(parseAmount("1e5", ".", 2)).toBeNull();
    expect(parseAmount(new Date(), ".", 2)).toBeNull();
    expect(parseAmount(true, ".", 2)).toBeNull();
  });
});

/** Formats integer minor units without any float: "1234567" cents → groups and decimals. */
function formatMinor(minor: bigint, exponent: number, thousands: string, decimal: string): string {
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  return exponent === 0 ? grouped : `${grouped}${decimal}${digits.slice(digits.length - exponent)}`;
}

const STYLES: Array<{
  name: string;
  decimal: "." | ",";
  format(minor: bigint, exponent: number): string;
}> = [
  {
    name: "1,234.56",
    decimal: ".",
    format: (m, e) => `${m < 0n ? "-" : ""}${formatMinor(m, e, ",", ".")}`,
  },
  {
    name: "1.234,56",
    decimal: ",",
    format: (m, e) => `${m < 0n ? "-" : ""}${formatMinor(m, e, ".", ",")}`,
  },
  {
    name: "$ 1 234,56",
    decimal: ",",
    format: (m, e) => `$ ${m < 0n ? "-" : ""}${formatMinor(m, e, " ", ",")}`,
  },
  {
    name: "(123.45)",
    decimal: ".",
    format: (m, e) => (m < 0n ? `(${formatMinor(m, e, ",", ".")})` : formatMinor(m, e, ",", ".")),
  },
  {
    name: "R$ 1.234,56-",
    decimal: ",",
    format: (m, e) => `R$ ${formatMinor(m, e, ".", ",")}${m < 0n ? "-" : ""}`,
  },
];

describe("parseAmount round trip (property)", () => {
  const minor = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
  const exponent = fc.constantFrom(0, 2, 3);

  for (const style of STYLES) {
    it(`formats and reads back any amount in the style ${style.name}`, () => {
      fc.assert(
        fc.property(minor, exponent, (m, e) => {
          expect(parseAmount(style.format(m, e), style.decimal, e)).toBe(Number(m));
        }),
        { numRuns: 500 },
      );
    });
  }

  it("reads back a number cell holding minor / 10^exponent", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), exponent, (m, e) => {
        expect(parseAmount(m / 10 ** e, ".", e)).toBe(m === 0 ? 0 : m);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("numberToDecimalString", () => {
  it("writes the shortest round-trip decimal in plain notation", () => {
    expect(numberToDecimalString(1.005)).toBe("1.005");
    expect(numberToDecimalString(1e-7)).toBe("0.0000001");
    expect(numberToDecimalString(-1.5e-7)).toBe("-0.00000015");
    expect(numberToDecimalString(1.5e21)).toBe("1500000000000000000000");
    expect(numberToDecimalString(123456)).toBe("123456");
  });
});

describe("decimal separator detection", () => {
  it("reads what each sample says", () => {
    expect(decimalSeparatorHint("1,234.56")).toBe(".");
    expect(decimalSeparatorHint("1.234,56")).toBe(",");
    expect(decimalSeparatorHint("$15,138.76")).toBe(".");
    expect(decimalSeparatorHint("20.023,71")).toBe(",");
    expect(decimalSeparatorHint("12,5")).toBe(",");
    expect(decimalSeparatorHint("1.234.567")).toBe(",");
    expect(decimalSeparatorHint("1,234")).toBeNull();
    expect(decimalSeparatorHint("1234")).toBeNull();
  });

  it("takes the majority of the decisive samples, else the fallback", () => {
    expect(detectDecimalSeparator(["1.234,56", "16.297,00", "1.000"])).toBe(",");
    expect(detectDecimalSeparator(["$1,234.56", "$99.10", "1,000"])).toBe(".");
    expect(detectDecimalSeparator(["1,000", "2,000"])).toBe(".");
    expect(detectDecimalSeparator(["1,000", "2,000"], ",")).toBe(",");
    expect(detectDecimalSeparator([])).toBe(".");
  });
});

describe("parseQuantity", () => {
  it("reads counts and measures", () => {
    expect(parseQuantity(34, ".")).toBe(34);
    expect(parseQuantity("2,5", ",")).toBe(2.5);
    expect(parseQuantity("1,200", ".")).toBe(1200);
    expect(parseQuantity("-3", ".")).toBe(-3);
    expect(parseQuantity("many", ".")).toBeNull();
    expect(parseQuantity(null, ".")).toBeNull();
  });
});

describe("normalizeCustomerKey", () => {
  it("uppercases and removes spaces, dots, hyphens and slashes", () => {
    expect(normalizeCustomerKey("12.345.678/0001-90")).toBe("12345678000190");
    expect(normalizeCustomerKey("861.951.358-1")).toBe("8619513581");
    expect(normalizeCustomerKey(" xpy714465w4b ")).toBe("XPY714465W4B");
    expect(normalizeCustomerKey("C-10007")).toBe("C10007");
    expect(normalizeCustomerKey("ABC 010101\u00a0XYZ")).toBe("ABC010101XYZ");
  });
});

describe("blank and totals rows", () => {
  const columns = { invoiceNumber: 1, customerKey: 2, netAmount: 3 };

  it("knows a blank row", () => {
    expect(isBlankRow([])).toBe(true);
    expect(isBlankRow([null, "  ", null])).toBe(true);
    expect(isBlankRow(["x"])).toBe(false);
    expect(isBlankRow(["2026-01-01", null, null, null, "note"], columns)).toBe(true);
    expect(isBlankRow([null, "F-1", null, null], columns)).toBe(false);
  });

  it("knows a totals row by its first non-empty cells", () => {
    expect(isTotalsRow(["TOTAL", null, null, "$1,960,060.79", "MXN"])).toBe(true);
    expect(isTotalsRow([null, null, "Totales", 123])).toBe(true);
    expect(isTotalsRow(["Subtotal:", 5])).toBe(true);
    expect(isTotalsRow(["Totais", 5])).toBe(true);
    expect(isTotalsRow(["Grand Total", 5])).toBe(true);
    expect(isTotalsRow(["Total enero", 5])).toBe(true);
    expect(isTotalsRow(["2026-01-01", "Total", 5])).toBe(true);
    expect(isTotalsRow(["2026-01-01", "TOTAL-001", "X", "Total Seguridad SA"])).toBe(false);
    expect(isTotalsRow(["2026-01-01", "F-1", "Total"])).toBe(false);
    expect(isTotalsRow(["Totalmente"])).toBe(false);
  });
});

describe("currencies", () => {
  it("knows ISO codes and their minor units", () => {
    expect(isKnownCurrency("USD")).toBe(true);
    expect(isKnownCurrency("BRL")).toBe(true);
    expect(isKnownCurrency("XYZ")).toBe(false);
    expect(currencyExponent("USD")).toBe(2);
    expect(currencyExponent("CLP")).toBe(0);
    expect(currencyExponent("KWD")).toBe(3);
  });
});
