// Payout batches (SPEC 3.5): built from balances at or above the minimum, lines dropped, approved
// (four-eyes), paid once (one journal entry per batch, unique by batch) or cancelled.
import { and, eq } from "drizzle-orm";
import { getDb, inTransaction, type Db } from "@db/client.server";
import { payoutBatches, payoutLines, payoutMinimums } from "@db/schema";
import { DomainError } from "~/refunds/errors";
import { conflict, notFound } from "./errors";
import { MEMBER_PAYABLE_PREFIX, payoutBatchEntry } from "~/refunds/journal";
import {
  checkBatchAction,
  checkPayable,
  proposeBatch,
  type BatchAction,
  type CarriedForward,
} from "~/refunds/payouts";
import { appendEntry, memberBalanceIn, nonZeroMemberBalancesIn } from "./ledger.server";
import { recordAudit, type AuditActor } from "./audit.server";
import { getSettings } from "./settings.server";
import { assertBatchBankDetails } from "./bank-details.server";
import { checkBankDetails, type BankDetailsCheck } from "~/banking/bank-details";
import { batchBuilt, batchPaid } from "./notification-events.server";

type Actor = NonNullable<AuditActor>;

/** Member id → the open batch holding its balance in `currency`. */
function reservations(db: Db, currency: string, exceptBatch?: number) {
  const rows = db.$client
    .prepare(
      `SELECT member_id memberId, batch_id batchId FROM payout_lines WHERE reserved = 1 AND currency = ?`,
    )
    .all(currency) as { memberId: number; batchId: number }[];
  return new Map(rows.filter((r) => r.batchId !== exceptBatch).map((r) => [r.memberId, r.batchId]));
}

function minimumFor(db: Db, currency: string): number {
  return (
    db.select().from(payoutMinimums).where(eq(payoutMinimums.currency, currency)).get()
      ?.amountMinor ?? 0
  );
}

export type BuildInput = { currency: string; reference?: string; memberIds?: number[] };

/** Builds a draft with every member at or above the minimum (or only `memberIds` among them). */
export function buildBatch(actor: Actor, input: BuildInput) {
  const id = inTransaction((db) => {
    const reserved = reservations(db, input.currency);
    const minimum = minimumFor(db, input.currency);
    const proposal = proposeBatch(
      nonZeroMemberBalancesIn(input.currency, db),
      minimum,
      new Set(reserved.keys()),
    );
    let lines = proposal.lines;
    if (input.memberIds) {
      const taken = input.memberIds.filter((m) => reserved.has(m));
      if (taken.length > 0) throw memberReserved(taken, reserved);
      const wanted = new Set(input.memberIds);
      const missing = input.memberIds.filter((m) => !lines.some((l) => l.memberId === m));
      if (missing.length > 0) {
        throw new DomainError(
          "batch_nothing_to_pay",
          { memberIds: missing, currency: input.currency, minimumMinor: minimum },
          { memberIds: missing, minimumMinor: minimum },
        );
      }
      lines = lines.filter((l) => wanted.has(l.memberId));
    }
    if (lines.length === 0) {
      const held = proposal.carriedForward.filter((c) => c.reason === "reserved");
      if (held.length > 0)
        throw memberReserved(
          held.map((h) => h.memberId),
          reserved,
        );
      throw new DomainError(
        "batch_nothing_to_pay",
        { currency: input.currency, minimumMinor: minimum },
        { minimumMinor: minimum },
      );
    }
    const next = (
      db.$client.prepare("SELECT COALESCE(max(id), 0) + 1 n FROM payout_batches").get() as {
        n: number;
      }
    ).n;
    const reference =
      input.reference?.trim() ||
      `PAYOUT-${input.currency}-${new Date().toISOString().slice(0, 10).replace(/-/g, "")}-${next}`;
    const taken = db.$client
      .prepare("SELECT id FROM payout_batches WHERE reference = ? AND status <> 'cancelled'")
      .get(reference) as { id: number } | undefined;
    if (taken) {
      const details = { batchId: taken.id, reference };
      throw conflict("batch_reference_taken", details, details);
    }
    const batch = db
      .insert(payoutBatches)
      .values({ currency: input.currency, reference, createdBy: actor.id })
      .returning({ id: payoutBatches.id })
      .get();
    try {
      db.insert(payoutLines)
        .values(lines.map((l) => ({ batchId: batch.id, currency: input.currency, ...l })))
        .run();
    } catch (error) {
      // The partial unique index is the last guard against a member in two open batches.
      if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE")
        throw memberReserved(
          lines.map((l) => l.memberId),
          reservations(db, input.currency),
        );
      throw error;
    }
    recordAudit(
      actor,
      "payout_batch.build",
      { type: "payout_batch", id: batch.id },
      {
        currency: input.currency,
        reference,
        lines: lines.length,
        totalMinor: lines.reduce((a, l) => a + l.amountMinor, 0),
        minimumMinor: minimum,
      },
    );
    batchBuilt(db, batch.id);
    return batch.id;
  });
  return getBatch(id);
}

