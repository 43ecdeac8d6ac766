import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  amountText,
  formatAmount,
  formatPercent,
  numberFormatOf,
  parseAmount,
  parsePercent,
  percentText,
} from "./numbers";

const TAGS = ["en-US", "es-MX", "es-CO", "es-AR", "es-CL", "pt-BR", "es"] as const;
const minor = (text: string, tag: string, currency = "USD") => parseAmount(text, tag, currency);

describe("the locale's separators", () => {
  it("come from Intl: a comma groups in en-US and es-MX, a point in pt-BR, es-CO, es-AR, es-CL, es", () => {
    expect(TAGS.map((t) => [t, numberFormatOf(t).group, numberFormatOf(t).decimal])).toEqual([
      ["en-US", ",", "."],
      ["es-MX", ",", "."],
      ["es-CO", ".", ","],
      ["es-AR", ".", ","],
      ["es-CL", ".", ","],
      ["pt-BR", ".", ","],
      ["es", ".", ","],
    ]);
  });
});

describe("parseAmount", () => {
  it("reads what each locale writes, grouped or not, into exact minor units", () => {
    expect(minor("5,303.21", "en-US")).toEqual({ ok: true, minor: 530_321 });
    expect(minor("5303.21", "en-US")).toEqual({ ok: true, minor: 530_321 });
    expect(minor("5,303.21", "es-MX", "MXN")).toEqual({ ok: true, minor: 530_321 });
    expect(minor("5.303,21", "pt-BR", "BRL")).toEqual({ ok: true, minor: 530_321 });
    expect(minor("5303,21", "pt-BR", "BRL")).toEqual({ ok: true, minor: 530_321 });
    expect(minor("5.303,21", "es-AR", "ARS")).toEqual({ ok: true, minor: 530_321 });
    expect(minor("5.303", "es-CO", "COP")).toEqual({ ok: true, minor: 5_303 });
    expect(minor("1.234.567", "es-CL", "CLP")).toEqual({ ok: true, minor: 1_234_567 });
    expect(minor("1234,5", "es")).toEqual({ ok: true, minor: 123_450 });
    expect(minor("12", "en-US")).toEqual({ ok: true, minor: 1_200 });
    expect(minor(".5", "en-US")).toEqual({ ok: true, minor: 50 });
    expect(minor("0", "pt-BR")).toEqual({ ok: true, minor: 0 });
  });

  it("tolerates the currency symbol or code, spaces and a sign on either side of the symbol", () => {
    expect(minor("$ 1,200.50", "en-US")).toEqual({ ok: true, minor: 120_050 });
    expect(minor("USD 1,200.50", "es-MX")).toEqual({ ok: true, minor: 120_050 });
    expect(minor("R$ 1.200,50", "pt-BR", "BRL")).toEqual({ ok: true, minor: 120_050 });
    expect(minor("1.200,50 US$", "es")).toEqual({ ok: true, minor: 120_050 });
    expect(minor("1\u00a0200,50\u00a0usd", "es")).toEqual({ ok: true, minor: 120_050 });
    expect(minor("-US$ 1.200,50", "pt-BR")).toEqual({ ok: true, minor: -120_050 });
    expect(minor("US$-1.200,50", "es-CL")).toEqual({ ok: true, minor: -120_050 });
    expect(minor("\u22121,200.50", "en-US")).toEqual({ ok: true, minor: -120_050 });
    expect(minor("-0", "en-US")).toEqual({ ok: true, minor: 0 });
  });

  it("refuses the other format's decimal separator instead of guessing", () => {
    expect(minor("2,5", "en-US")).toEqual({ ok: false, reason: "separators" });
    expect(minor("2.5", "pt-BR", "BRL")).toEqual({ ok: false, reason: "separators" });
    expect(minor("5.303,21", "en-US")).toEqual({ ok: false, reason: "separators" });
    expect(minor("5,303.21", "es-CO")).toEqual({ ok: false, reason: "separators" });
    expect(minor("1,23,456.00", "en-US")).toEqual({ ok: false, reason: "separators" });
    expect(minor("1.2.3", "en-US")).toEqual({ ok: false, reason: "separators" });
    expect(minor("1,000.00,5", "en-US")).toEqual({ ok: false, reason: "separators" });
  });

  it("refuses more decimals than the currency has, garbage, nothing, huge amounts, unknown currencies", () => {
    expect(minor("1.234", "en-US")).toEqual({ ok: false, reason: "too_many_decimals" });
    expect(minor("1,5", "es-CL", "CLP")).toEqual({ ok: false, reason: "too_many_decimals" });
    expect(minor("12abc", "en-US")).toEqual({ ok: false, reason: "not_a_number" });
    expect(minor("1e5", "en-US")).toEqual({ ok: false, reason: "not_a_number" });
    expect(minor("(12.00)", "en-US")).toEqual({ ok: false, reason: "not_a_number" });
    expect(minor("--5", "en-US")).toEqual({ ok: false, reason: "not_a_number" });
    expect(minor("$", "en-US")).toEqual({ ok: false, reason: "not_a_number" });
    expect(minor("€ 5", "en-US")).toEqual({ ok: false, reason: "not_a_number" });
    expect(minor("   ", "en-US")).toEqual({ ok: false, reason: "empty" });
    expect(minor("10,000,000,000,000.01", "en-US")).toEqual({ ok: false, reason: "too_large" });
    expect(minor("10,000,000,000,000.00", "en-US")).toEqual({
      ok: true,
      minor: 1_000_000_000_000_000,
    });
    expect(minor("5", "en-US", "US")).toEqual({ ok: false, reason: "currency_unknown" });
    expect(minor("5", "en-US", "ZZZ")).toEqual({ ok: false, reason: "currency_unknown" });
    expect(minor(" ", "en-US", "")).toEqual({ ok: false, reason: "empty" });
  });

  it("reads back what it writes, with and without the currency, in every locale (fast-check)", () => {
    const currencies = ["USD", "MXN", "BRL", "COP", "CLP", "ARS"];
    fc.assert(
      fc.property(
        fc.constantFrom(...TAGS),
        fc.constantFrom(...currencies),
        fc.integer({ min: -1_000_000_000_000_000, max: 1_000_000_000_000_000 }),
        (tag, currency, value) => {
          expect(parseAmount(amountText(value, tag, currency), tag, currency)).toEqual({
            ok: true,
            minor: value,
          });
          expect(parseAmount(formatAmount(value, tag, currency), tag, currency)).toEqual({
            ok: true,
            minor: value,
          });
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("parsePercent", () => {
  it("reads a percentage into basis points, in the reader's format", () => {
    expect(parsePercent("2.5", "en-US")).toEqual({ ok: true, bps: 250 });
    expect(parsePercent("2,5", "pt-BR")).toEqual({ ok: true, bps: 250 });
    expect(parsePercent("2,5 %", "es")).toEqual({ ok: true, bps: 250 });
    expect(parsePercent("1.75%", "es-MX")).toEqual({ ok: true, bps: 175 });
    expect(parsePercent("10", "es-CO")).toEqual({ ok: true, bps: 1_000 });
    expect(parsePercent("0,01", "es-AR")).toEqual({ ok: true, bps: 1 });
    expect(parsePercent("1.000", "pt-BR")).toEqual({ ok: true, bps: 100_000 });
  });

  it("refuses finer than 0.01 %, the other format's separator and garbage", () => {
    expect(parsePercent("1.255", "en-US")).toEqual({ ok: false, reason: "too_many_decimals" });
    expect(parsePercent("2,5", "en-US")).toEqual({ ok: false, reason: "separators" });
    expect(parsePercent("2.5", "es-CL")).toEqual({ ok: false, reason: "separators" });
    expect(parsePercent("two", "en-US")).toEqual({ ok: false, reason: "not_a_number" });
    expect(parsePercent("", "en-US")).toEqual({ ok: false, reason: "empty" });
  });

  it("reads back what it writes in every locale (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TAGS),
        fc.integer({ min: -100_000, max: 1_000_000 }),
        (tag, bps) => {
          expect(parsePercent(percentText(bps, tag), tag)).toEqual({ ok: true, bps });
          expect(parsePercent(formatPercent(bps, tag), tag)).toEqual({ ok: true, bps });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("writes rates exactly", () => {
    expect(formatPercent(175, "en-US")).toBe("1.75%");
    expect(formatPercent(125, "pt-BR")).toBe("1,25%");
    expect(percentText(250, "es")).toBe("2,5");
    expect(amountText(530_321, "pt-BR", "BRL")).toBe("5.303,21");
    expect(amountText(530_321, "es-MX", "MXN")).toBe("5,303.21");
  });
});
