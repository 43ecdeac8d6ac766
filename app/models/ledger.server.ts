// The journal: writing balanced entries, and reading what was posted, balances and the trial balance.
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db, prepared } from "@db/client.server";
import { journalEntries, journalLines } from "@db/schema";
import {
  assertBalanced,
  FEE_INCOME,
  MEMBER_PAYABLE_PREFIX,
  memberPayable,
  type JournalEntry,
} from "~/refunds/journal";
import type { PostedSoFar } from "~/refunds/run";

export type EntryMeta = {
  kind: "allocation" | "supplier_payment" | "payout";
  memo: string;
  runId?: number;
  supplierPaymentId?: number;
  payoutBatchId?: number;
  createdBy: number | null;
  programId?: number;
  supplierId?: number;
  month?: string;
};

const idIn = (account: string, prefix: string) =>
  account.startsWith(prefix) ? Number(account.slice(prefix.length)) : null;

/** Appends one balanced entry; call inside the transaction that owns the change. */
export function appendEntry(db: Db, entry: JournalEntry, meta: EntryMeta): number {
  assertBalanced(entry);
  const { id } = db
    .insert(journalEntries)
    .values({
      kind: meta.kind,
      currency: entry.currency,
      memo: meta.memo,
      runId: meta.runId,
      supplierPaymentId: meta.supplierPaymentId,
      payoutBatchId: meta.payoutBatchId,
      createdBy: meta.createdBy,
    })
    .returning({ id: journalEntries.id })
    .get();
  for (const line of entry.lines) {
    db.insert(journalLines)
      .values({
        entryId: id,
        account: line.account,
        currency: entry.currency,
        amountMinor: line.amountMinor,
        memberId: idIn(line.account, MEMBER_PAYABLE_PREFIX),
        supplierId: idIn(line.account, "supplier_receivable:") ?? meta.supplierId ?? null,
        programId: meta.programId ?? null,
        month: meta.month ?? null,
      })
      .run();
  }
  return id;
}

/** Everything the allocation runs of a program have posted so far (SPEC 3.3 step 4). */
export function postedForProgram(db: Db, programId: number): PostedSoFar {
  const rows = db
    .select({ account: journalLines.account, total: sql<number>`sum(${journalLines.amountMinor})` })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(and(eq(journalLines.programId, programId), eq(journalEntries.kind, "allocation")))
    .groupBy(journalLines.account)
    .all();
  const posted = { grossMinor: 0, feeMinor: 0, byMember: new Map<number, number>() };
  for (const { account, total } of rows) {
    const memberId = idIn(account, MEMBER_PAYABLE_PREFIX);
    if (account.startsWith("supplier_receivable:")) posted.grossMinor += total;
    else if (account === FEE_INCOME) posted.feeMinor = -total;
    else if (memberId !== null) posted.byMember.set(memberId, -total);
  }
  return posted;
}

export function trialBalance() {
  return getDb()
    .select({
      account: journalLines.account,
      currency: journalLines.currency,
      balanceMinor: sql<number>`sum(${journalLines.amountMinor})`,
    })
    .from(journalLines)
    .groupBy(journalLines.account, journalLines.currency)
    .orderBy(journalLines.currency, journalLines.account)
    .all();
}

export type MemberBalance = { currency: string; amountMinor: number };

/**
 * The one reader of a member's balance: per currency, the credit balance of its payable account
 * (all time). Prepared once per connection: the member's dashboard asks on every load.
 */
export function memberBalances(memberId: number, db: Db = getDb()): MemberBalance[] {
  return prepared(
    `SELECT currency, -sum(amount_minor) AS amountMinor FROM journal_lines
      WHERE account = ? GROUP BY currency`,
    db,
  ).all(memberPayable(memberId)) as MemberBalance[];
}

/** A member's balance in one currency (0 when it has none). */
export function memberBalanceIn(memberId: number, currency: string, db: Db = getDb()): number {
  return memberBalances(memberId, db).find((b) => b.currency === currency)?.amountMinor ?? 0;
}

/** Every member's non-zero balance in a currency, as a payout batch is built from them. */
export function nonZeroMemberBalancesIn(currency: string, db: Db = getDb()) {
  return prepared(
    `SELECT member_id memberId, -sum(amount_minor) balanceMinor FROM journal_lines
      WHERE account LIKE ? AND currency = ? GROUP BY member_id HAVING sum(amount_minor) <> 0`,
    db,
  ).all(`${MEMBER_PAYABLE_PREFIX}%`, currency) as { memberId: number; balanceMinor: number }[];
}

export function memberEarnedByProgram(memberId: number) {
  return getDb()
    .select({
      programId: journalLines.programId,
      earnedMinor: sql<number>`-sum(${journalLines.amountMinor})`,
    })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(and(eq(journalLines.memberId, memberId), eq(journalEntries.kind, "allocation")))
    .groupBy(journalLines.programId)
    .all();
}
