import { describe, expect, it } from "vitest";
import { pooledVolume, type PoolProgram, type SalesLine } from "./pooled";
import { parseRate, type Rate } from "./fx";
import { DomainError } from "./errors";
import type { Membership } from "./eligibility";
import { saleLine } from "@tests/setup/sales-lines";

const program: PoolProgram = {
  start: "2026-01-01",
  end: "2026-12-31",
  currency: "USD",
  includeCategories: [],
  excludeCategories: ["Services"],
};
const memberships = new Map<number, Membership>([
  [1, { joinedOn: "2020-01-01", leftOn: null }],
  [2, { joinedOn: "2026-02-15", leftOn: null }],
  [3, { joinedOn: "2020-01-01", leftOn: "2026-03-01" }],
]);
const rates: Record<string, Rate> = {
  "BRL 2026-01": parseRate("0.180196"),
  "BRL 2026-02": parseRate("0.181582"),
};
const fx = (currency: string, month: string) => rates[`${currency} ${month}`];

const sale = saleLine;

describe("pooledVolume", () => {
  const lines: SalesLine[] = [
    sale("2026-01-05", 1, 100_000),
    sale("2026-01-20", 1, -20_000), // credit note
    sale("2026-01-31", 3, 50_000),
    sale("2026-02-01", 1, 7_000), // after January
    sale("2026-01-09", 2, 9_999), // before member 2 joined
    sale("2026-02-15", 2, 30_000),
    sale("2026-03-01", 3, 80_000), // member 3 has left
    sale("2026-01-10", null, 40_000), // unmatched customer
    sale("2026-01-11", 1, 60_000, { category: "services " }),
    sale("2026-01-12", 1, 70_000, { heldAsDuplicate: true }),
    sale("2025-12-31", 1, 90_000), // before the program
    sale("2026-01-15", 3, 123_456, { currency: "BRL" }), // 1,234.56 BRL → 222.46 USD
    sale("2026-02-03", 1, 25, { currency: "BRL" }), // 0.25 BRL × 0.181582 = 0.0454 → 0.05
  ];

  it("sums January: credit notes reduce, late and foreign lines convert per line", () => {
    const january = pooledVolume(lines, program, memberships, fx, "2026-01");
    expect(january.total).toBe(152_246);
    expect([...january.byMember]).toEqual([
      [1, 80_000],
      [3, 72_246],
    ]);
  });

  it("grows year to date through February", () => {
    const february = pooledVolume(lines, program, memberships, fx, "2026-02");
    expect(february.total).toBe(189_251);
    expect(february.byMember.get(1)).toBe(87_005);
    expect(february.byMember.get(2)).toBe(30_000);
    expect(february.byMember.get(3)).toBe(72_246);
  });

  it("blocks the run when a needed rate is missing, naming currency and month", () => {
    const withMarch = [
      ...lines,
      sale("2026-03-02", 1, 500, { currency: "BRL" }),
      sale("2026-03-09", 1, 9, { currency: "CLP" }),
    ];
    try {
      pooledVolume(withMarch, program, memberships, fx, "2026-03");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const domain = error as DomainError;
      expect(domain.code).toBe("fx_rate_missing");
      expect(domain.message).toBe(
        "No FX rate BRL to USD for 2026-03, CLP to USD for 2026-03: enter them before running the allocation.",
      );
      expect(domain.details).toEqual({
        currency: "BRL",
        month: "2026-03",
        to: "USD",
        missing: [
          { currency: "BRL", month: "2026-03" },
          { currency: "CLP", month: "2026-03" },
        ],
      });
    }
  });

  it("needs no rate for lines that do not count", () => {
    const ineligible = [
      sale("2026-04-02", 1, 500, { currency: "BRL" }),
      sale("2026-03-02", null, 500, { currency: "BRL" }),
    ];
    expect(pooledVolume(ineligible, program, memberships, fx, "2026-03")).toEqual({
      total: 0,
      byMember: new Map(),
    });
  });

  it("keeps members whose lines net to zero", () => {
    const netZero = [sale("2026-01-05", 1, 100), sale("2026-01-06", 1, -100)];
    expect([...pooledVolume(netZero, program, memberships, fx, "2026-01").byMember]).toEqual([
      [1, 0],
    ]);
  });
});
