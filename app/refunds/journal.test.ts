import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  allocationEntry,
  assertBalanced,
  memberBalance,
  payoutEntry,
  supplierPaymentEntry,
  trialBalance,
  type JournalEntry,
} from "./journal";
import { computeRun, NOTHING_POSTED, postedAfter, type AllocationRun } from "./run";
import { validSchedule } from "@tests/setup/arbitraries";
import { codeOf } from "@tests/setup/errors";

const february: Pick<AllocationRun, "posting" | "members"> = {
  posting: { grossMinor: 280_000, feeMinor: 28_000, netMinor: 252_000 },
  members: [
    { memberId: 1, volumeMinor: 10_000_000, ytdMinor: 180_000, postingMinor: 135_000 },
    { memberId: 2, volumeMinor: 3_000_000, ytdMinor: 54_000, postingMinor: 27_000 },
    { memberId: 3, volumeMinor: 5_000_000, ytdMinor: 90_000, postingMinor: 90_000 },
    { memberId: 4, volumeMinor: -500, ytdMinor: 0, postingMinor: 0 },
  ],
};

describe("allocationEntry", () => {
  it("debits the supplier, credits members and the fee, and leaves out zero lines", () => {
    expect(allocationEntry(february, 7, "USD")).toEqual({
      currency: "USD",
      lines: [
        { account: "supplier_receivable:7", amountMinor: 280_000 },
        { account: "member_payable:1", amountMinor: -135_000 },
        { account: "member_payable:2", amountMinor: -27_000 },
        { account: "member_payable:3", amountMinor: -90_000 },
        { account: "fee_income", amountMinor: -28_000 },
      ],
    });
  });

  it("turns a clawback into the reverse entry", () => {
    const clawback = {
      posting: { grossMinor: -41_000, feeMinor: -4_100, netMinor: -36_900 },
      members: [
        { memberId: 1, volumeMinor: 6_000_000, ytdMinor: 53_100, postingMinor: -900 },
        { memberId: 2, volumeMinor: 0, ytdMinor: 0, postingMinor: -36_000 },
      ],
    };
    expect(allocationEntry(clawback, 7, "USD").lines).toEqual([
      { account: "supplier_receivable:7", amountMinor: -41_000 },
      { account: "member_payable:1", amountMinor: 900 },
      { account: "member_payable:2", amountMinor: 36_000 },
      { account: "fee_income", amountMinor: 4_100 },
    ]);
  });

  it("refuses a run that does not balance and an unknown currency", () => {
    const broken = { ...february, posting: { ...february.posting, feeMinor: 27_999 } };
    expect(codeOf(() => allocationEntry(broken, 7, "USD"))).toBe("journal_unbalanced");
    expect(codeOf(() => allocationEntry(february, 7, "XXQ"))).toBe("currency_unknown");
  });
});

describe("payments and payouts", () => {
  it("receives a supplier's payment into cash", () => {
    expect(supplierPaymentEntry(7, "MXN", 500_000)).toEqual({
      currency: "MXN",
      lines: [
        { account: "cash:MXN", amountMinor: 500_000 },
        { account: "supplier_receivable:7", amountMinor: -500_000 },
      ],
    });
  });

  it("pays a member out of cash", () => {
    expect(payoutEntry(3, "USD", 90_000)).toEqual({
      currency: "USD",
      lines: [
        { account: "member_payable:3", amountMinor: 90_000 },
        { account: "cash:USD", amountMinor: -90_000 },
      ],
    });
  });

  it("refuses zero, negative and fractional amounts", () => {
    expect(codeOf(() => payoutEntry(3, "USD", 0))).toBe("amount_invalid");
    expect(codeOf(() => supplierPaymentEntry(7, "USD", -5))).toBe("amount_invalid");
    expect(codeOf(() => payoutEntry(3, "USD", 1.5))).toBe("amount_invalid");
  });
});

describe("assertBalanced", () => {
  it("names the currency and both sides", () => {
    const entry: JournalEntry = {
      currency: "BRL",
      lines: [
        { account: "cash:BRL", amountMinor: 100 },
        { account: "fee_income", amountMinor: -90 },
      ],
    };
    expect(() => assertBalanced(entry)).toThrow(
      "The BRL journal entry does not balance: debits 100, credits 90.",
    );
  });
});

