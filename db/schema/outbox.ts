// E-mail and scheduled work: the durable outbox (one message per event and recipient), the
// schedule of background jobs shared by every server process, and password-reset links.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { now } from "./parties";
import { users } from "./accounts";

export const OUTBOX_STATES = ["queued", "sending", "sent", "failed"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/**
 * One e-mail to one recipient, unique by `key` (the event and the recipient). `queued` waits for
 * `nextAttemptMs`; `sending` is leased by `leaseOwner` until `leaseUntilMs` (a process that died
 * holding it lets the lease run out and the message is sent again); `sent` and `failed` are final.
 * Lease and retry times are wall-clock milliseconds; `createdAt` is the portal's clock.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull().unique(),
    userId: integer("user_id").references(() => users.id),
    toAddress: text("to_address").notNull(),
    kind: text("kind").notNull(),
    locale: text("locale").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    link: text("link"),
    state: text("state", { enum: OUTBOX_STATES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptMs: integer("next_attempt_ms").notNull(),
    leaseOwner: text("lease_owner"),
    leaseUntilMs: integer("lease_until_ms"),
    lastReply: text("last_reply"),
    createdAt: text("created_at").notNull().default(now),
    sentAt: text("sent_at"),
  },
  (t) => [
    // The sender's pick (due queued or expired sending) and the Outbox screen's filters, each
    // newest first without sorting (the screen stays fast at 100,000 messages).
    index("outbox_state_due").on(t.state, t.nextAttemptMs),
    index("outbox_state_id").on(t.state, t.id),
    index("outbox_kind_id").on(t.kind, t.id),
    index("outbox_to_id").on(t.toAddress, t.id),
  ],
);

/**
 * One row per background job: when it runs next (the portal's clock, ISO) and who holds it now
 * (wall-clock milliseconds), so one process acts per due run.
 */
export const schedules = sqliteTable("schedules", {
  name: text("name").primaryKey(),
  nextRunAt: text("next_run_at").notNull(),
  leaseOwner: text("lease_owner"),
  leaseUntilMs: integer("lease_until_ms"),
  lastRunAt: text("last_run_at"),
  lastError: text("last_error"),
});

/** A "forgot password" link: only the SHA-256 of its token is kept; single use, 24 h. */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("password_resets_user").on(t.userId, t.createdAt)],
);