function memberReserved(memberIds: number[], reserved: Map<number, number>) {
  const details = {
    members: memberIds.map((m) => ({ memberId: m, batchId: reserved.get(m) ?? null })),
  };
  return conflict("member_reserved", details, details);
}

function loadBatch(db: Db, id: number) {
  const batch = db.select().from(payoutBatches).where(eq(payoutBatches.id, id)).get();
  if (!batch) throw notFound("payout_batch");
  return batch;
}

function openLines(db: Db, batchId: number) {
  return db
    .select({ memberId: payoutLines.memberId, amountMinor: payoutLines.amountMinor })
    .from(payoutLines)
    .where(and(eq(payoutLines.batchId, batchId), eq(payoutLines.dropped, false)))
    .orderBy(payoutLines.memberId)
    .all();
}

function act(actor: Actor, id: number, action: BatchAction, work: (db: Db) => void) {
  inTransaction((db) => {
    const batch = loadBatch(db, id);
    checkBatchAction(batch, action, actor.id, getSettings().fourEyes);
    work(db);
  });
  return getBatch(id);
}

export function dropLine(actor: Actor, id: number, memberId: number) {
  return act(actor, id, "drop", (db) => {
    const line = db
      .update(payoutLines)
      .set({ dropped: true, reserved: false })
      .where(
        and(
          eq(payoutLines.batchId, id),
          eq(payoutLines.memberId, memberId),
          eq(payoutLines.dropped, false),
        ),
      )
      .returning({ amountMinor: payoutLines.amountMinor })
      .get();
    if (!line) throw notFound("batch_line");
    recordAudit(
      actor,
      "payout_batch.drop",
      { type: "payout_batch", id },
      { memberId, amountMinor: line.amountMinor },
    );
  });
}

export function approveBatch(actor: Actor, id: number) {
  return act(actor, id, "approve", (db) => {
    const lines = openLines(db, id);
    checkPayable(lines, (m) => memberBalanceIn(m, loadBatch(db, id).currency, db));
    assertBatchBankDetails(db, id);
    db.update(payoutBatches)
      .set({ status: "approved", approvedBy: actor.id, approvedAt: new Date().toISOString() })
      .where(eq(payoutBatches.id, id))
      .run();
    recordAudit(
      actor,
      "payout_batch.approve",
      { type: "payout_batch", id },
      { lines: lines.length },
    );
  });
}

/**
 * Posts the batch once: the status check and the journal entry are one BEGIN IMMEDIATE
 * transaction, and the unique index on journal_entries.payout_batch_id refuses a second entry.
 */
export function payBatch(actor: Actor, id: number, paidOn = new Date().toISOString().slice(0, 10)) {
  return act(actor, id, "pay", (db) => {
    const batch = loadBatch(db, id);
    const lines = openLines(db, id);
    checkPayable(lines, (m) => memberBalanceIn(m, batch.currency, db));
    assertBatchBankDetails(db, id);
    const entryId = appendEntry(db, payoutBatchEntry(batch.currency, lines), {
      kind: "payout",
      memo: `Payout batch ${batch.reference}`,
      payoutBatchId: id,
      createdBy: actor.id,
      month: paidOn.slice(0, 7),
    });
    db.update(payoutBatches)
      .set({ status: "paid", paidBy: actor.id, paidAt: new Date().toISOString() })
      .where(eq(payoutBatches.id, id))
      .run();
    db.update(payoutLines).set({ reserved: false }).where(eq(payoutLines.batchId, id)).run();
    recordAudit(
      actor,
      "payout_batch.pay",
      { type: "payout_batch", id },
      {
        entryId,
        paidOn,
        currency: batch.currency,
        totalMinor: lines.reduce((a, l) => a + l.amountMinor, 0),
      },
    );
    batchPaid(db, id);
  });
}

export function cancelBatch(actor: Actor, id: number) {
  return act(actor, id, "cancel", (db) => {
    db.update(payoutBatches)
      .set({ status: "cancelled", cancelledBy: actor.id, cancelledAt: new Date().toISOString() })
      .where(eq(payoutBatches.id, id))
      .run();
    db.update(payoutLines).set({ reserved: false }).where(eq(payoutLines.batchId, id)).run();
    recordAudit(actor, "payout_batch.cancel", { type: "payout_batch", id });
  });
}

