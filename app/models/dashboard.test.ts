import { describe, expect, it } from "vitest";
import { byCurrency, dashboardYear, stackByMonth } from "./dashboard.server";
import { previousMonth } from "~/refunds/money";

describe("stackByMonth", () => {
  it("makes one chart per currency, twelve months, a zero where a series has nothing", () => {
    const charts = stackByMonth(2026, [
      {
        month: "2026-05",
        seriesKey: "s2",
        seriesLabel: "Norte",
        currency: "MXN",
        amountMinor: 500,
      },
      {
        month: "2026-05",
        seriesKey: "s1",
        seriesLabel: "Axion",
        currency: "USD",
        amountMinor: 100,
      },
      { month: "2026-05", seriesKey: "s1", seriesLabel: "Axion", currency: "USD", amountMinor: 50 },
      {
        month: "2026-06",
        seriesKey: "s3",
        seriesLabel: "Andes",
        currency: "USD",
        amountMinor: -20,
      },
    ]);
    expect(charts.map((c) => c.currency)).toEqual(["MXN", "USD"]);
    const usd = charts[1];
    expect(usd.series).toEqual([
      { key: "s3", label: "Andes" },
      { key: "s1", label: "Axion" },
    ]);
    expect(usd.rows).toHaveLength(12);
    expect(usd.rows[0]).toEqual({ month: "2026-01", s1: 0, s3: 0 });
    expect(usd.rows[4]).toEqual({ month: "2026-05", s1: 150, s3: 0 });
    expect(usd.rows[5]).toEqual({ month: "2026-06", s1: 0, s3: -20 });
  });
});

describe("the small helpers", () => {
  it("adds amounts per currency", () => {
    expect(
      byCurrency([
        { currency: "USD", amountMinor: 5 },
        { currency: "BRL", amountMinor: 1 },
        { currency: "USD", amountMinor: -2 },
      ]),
    ).toEqual([
      { currency: "BRL", amountMinor: 1 },
      { currency: "USD", amountMinor: 3 },
    ]);
  });

  it("reads ?year= when sensible, else this year", () => {
    const today = new Date("2026-11-23T12:00:00Z");
    expect(dashboardYear("http://x/member?year=2025", today)).toBe(2025);
    expect(dashboardYear("http://x/member", today)).toBe(2026);
    expect(dashboardYear("http://x/member?year=abc", today)).toBe(2026);
    expect(dashboardYear("http://x/member?year=3000", today)).toBe(2026);
  });

  it("knows the month before", () => {
    expect(previousMonth("2026-01")).toBe("2025-12");
    expect(previousMonth("2026-11")).toBe("2026-10");
  });
});
