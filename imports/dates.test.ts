import { describe, expect, it } from "vitest";
import { parseInvoiceDate } from "./dates";

describe("parseInvoiceDate", () => {
  it("reads Excel date cells by their UTC calendar day", () => {
    expect(parseInvoiceDate(new Date("2026-01-31T00:00:00.000Z"), "dmy")).toBe("2026-01-31");
    // A serial with a time of day late in the evening stays on its day.
    expect(parseInvoiceDate(new Date("2026-01-31T23:59:59.000Z"), "dmy")).toBe("2026-01-31");
    expect(parseInvoiceDate(new Date(Number.NaN), "dmy")).toBeNull();
  });

  it("reads Excel serial numbers, ignoring the time of day", () => {
    expect(parseInvoiceDate(46083, "dmy")).toBe("2026-03-02");
    expect(parseInvoiceDate(46083.75, "dmy")).toBe("2026-03-02");
    expect(parseInvoiceDate(45351, "dmy")).toBe("2024-02-29");
    expect(parseInvoiceDate(12, "dmy")).toBeNull();
    expect(parseInvoiceDate(-5, "dmy")).toBeNull();
  });

  it("reads yyyymmdd integers and text", () => {
    expect(parseInvoiceDate(20260125, "dmy")).toBe("2026-01-25");
    expect(parseInvoiceDate("20260125", "mdy")).toBe("2026-01-25");
    expect(parseInvoiceDate(20260230, "dmy")).toBeNull();
  });

  it("reads ISO text, with or without a time", () => {
    expect(parseInvoiceDate("2026-01-05", "mdy")).toBe("2026-01-05");
    expect(parseInvoiceDate("2026/1/5", "dmy")).toBe("2026-01-05");
    expect(parseInvoiceDate("2026-01-05T10:30:00Z", "dmy")).toBe("2026-01-05");
    expect(parseInvoiceDate("2026-02-30", "dmy")).toBeNull();
  });

  it("reads ambiguous day/month text by the supplier's date order", () => {
    expect(parseInvoiceDate("03/04/2026", "dmy")).toBe("2026-04-03");
    expect(parseInvoiceDate("03/04/2026", "mdy")).toBe("2026-03-04");
    expect(parseInvoiceDate("3.4.2026", "dmy")).toBe("2026-04-03");
    expect(parseInvoiceDate("03-04-2026", "mdy")).toBe("2026-03-04");
  });

  it("reads unambiguous text whatever the setting", () => {
    expect(parseInvoiceDate("25/01/2026", "mdy")).toBe("2026-01-25");
    expect(parseInvoiceDate("01/25/2026", "dmy")).toBe("2026-01-25");
    expect(parseInvoiceDate("25/01/2026 00:00:00", "dmy")).toBe("2026-01-25");
  });

  it("reads two-digit years as 20yy", () => {
    expect(parseInvoiceDate("25/01/26", "dmy")).toBe("2026-01-25");
    expect(parseInvoiceDate("1/2/26", "mdy")).toBe("2026-01-02");
  });

  it("reads spelled-out months in English, Spanish and Portuguese", () => {
    expect(parseInvoiceDate("25-Jan-2026", "dmy")).toBe("2026-01-25");
    expect(parseInvoiceDate("25 de enero de 2026", "dmy")).toBe("2026-01-25");
    expect(parseInvoiceDate("Jan 25, 2026", "dmy")).toBe("2026-01-25");
    expect(parseInvoiceDate("05/fev/26", "dmy")).toBe("2026-02-05");
    expect(parseInvoiceDate("3 dic 2025", "dmy")).toBe("2025-12-03");
  });

  it("refuses impossible and foreign values", () => {
    expect(parseInvoiceDate("32/13/2026", "dmy")).toBeNull();
    expect(parseInvoiceDate("31/02/2026", "dmy")).toBeNull();
    expect(parseInvoiceDate("29/02/2025", "dmy")).toBeNull();
    expect(parseInvoiceDate("29/02/2024", "dmy")).toBe("2024-02-29");
    expect(parseInvoiceDate("13/13/2026", "mdy")).toBeNull();
    expect(parseInvoiceDate("soon", "dmy")).toBeNull();
    expect(parseInvoiceDate("03/04/2026/1", "dmy")).toBeNull();
    expect(parseInvoiceDate(true, "dmy")).toBeNull();
    expect(parseInvoiceDate(null, "dmy")).toBeNull();
  });
});