describe("trialBalance and memberBalance", () => {
  const ledger = [
    allocationEntry(february, 7, "USD"),
    supplierPaymentEntry(7, "USD", 200_000),
    payoutEntry(1, "USD", 100_000),
    supplierPaymentEntry(9, "MXN", 1_000),
  ];

  it("sums per account and currency", () => {
    expect(trialBalance(ledger)).toEqual([
      { account: "cash:MXN", currency: "MXN", balanceMinor: 1_000 },
      { account: "supplier_receivable:9", currency: "MXN", balanceMinor: -1_000 },
      { account: "cash:USD", currency: "USD", balanceMinor: 100_000 },
      { account: "fee_income", currency: "USD", balanceMinor: -28_000 },
      { account: "member_payable:1", currency: "USD", balanceMinor: -35_000 },
      { account: "member_payable:2", currency: "USD", balanceMinor: -27_000 },
      { account: "member_payable:3", currency: "USD", balanceMinor: -90_000 },
      { account: "supplier_receivable:7", currency: "USD", balanceMinor: 80_000 },
    ]);
  });

  it("gives a member's balance as the credit balance of its payable account", () => {
    expect(memberBalance(ledger, 1, "USD")).toBe(35_000);
    expect(memberBalance(ledger, 3, "USD")).toBe(90_000);
    expect(memberBalance(ledger, 3, "MXN")).toBe(0);
    expect(memberBalance(ledger, 4, "USD")).toBe(0);
  });

  it("stays balanced over any sequence of runs, payments and payouts", () => {
    const month = fc.uniqueArray(
      fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: -20_000_000, max: 200_000_000 })),
      { selector: ([id]) => id, maxLength: 8 },
    );
    const program = fc.record({
      tiers: validSchedule,
      method: fc.constantFrom("all-units" as const, "incremental" as const),
      feeBps: fc.integer({ min: 0, max: 10_000 }),
      currency: fc.constantFrom("USD", "MXN", "CLP"),
      months: fc.array(month, { minLength: 1, maxLength: 6 }),
      payoutShare: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(program, { minLength: 1, maxLength: 3 }), (programs) => {
        const ledger: JournalEntry[] = [];
        programs.forEach((p, supplierId) => {
          let posted = NOTHING_POSTED;
          let run: AllocationRun | undefined;
          for (const volumes of p.months) {
            const byMember = new Map(volumes);
            const total = volumes.reduce((sum, [, v]) => sum + v, 0);
            run = computeRun({ ...p, volume: { total, byMember }, alreadyPosted: posted });
            posted = postedAfter(posted, run);
            ledger.push(allocationEntry(run, supplierId, p.currency));
          }
          if (run && run.grossMinor > 0)
            ledger.push(supplierPaymentEntry(supplierId, p.currency, run.grossMinor));
          for (const m of run?.members ?? []) {
            const payout = Math.floor((m.ytdMinor * p.payoutShare) / 100);
            if (payout > 0) ledger.push(payoutEntry(m.memberId, p.currency, payout));
          }
        });
        for (const entry of ledger) expect(() => assertBalanced(entry)).not.toThrow();
        const perCurrency = new Map<string, number>();
        for (const row of trialBalance(ledger)) {
          perCurrency.set(row.currency, (perCurrency.get(row.currency) ?? 0) + row.balanceMinor);
        }
        for (const total of perCurrency.values()) expect(total).toBe(0);
      }),
    );
  });

  it("leaves each member owed exactly its year-to-date share after any sequence of runs", () => {
    const volumes = fc.array(
      fc.array(fc.integer({ min: -5_000_000, max: 50_000_000 }), { minLength: 3, maxLength: 3 }),
      {
        minLength: 1,
        maxLength: 8,
      },
    );
    fc.assert(
      fc.property(validSchedule, volumes, (tiers, months) => {
        const ledger: JournalEntry[] = [];
        let posted = NOTHING_POSTED;
        let run: AllocationRun | undefined;
        for (const [a, b, c] of months) {
          const volume = {
            total: a + b + c,
            byMember: new Map([
              [1, a],
              [2, b],
              [3, c],
            ]),
          };
          run = computeRun({
            method: "incremental",
            tiers,
            feeBps: 1_000,
            volume,
            alreadyPosted: posted,
          });
          posted = postedAfter(posted, run);
          ledger.push(allocationEntry(run, 1, "USD"));
        }
        for (const m of run!.members)
          expect(memberBalance(ledger, m.memberId, "USD")).toBe(m.ytdMinor);
        const receivable = trialBalance(ledger).find((r) => r.account === "supplier_receivable:1");
        expect(receivable?.balanceMinor ?? 0).toBe(run!.grossMinor);
      }),
    );
  });
});
