import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  allocationEntry,
  memberBalance,
  payoutBatchEntry,
  supplierPaymentEntry,
  trialBalance,
  type JournalEntry,
} from "./journal";
import {
  checkBatchAction,
  checkPayable,
  checkSupplierPayment,
  proposeBatch,
  type BatchStatus,
} from "./payouts";
import { codeOf } from "@tests/setup/errors";

describe("proposeBatch", () => {
  it("proposes balances at or above the minimum and carries the rest forward, saying why", () => {
    const proposal = proposeBatch(
      [
        { memberId: 3, balanceMinor: 5_000 },
        { memberId: 1, balanceMinor: 4_999 },
        { memberId: 2, balanceMinor: 252_000 },
        { memberId: 4, balanceMinor: -120 },
        { memberId: 5, balanceMinor: 0 },
        { memberId: 6, balanceMinor: 90_000 },
      ],
      5_000,
      new Set([6]),
    );
    expect(proposal).toEqual({
      lines: [
        { memberId: 2, amountMinor: 252_000 },
        { memberId: 3, amountMinor: 5_000 },
      ],
      carriedForward: [
        { memberId: 1, balanceMinor: 4_999, reason: "below_minimum" },
        { memberId: 4, balanceMinor: -120, reason: "negative" },
        { memberId: 6, balanceMinor: 90_000, reason: "reserved" },
      ],
    });
  });

  it("with no minimum proposes every positive balance", () => {
    expect(proposeBatch([{ memberId: 1, balanceMinor: 1 }], 0).lines).toEqual([
      { memberId: 1, amountMinor: 1 },
    ]);
  });
});

describe("checkBatchAction", () => {
  const batch = (status: BatchStatus) => ({ id: 7, status, createdBy: 1 });
  it("lets a second admin approve under four-eyes, and refuses the builder", () => {
    expect(codeOf(() => checkBatchAction(batch("draft"), "approve", 2, true))).toBeUndefined();
    expect(codeOf(() => checkBatchAction(batch("draft"), "approve", 1, true))).toBe(
      "batch_four_eyes",
    );
    expect(codeOf(() => checkBatchAction(batch("draft"), "approve", 1, false))).toBeUndefined();
  });

  it("pays only an approved batch, once", () => {
    expect(codeOf(() => checkBatchAction(batch("draft"), "pay", 2, true))).toBe(
      "batch_not_approved",
    );
    expect(codeOf(() => checkBatchAction(batch("approved"), "pay", 1, true))).toBeUndefined();
    expect(codeOf(() => checkBatchAction(batch("paid"), "pay", 1, true))).toBe(
      "batch_already_paid",
    );
    expect(codeOf(() => checkBatchAction(batch("cancelled"), "pay", 1, true))).toBe(
      "batch_cancelled",
    );
  });

  it("drops lines only from a draft and cancels anything not yet paid", () => {
    expect(codeOf(() => checkBatchAction(batch("approved"), "drop", 1, false))).toBe(
      "batch_not_draft",
    );
    expect(codeOf(() => checkBatchAction(batch("approved"), "cancel", 1, false))).toBeUndefined();
    expect(codeOf(() => checkBatchAction(batch("paid"), "cancel", 1, false))).toBe(
      "batch_already_paid",
    );
    expect(codeOf(() => checkBatchAction(batch("cancelled"), "cancel", 1, false))).toBe(
      "batch_cancelled",
    );
  });
});

describe("checkPayable", () => {
  it("refuses an empty batch and a line above the balance as it is now", () => {
    expect(codeOf(() => checkPayable([], () => 0))).toBe("batch_nothing_to_pay");
    const lines = [{ memberId: 1, amountMinor: 10_000 }];
    expect(codeOf(() => checkPayable(lines, () => 10_000))).toBeUndefined();
    expect(codeOf(() => checkPayable(lines, () => 9_999))).toBe("payout_exceeds_balance");
  });
});

