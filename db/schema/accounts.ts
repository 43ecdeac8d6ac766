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

/** Server-side sessions; the cookie carries the id, signed. Logout deletes the row. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: text("expires_at").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** API tokens are shown once; only their SHA-256 is stored. */
export const apiTokens = sqliteTable("api_tokens", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id),
  name: text("name").notNull().default(""),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: text("created_at").notNull().default(now),
  lastUsedAt: text("last_used_at"),
  revokedAt: text("revoked_at"),
});

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
