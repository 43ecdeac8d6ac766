// The durable outbox: one e-mail per event and recipient (unique key), leased by one process at a
// time for sending, its every attempt and the server's last reply kept (decision 049).
import { and, eq, lte, or, sql, type SQL } from "drizzle-orm";
import { limitOf, offsetOf, orderFor, type ListSort } from "./list-order.server";
import { getDb, inTransaction } from "@db/client.server";
import { outbox, users, type OutboxState } from "@db/schema";
import type { Locale } from "~/i18n/locale";
import type { NotificationKind } from "~/mail/kinds";
import { nowIso } from "./clock.server";

export type OutboxMessage = typeof outbox.$inferSelect;

export type MailInput = {
  key: string;
  userId: number;
  kind: NotificationKind;
  locale: Locale;
  subject: string;
  text: string;
  html: string;
  link?: string;
};

const listeners = new Set<() => void>();

/** The sender asks to hear of new mail, so it goes out at once rather than at the next poll. */
export function onMailQueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Queues one e-mail to a user; a second call with the same key creates nothing. Synchronous, so
 * it may run inside the caller's write transaction (the message then exists only if that commits).
 */
export function enqueueMail(input: MailInput): { id: number; created: boolean } {
  const user = getDb()
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, input.userId))
    .get();
  if (!user) throw new Error(`enqueueMail: no user ${input.userId}`);
  return enqueueMessage({ ...input, to: user.email });
}

/** As enqueueMail, to an address that may not be a user yet (an invitation). */
export function enqueueMessage(
  input: Omit<MailInput, "userId"> & { userId: number | null; to: string },
): { id: number; created: boolean } {
  const db = getDb();
  const inserted = db
    .insert(outbox)
    .values({
      key: input.key,
      userId: input.userId,
      toAddress: input.to.toLowerCase(),
      kind: input.kind,
      locale: input.locale,
      subject: input.subject,
      text: input.text,
      html: input.html,
      link: input.link ?? null,
      nextAttemptMs: Date.now(),
      createdAt: nowIso(),
    })
    .onConflictDoNothing({ target: outbox.key })
    .returning({ id: outbox.id })
    .get();
  if (inserted) {
    // After the caller's transaction: a listener reading the outbox sees the committed row.
    setImmediate(() => listeners.forEach((listener) => listener()));
    return { id: inserted.id, created: true };
  }
  const existing = db.select({ id: outbox.id }).from(outbox).where(eq(outbox.key, input.key)).get();
  return { id: existing!.id, created: false };
}

/**
 * Leases up to `limit` messages due now (queued and due, or sending with a lease run out: its
 * process died) to `owner` until `leaseUntilMs`, counting the attempt. One write transaction, so
 * two processes never lease one message.
 */
export function leaseDueMessages(
  owner: string,
  nowMs: number,
  leaseUntilMs: number,
  limit: number,
): OutboxMessage[] {
  return inTransaction((db) => {
    const due = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        or(
          and(eq(outbox.state, "queued"), lte(outbox.nextAttemptMs, nowMs)),
          and(eq(outbox.state, "sending"), lte(outbox.leaseUntilMs, nowMs)),
        ),
      )
      .orderBy(outbox.nextAttemptMs)
      .limit(limit)
      .all();
    return due.map(({ id }) =>
      db
        .update(outbox)
        .set({
          state: "sending",
          leaseOwner: owner,
          leaseUntilMs,
          attempts: sql`${outbox.attempts} + 1`,
        })
        .where(eq(outbox.id, id))
        .returning()
        .get()!,
    );
  });
}

/** The outcome of one attempt, recorded only while `owner` still holds the lease. */
export type AttemptOutcome =
  | { state: "sent"; reply: string }
  | { state: "failed"; reply: string }
  | { state: "queued"; reply: string; nextAttemptMs: number };

export function recordAttempt(id: number, owner: string, outcome: AttemptOutcome): boolean {
  const set = {
    state: outcome.state,
    lastReply: outcome.reply.slice(0, 1000),
    leaseOwner: null,
    leaseUntilMs: null,
    ...(outcome.state === "sent" ? { sentAt: nowIso() } : {}),
    ...(outcome.state === "queued" ? { nextAttemptMs: outcome.nextAttemptMs } : {}),
  };
  const result = getDb()
    .update(outbox)
    .set(set)
    .where(and(eq(outbox.id, id), eq(outbox.state, "sending"), eq(outbox.leaseOwner, owner)))
    .run();
  return result.changes === 1;
}

/** Milliseconds until the next queued message is due (undefined: none waits). */
export function nextDueMs(): number | undefined {
  const row = getDb()
    .select({ at: sql<number>`min(${outbox.nextAttemptMs})` })
    .from(outbox)
    .where(eq(outbox.state, "queued"))
    .get();
  return row?.at ?? undefined;
}

export type OutboxFilter = { state?: OutboxState; kind?: string; to?: string };

/** The Outbox screen: newest first, each filter served by its own index. */
export const OUTBOX_SORTS = ["createdAt", "to", "kind", "state", "attempts"] as const;
export type OutboxSort = (typeof OUTBOX_SORTS)[number];

/** A page of the outbox (every matching message when `pageSize` is 0), newest first unless sorted. */
export function listOutbox(
  filter: OutboxFilter,
  page: number,
  pageSize: number,
  sorted: ListSort<OutboxSort> = { sort: "createdAt", dir: "desc" },
) {
  const paging = pageSize > 0 ? { page, pageSize } : undefined;
  const where: SQL[] = [];
  if (filter.state) where.push(eq(outbox.state, filter.state));
  if (filter.kind) where.push(eq(outbox.kind, filter.kind));
  if (filter.to) where.push(eq(outbox.toAddress, filter.to.trim().toLowerCase()));
  const cond = where.length ? and(...where) : undefined;
  const db = getDb();
  const rows = db
    .select()
    .from(outbox)
    .where(cond)
    .orderBy(
      ...orderFor(
        {
          createdAt: outbox.id,
          to: outbox.toAddress,
          kind: outbox.kind,
          state: outbox.state,
          attempts: outbox.attempts,
        },
        sorted,
        outbox.id,
      ),
    )
    .limit(limitOf(paging))
    .offset(offsetOf(paging))
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(outbox)
      .where(cond)
      .get()?.n ?? 0;
  return { rows, total };
}
