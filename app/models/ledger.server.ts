// The journal: writing balanced entries, and reading what was posted, balances and the trial balance.
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@db/client.server";
import { journalEntries, journalLines } from "@db/schema";
import { assertBalanced, type JournalEntry } from "~/refunds/journal";
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
        memberId: idIn(line.account, "member_payable:"),
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
    if (account.startsWith("supplier_receivable:")) posted.grossMinor += total;
    else if (account === "fee_income") posted.feeMinor = -total;
    else if (account.startsWith("member_payable:"))
      posted.byMember.set(Number(account.slice(15)), -total);
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

/** A member's balance per currency: the credit balance of its payable account. */
export function memberBalances(memberId: number) {
  return getDb()
    .select({
      currency: journalLines.currency,
      amountMinor: sql<number>`-sum(${journalLines.amountMinor})`,
    })
    .from(journalLines)
    .where(eq(journalLines.account, `member_payable:${memberId}`))
    .groupBy(journalLines.currency)
    .all();
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
