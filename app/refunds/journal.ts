// Ledger entries as pure data (SPEC 3.4): what an allocation run, a supplier payment and a
// payout post. Debits are positive, credits negative; every entry balances in one currency.
import { DomainError } from "./errors";
import {
  addMinor,
  assertMinor,
  minorExponent,
  type AmountSubject,
  type MemberId,
  type Minor,
} from "./money";
import type { AllocationRun } from "./run";

export type SupplierId = number;
export type JournalLine = { account: string; amountMinor: Minor };
export type JournalEntry = { currency: string; lines: JournalLine[] };
export type TrialBalanceRow = { account: string; currency: string; balanceMinor: Minor };

export const FEE_INCOME = "fee_income";
export const supplierReceivable = (supplierId: SupplierId): string =>
  `supplier_receivable:${supplierId}`;
/** How every member's payable account is named: the prefix, then the member's id. */
export const MEMBER_PAYABLE_PREFIX = "member_payable:";
export const memberPayable = (memberId: MemberId): string => `${MEMBER_PAYABLE_PREFIX}${memberId}`;
export const cashAccount = (currency: string): string => `cash:${currency}`;

function entryOf(currency: string, lines: JournalLine[]): JournalEntry {
  minorExponent(currency);
  const entry = { currency, lines: lines.filter((line) => line.amountMinor !== 0) };
  assertBalanced(entry);
  return entry;
}

/** Dr supplier_receivable G; Cr member_payable A_i each; Cr fee_income F (all as posted by this run). */
export function allocationEntry(
  run: Pick<AllocationRun, "posting" | "members">,
  supplierId: SupplierId,
  currency: string,
): JournalEntry {
  return entryOf(currency, [
    { account: supplierReceivable(supplierId), amountMinor: run.posting.grossMinor },
    ...run.members.map((m) => ({
      account: memberPayable(m.memberId),
      amountMinor: -m.postingMinor,
    })),
    { account: FEE_INCOME, amountMinor: -run.posting.feeMinor },
  ]);
}

export function supplierPaymentEntry(
  supplierId: SupplierId,
  currency: string,
  amountMinor: Minor,
): JournalEntry {
  assertPositive(amountMinor, { kind: "supplier_payment", supplierId });
  return entryOf(currency, [
    { account: cashAccount(currency), amountMinor },
    { account: supplierReceivable(supplierId), amountMinor: -amountMinor },
  ]);
}

export function payoutEntry(
  memberId: MemberId,
  currency: string,
  amountMinor: Minor,
): JournalEntry {
  assertPositive(amountMinor, { kind: "member_payout", memberId });
  return entryOf(currency, [
    { account: memberPayable(memberId), amountMinor },
    { account: cashAccount(currency), amountMinor: -amountMinor },
  ]);
}

/** One entry for a whole paid batch: Dr member_payable each line; Cr cash their sum. */
export function payoutBatchEntry(
  currency: string,
  lines: readonly { memberId: MemberId; amountMinor: Minor }[],
): JournalEntry {
  let total: Minor = 0;
  for (const line of lines) {
    assertPositive(line.amountMinor, { kind: "member_payout", memberId: line.memberId });
    total = addMinor(total, line.amountMinor);
  }
  return entryOf(currency, [
    ...lines.map((l) => ({ account: memberPayable(l.memberId), amountMinor: l.amountMinor })),
    { account: cashAccount(currency), amountMinor: -total },
  ]);
}

function assertPositive(amountMinor: Minor, subject: AmountSubject): void {
  assertMinor(amountMinor, subject);
  if (amountMinor <= 0) {
    throw new DomainError(
      "amount_invalid",
      { problem: "not_positive", amountMinor, subject },
      { amountMinor },
    );
  }
}

export function assertBalanced(entry: JournalEntry): void {
  let debits: Minor = 0;
  let credits: Minor = 0;
  for (const line of entry.lines) {
    assertMinor(line.amountMinor, { kind: "account_line", account: line.account });
    if (line.amountMinor > 0) debits = addMinor(debits, line.amountMinor);
    else credits = addMinor(credits, -line.amountMinor);
  }
  if (debits !== credits) {
    const details = { currency: entry.currency, debits, credits };
    throw new DomainError("journal_unbalanced", details, details);
  }
}

/** Balance of every account per currency, sorted by currency then account; a debit balance is positive. */
export function trialBalance(entries: Iterable<JournalEntry>): TrialBalanceRow[] {
  const rows = new Map<string, TrialBalanceRow>();
  for (const entry of entries) {
    for (const { account, amountMinor } of entry.lines) {
      const key = `${entry.currency}\u0000${account}`;
      const row = rows.get(key) ?? { account, currency: entry.currency, balanceMinor: 0 };
      row.balanceMinor = addMinor(row.balanceMinor, amountMinor);
      rows.set(key, row);
    }
  }
  return [...rows.values()].sort(
    (a, b) => compareText(a.currency, b.currency) || compareText(a.account, b.account),
  );
}

// Code-unit order, not the locale's, so the same ledger lists the same way on every server.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What the consortium owes a member in a currency: the credit balance of its payable account. */
export function memberBalance(
  entries: Iterable<JournalEntry>,
  memberId: MemberId,
  currency: string,
): Minor {
  const account = memberPayable(memberId);
  const row = trialBalance(entries).find((r) => r.account === account && r.currency === currency);
  return row === undefined ? 0 : -row.balanceMinor || 0;
}
