import { describe, expect, it } from "vitest";
import {
  formatBps,
  formatCompactMoney,
  formatDate,
  formatMoney,
  formatMonth,
  formatNumber,
  pluralCategory,
} from "./format";

// Intl separates a currency symbol or code from the number with a no-break space.
const NB = "\u00a0";

describe("money by region", () => {
  it("writes Mexico's, Colombia's, Argentina's, Chile's, Brazil's and the US's way", () => {
    expect(formatMoney(123456, "MXN", "es-MX")).toBe("$1,234.56");
    expect(formatMoney(123456, "USD", "en-US")).toBe("$1,234.56");
    expect(formatMoney(123456, "MXN", "en-US")).toBe("MX$1,234.56");
    expect(formatMoney(123456, "USD", "es-MX")).toBe(`USD${NB}1,234.56`);
    expect(formatMoney(123456, "COP", "es-CO")).toBe(`$${NB}123.456`);
    expect(formatMoney(123456, "USD", "es-CO")).toBe(`US$${NB}1.234,56`);
    expect(formatMoney(207886586, "ARS", "es-AR")).toBe(`$${NB}2.078.865,86`);
    expect(formatMoney(123456, "CLP", "es-CL")).toBe("$123.456");
    expect(formatMoney(123456, "BRL", "pt-BR")).toBe(`R$${NB}1.234,56`);
    expect(formatMoney(123456, "MXN", "pt-BR")).toBe(`MX$${NB}1.234,56`);
  });

  it("groups four-digit amounts too (Intl's `es` wrote 1516,24)", () => {
    expect(formatMoney(151624, "USD", "es-CO")).toBe(`US$${NB}1.516,24`);
    expect(formatMoney(151624, "MXN", "es-AR")).toBe(`MXN${NB}1.516,24`);
    expect(formatMoney(151624, "MXN", "es-MX")).toBe("$1,516.24");
    expect(formatNumber(1516, "es-CO")).toBe("1.516");
    expect(formatNumber(1516, "es-MX")).toBe("1,516");
  });

  it("takes a bare language as its default region: es is Mexico's", () => {
    expect(formatMoney(-123456, "MXN", "es")).toBe("-$1,234.56");
    expect(formatMoney(123456, "USD", "en")).toBe("$1,234.56");
    expect(formatMoney(123456, "BRL", "pt-BR")).toBe(`R$${NB}1.234,56`);
  });

  it("keeps every cent of large amounts and the currency's own digits", () => {
    expect(formatMoney(123456789012345, "USD", "es-CO")).toBe(`US$${NB}1.234.567.890.123,45`);
    expect(formatMoney(5, "MXN", "es-MX")).toBe("$0.05");
    expect(formatMoney(-5, "USD", "es-CL")).toBe("US$-0,05");
  });

  it("writes short chart labels from the exact decimal", () => {
    expect(formatCompactMoney(123456789, "MXN", "es-MX")).toBe(`$1.2${NB}M`);
    expect(formatCompactMoney(123456789, "MXN", "en-US")).toBe("MX$1.2M");
    expect(formatCompactMoney(123456789, "MXN", "pt-BR")).toBe(`MX$${NB}1,2${NB}mi`);
  });
});

describe("percentages and dates by region", () => {
  it("writes basis points as percentages, exactly", () => {
    expect(formatBps(325, "es-MX")).toBe("3.25%");
    expect(formatBps(325, "es-CO")).toBe("3,25%");
    expect(formatBps(325, "pt-BR")).toBe("3,25%");
    expect(formatBps(7, "en-US")).toBe("0.07%");
    expect(formatBps(10000, "es-AR")).toBe("100%");
  });

  it("writes dates and months the region's way, in UTC", () => {
    expect(formatDate("2026-03-05", "es-MX")).toBe("5 mar 2026");
    expect(formatDate("2026-03-05", "es-CO")).toBe("5/03/2026");
    expect(formatDate("2026-03-05", "es-CL")).toBe("05-03-2026");
    expect(formatDate("2026-03-05", "en-US")).toBe("Mar 5, 2026");
    expect(formatDate("2026-03-05", "pt-BR")).toBe("5 de mar. de 2026");
    expect(formatDate("2026-03-05T23:59:00Z", "es-MX")).toBe("5 mar 2026");
    expect(formatMonth("2026-01", "es-CO")).toBe("enero de 2026");
    expect(formatMonth("2026-01", "pt-BR")).toBe("janeiro de 2026");
  });
});

describe("plural categories", () => {
  it("are the language's", () => {
    expect(pluralCategory(1, "en")).toBe("one");
    expect(pluralCategory(0, "en")).toBe("other");
    expect(pluralCategory(1, "es")).toBe("one");
    expect(pluralCategory(2, "es")).toBe("other");
    expect(pluralCategory(0, "pt-BR")).toBe("one");
  });
});