export type BatchLine = {
  memberId: number;
  memberName: string;
  taxId: string;
  bankName: string | null;
  bankAccount: string | null;
  bankHolder: string | null;
  amountMinor: number;
  dropped: boolean;
  /** Whether the member's account passes its country's check (SPEC 6). */
  bank: BankDetailsCheck;
};

export function getBatch(id: number) {
  const db = getDb();
  const batch = loadBatch(db, id);
  const lines = (
    db.$client
      .prepare(
        `SELECT l.member_id memberId, m.name memberName, m.tax_id taxId, m.bank_name bankName,
           m.bank_account bankAccount, m.bank_holder bankHolder, m.country, l.amount_minor amountMinor, l.dropped
         FROM payout_lines l JOIN members m ON m.id = l.member_id WHERE l.batch_id = ? ORDER BY m.name, m.id`,
      )
      .all(id) as (Omit<BatchLine, "dropped" | "bank"> & { dropped: number; country: string })[]
  ).map(({ country, ...l }) => ({
    ...l,
    dropped: l.dropped === 1,
    bank: checkBankDetails(country, l.bankAccount),
  }));
  const entry = db.$client
    .prepare("SELECT id FROM journal_entries WHERE payout_batch_id = ?")
    .get(id) as { id: number } | undefined;
  const people = db.$client
    .prepare(`SELECT u.id, u.email FROM users u WHERE u.id IN (?, ?, ?, ?)`)
    .all(batch.createdBy, batch.approvedBy, batch.paidBy, batch.cancelledBy) as {
    id: number;
    email: string;
  }[];
  const email = (userId: number | null) => people.find((p) => p.id === userId)?.email ?? null;
  const kept = lines.filter((l) => !l.dropped);
  return {
    ...batch,
    createdByEmail: email(batch.createdBy),
    approvedByEmail: email(batch.approvedBy),
    paidByEmail: email(batch.paidBy),
    cancelledByEmail: email(batch.cancelledBy),
    entryId: entry?.id ?? null,
    totalMinor: kept.reduce((a, l) => a + l.amountMinor, 0),
    lines,
  };
}

export type Batch = ReturnType<typeof getBatch>;

export type LeftOut = {
  memberId: number;
  memberName: string;
  balanceMinor: number;
  reason: CarriedForward["reason"] | "dropped" | "not_in_batch";
};

/** Members left out of a batch and why (below the minimum, negative, in another batch, dropped). */
export function carriedForward(batch: Batch): LeftOut[] {
  const db = getDb();
  const inBatch = new Set(batch.lines.filter((l) => !l.dropped).map((l) => l.memberId));
  const droppedHere = new Set(batch.lines.filter((l) => l.dropped).map((l) => l.memberId));
  const reserved = reservations(db, batch.currency, batch.id);
  const balances = nonZeroMemberBalancesIn(batch.currency, db).filter(
    (b) => !inBatch.has(b.memberId),
  );
  const proposal = proposeBatch(balances, minimumFor(db, batch.currency), new Set(reserved.keys()));
  const outside = proposal.lines.map((l) => ({
    memberId: l.memberId,
    balanceMinor: l.amountMinor,
    reason: droppedHere.has(l.memberId) ? ("dropped" as const) : ("not_in_batch" as const),
  }));
  const names = db.$client.prepare("SELECT name FROM members WHERE id = ?");
  return [...proposal.carriedForward, ...outside].map((c) => ({
    ...c,
    memberName: (names.get(c.memberId) as { name: string } | undefined)?.name ?? `#${c.memberId}`,
  }));
}

export function listBatches() {
  return getDb()
    .$client.prepare(
      `SELECT b.id, b.currency, b.status, b.reference, b.created_at createdAt, b.paid_at paidAt,
         (SELECT count(*) FROM payout_lines l WHERE l.batch_id = b.id AND l.dropped = 0) lines,
         (SELECT COALESCE(sum(amount_minor), 0) FROM payout_lines l WHERE l.batch_id = b.id AND l.dropped = 0) totalMinor
       FROM payout_batches b ORDER BY b.id DESC LIMIT 200`,
    )
    .all() as {
    id: number;
    currency: string;
    status: string;
    reference: string;
    createdAt: string;
    paidAt: string | null;
    lines: number;
    totalMinor: number;
  }[];
}

/** Currencies with any member balance, for the build form. */
export function payoutCurrencies(): string[] {
  return (
    getDb()
      .$client.prepare(
        "SELECT DISTINCT currency FROM journal_lines WHERE account LIKE ? ORDER BY currency",
      )
      .all(`${MEMBER_PAYABLE_PREFIX}%`) as { currency: string }[]
  ).map((r) => r.currency);
}