describe("checkSupplierPayment", () => {
  it("refuses zero, negative and fractional amounts", () => {
    for (const amountMinor of [0, -1, 1.5])
      expect(codeOf(() => checkSupplierPayment({ amountMinor, owedMinor: 100 }))).toBe(
        "amount_invalid",
      );
  });

  it("accepts more than owed only with an overpayment note", () => {
    expect(codeOf(() => checkSupplierPayment({ amountMinor: 100, owedMinor: 100 }))).toBe(
      undefined,
    );
    expect(codeOf(() => checkSupplierPayment({ amountMinor: 101, owedMinor: 100 }))).toBe(
      "overpayment_note_required",
    );
    expect(
      codeOf(() =>
        checkSupplierPayment({ amountMinor: 101, owedMinor: 100, overpaymentNote: "  " }),
      ),
    ).toBe("overpayment_note_required");
    expect(
      codeOf(() =>
        checkSupplierPayment({ amountMinor: 101, owedMinor: 100, overpaymentNote: "advance" }),
      ),
    ).toBeUndefined();
  });
});

describe("payoutBatchEntry", () => {
  it("debits each member and credits cash with the total", () => {
    expect(
      payoutBatchEntry("USD", [
        { memberId: 1, amountMinor: 252_000 },
        { memberId: 2, amountMinor: 36_000 },
      ]),
    ).toEqual({
      currency: "USD",
      lines: [
        { account: "member_payable:1", amountMinor: 252_000 },
        { account: "member_payable:2", amountMinor: 36_000 },
        { account: "cash:USD", amountMinor: -288_000 },
      ],
    });
  });
});

/** A random life of the ledger: allocations (with clawbacks), supplier payments, batches. */
const step = fc.oneof(
  fc.record({
    op: fc.constant("allocate" as const),
    fee: fc.integer({ min: 0, max: 50_000 }),
    postings: fc.array(fc.integer({ min: -20_000, max: 200_000 }), { minLength: 4, maxLength: 4 }),
  }),
  fc.record({ op: fc.constant("pay_supplier" as const), amount: fc.integer({ min: 1, max: 1e6 }) }),
  fc.record({
    op: fc.constant("batch" as const),
    minimum: fc.integer({ min: 0, max: 100_000 }),
    drop: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }),
    clawbackFirst: fc.boolean(),
  }),
);

describe("any sequence of allocations, supplier payments and batches", () => {
  it("keeps the ledger at zero, never pays a member more than its balance, never twice", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const entries: JournalEntry[] = [];
        const paidBatches = new Set<number>();
        let batchId = 0;
        const balance = (m: number) => memberBalance(entries, m, "USD");
        for (const s of steps) {
          if (s.op === "allocate") {
            const members = s.postings.map((postingMinor, i) => ({
              memberId: i + 1,
              volumeMinor: 0,
              ytdMinor: 0,
              postingMinor,
            }));
            const net = s.postings.reduce((a, b) => a + b, 0);
            const posting = { grossMinor: net + s.fee, feeMinor: s.fee, netMinor: net };
            entries.push(allocationEntry({ posting, members }, 1, "USD"));
          } else if (s.op === "pay_supplier") {
            entries.push(supplierPaymentEntry(1, "USD", s.amount));
          } else {
            batchId += 1;
            const balances = [1, 2, 3, 4].map((m) => ({ memberId: m, balanceMinor: balance(m) }));
            const { lines } = proposeBatch(balances, s.minimum);
            for (const l of lines) expect(l.amountMinor).toBeGreaterThanOrEqual(s.minimum);
            const kept = lines.filter((l) => !s.drop.includes(l.memberId));
            if (s.clawbackFirst && kept.length > 0) {
              // A clawback lands between building and paying: paying must then be refused.
              const m = kept[0].memberId;
              entries.push(
                allocationEntry(
                  {
                    posting: { grossMinor: -1, feeMinor: 0, netMinor: -1 },
                    members: [{ memberId: m, volumeMinor: 0, ytdMinor: 0, postingMinor: -1 }],
                  },
                  1,
                  "USD",
                ),
              );
            }
            const code = codeOf(() => checkPayable(kept, balance));
            if (code === undefined) {
              expect(paidBatches.has(batchId)).toBe(false);
              entries.push(payoutBatchEntry("USD", kept));
              paidBatches.add(batchId);
              for (const l of kept) expect(balance(l.memberId)).toBeGreaterThanOrEqual(0);
            } else {
              expect(["batch_nothing_to_pay", "payout_exceeds_balance"]).toContain(code);
            }
          }
          const total = trialBalance(entries).reduce((a, r) => a + r.balanceMinor, 0);
          expect(total).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
