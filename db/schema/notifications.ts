// What the portal tells each user (SPEC 11): one notification per event and recipient, and each
// user's choice per kind of also receiving it by e-mail. The e-mail itself goes to the outbox.
import { sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { now } from "./parties";

/**
 * A notification kept for one user. `key` names the event (e.g. `run-posted:12`): unique per user,
 * so an event replayed notifies nobody twice. Its text is rendered when read, in the reader's
 * language, from `kind` and `params`; `link` is the screen it is about (a path of the portal).
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    params: text("params", { mode: "json" }).$type<Record<string, string | number>>().notNull(),
    link: text("link").notNull(),
    createdAt: text("created_at").notNull().default(now),
    readAt: text("read_at"),
  },
  (t) => [
    uniqueIndex("notifications_user_key").on(t.userId, t.key),
    // The list: a user's newest first, all or of one kind; the bell: a user's unread ones.
    index("notifications_user_created").on(t.userId, t.createdAt, t.id),
    index("notifications_user_kind_created").on(t.userId, t.kind, t.createdAt, t.id),
    index("notifications_user_unread")
      .on(t.userId, t.createdAt, t.id)
      .where(sql`read_at IS NULL`),
  ],
);

/** A user's choice for one kind; without a row the kind's default applies (decision 051). */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    email: integer("email", { mode: "boolean" }).notNull(),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
