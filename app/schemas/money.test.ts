import { describe, expect, it } from "vitest";
import { decimalToMinor } from "./money";

describe("decimalToMinor", () => {
  it("reads typed amounts exactly, in the currency's minor units", () => {
    expect(decimalToMinor("3602.00", "USD")).toBe(360_200);
    expect(decimalToMinor("0.1", "USD")).toBe(10);
    expect(decimalToMinor(" 12,5 ", "BRL")).toBe(1_250);
    expect(decimalToMinor("-10", "USD")).toBe(-1_000);
    expect(decimalToMinor("1500", "CLP")).toBe(1_500);
    expect(decimalToMinor("4503599627370.49", "USD")).toBe(450_359_962_737_049);
  });

  it("refuses more decimals than the currency has, and anything that is not a number", () => {
    for (const text of ["12.345", "1.5e3", "", "abc", "1,000.00", "15.5"])
      expect(decimalToMinor(text, text === "15.5" ? "CLP" : "USD")).toBeNull();
  });
});
