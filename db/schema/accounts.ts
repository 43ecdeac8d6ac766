// Who can sign in: users, their sessions, API tokens and invitations.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { members, now, suppliers } from "./parties";

export const ROLES = ["admin", "supplier", "member"] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull().unique(),
    name: text("name").notNull().default(""),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    supplierId: integer("supplier_id").references(() => suppliers.id),
    memberId: integer("member_id").references(() => members.id),
    locale: text("locale"),
    /** Format region (numbers, money, dates: "es-CO"); null follows the browser (decision 058). */
    region: text("region"),
    disabledAt: text("disabled_at"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  () => [
    check(
      "users_scope",
      sql`(role = 'admin' AND supplier_id IS NULL AND member_id IS NULL)
       OR (role = 'supplier' AND supplier_id IS NOT NULL AND member_id IS NULL)
       OR (role = 'member' AND member_id IS NOT NULL AND supplier_id IS NULL)`,
    ),
  ],
);

/**
 * Server-side sessions; the cookie carries the id, signed. Logout deletes the row. `expiresAt` is
 * the absolute end (14 days after sign-in); `lastSeenAt` (written at most once a minute) ends an
 * idle session (decision 041). Always written by the app; null only if a row predates it.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: text("expires_at").notNull(),
    createdAt: text("created_at").notNull().default(now),
    lastSeenAt: text("last_seen_at"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/**
 * API tokens are shown once; only their SHA-256 is stored. A token works until `expiresAt` (always
 * written by the app; a null one is refused) unless revoked first.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull().default(""),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: text("created_at").notNull().default(now),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
    expiresAt: text("expires_at"),
  },
  (t) => [index("api_tokens_user").on(t.userId)],
);

/**
 * Failed password checks, counted per key (decision 041): `pair:<email> <address>`,
 * `address:<address>` and `account:<email>`. Times are milliseconds since the epoch. A pair's
 * `lastSuccessMs` marks an address the account's owner signed in from.
 */
export const loginThrottles = sqliteTable(
  "login_throttles",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull().default(0),
    lastFailureMs: integer("last_failure_ms"),
    lastSuccessMs: integer("last_success_ms"),
  },
  (t) => [index("login_throttles_last_failure").on(t.lastFailureMs)],
);

export const invitations = sqliteTable("invitations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  tokenHash: text("token_hash").notNull().unique(),
  email: text("email").notNull(),
  role: text("role", { enum: ROLES }).notNull(),
  supplierId: integer("supplier_id").references(() => suppliers.id),
  memberId: integer("member_id").references(() => members.id),
  invitedBy: integer("invited_by")
    .notNull()
    .references(() => users.id),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
  createdAt: text("created_at").notNull().default(now),
});
