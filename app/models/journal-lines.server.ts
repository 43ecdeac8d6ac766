// Reading the journal line by line, with its entry, for the ledger screen (newest first).
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb } from "@db/client.server";
import { journalEntries, journalLines } from "@db/schema";

export type JournalLineFilter = {
  /** Account prefix, e.g. `member_payable:` or `fee_income`. */
  account?: string;
  memberId?: number;
  supplierId?: number;
  programId?: number;
  /** `YYYY-MM`: the month the line was posted for. */
  month?: string;
  entryId?: number;
  payoutBatchId?: number;
  supplierPaymentId?: number;
  kind?: "allocation" | "supplier_payment" | "payout";
};

/** `%` and `_` typed by the user match themselves, not any text. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function listJournalLines(filter: JournalLineFilter, page: number, pageSize: number) {
  const where: SQL[] = [];
  // `member_payable:1` is one account (not also 12, 13…); `member_payable:` is every one.
  if (filter.account && /:[^:]+$/.test(filter.account))
    where.push(eq(journalLines.account, filter.account));
  else if (filter.account)
    where.push(sql`${journalLines.account} LIKE ${`${escapeLike(filter.account)}%`} ESCAPE '\\'`);
  if (filter.memberId !== undefined) where.push(eq(journalLines.memberId, filter.memberId));
  if (filter.supplierId !== undefined) where.push(eq(journalLines.supplierId, filter.supplierId));
  if (filter.programId !== undefined) where.push(eq(journalLines.programId, filter.programId));
  if (filter.month) where.push(eq(journalLines.month, filter.month));
  if (filter.entryId !== undefined) where.push(eq(journalLines.entryId, filter.entryId));
  if (filter.payoutBatchId !== undefined)
    where.push(eq(journalEntries.payoutBatchId, filter.payoutBatchId));
  if (filter.supplierPaymentId !== undefined)
    where.push(eq(journalEntries.supplierPaymentId, filter.supplierPaymentId));
  if (filter.kind) where.push(eq(journalEntries.kind, filter.kind));
  const cond = where.length ? and(...where) : undefined;
  const db = getDb();
  const rows = db
    .select({
      id: journalLines.id,
      entryId: journalEntries.id,
      createdAt: journalEntries.createdAt,
      kind: journalEntries.kind,
      memo: journalEntries.memo,
      account: journalLines.account,
      currency: journalLines.currency,
      amountMinor: journalLines.amountMinor,
      memberId: journalLines.memberId,
      supplierId: journalLines.supplierId,
      programId: journalLines.programId,
      month: journalLines.month,
      runId: journalEntries.runId,
      payoutBatchId: journalEntries.payoutBatchId,
      supplierPaymentId: journalEntries.supplierPaymentId,
    })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(cond)
    .orderBy(desc(journalEntries.id), desc(journalLines.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(journalLines)
      .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
      .where(cond)
      .get()?.n ?? 0;
  return { rows, total };
}
