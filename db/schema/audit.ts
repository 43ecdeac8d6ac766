// The append-only audit log of money-affecting and security actions.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { now } from "./parties";

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull().default(now),
    actorUserId: integer("actor_user_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    ip: text("ip"),
  },
  (t) => [index("audit_log_at").on(t.at), index("audit_log_action").on(t.action)],
);
