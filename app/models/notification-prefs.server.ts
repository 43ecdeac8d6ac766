// Each user's choice per kind of notification (SPEC 11): portal only, or portal and e-mail.
// Without a choice a kind comes by e-mail too (decision 051).
import { getDb, prepared, type Db } from "@db/client.server";
import type { Role } from "@db/schema";
import type { NotificationKind } from "~/mail/kinds";

/** The kinds each role is told of, in the order its preferences list them. */
export const KINDS_FOR_ROLE: Record<Role, readonly NotificationKind[]> = {
  admin: ["batch_awaiting_approval", "claim_escalated", "report_processed"],
  supplier: ["report_due", "report_processed", "claims_to_review", "run_posted"],
  member: ["run_posted", "batch_paid", "near_next_tier", "claim_decided"],
};

/** What a kind does without the user's choice: every kind of SPEC 11 is meant to reach people. */
export const EMAIL_BY_DEFAULT = true;

/** Does the user want `kind` by e-mail too? */
export function wantsEmail(userId: number, kind: NotificationKind, db: Db = getDb()): boolean {
  const row = prepared(
    `SELECT email FROM notification_preferences WHERE user_id = ? AND kind = ?`,
    db,
  ).get(userId, kind) as { email: number } | undefined;
  return row ? row.email === 1 : EMAIL_BY_DEFAULT;
}

export type EmailPreference = { kind: NotificationKind; email: boolean };

/** The user's choice for each kind of the role, defaults filled in. */
export function emailPreferences(userId: number, role: Role): EmailPreference[] {
  const chosen = new Map(
    (
      prepared(`SELECT kind, email FROM notification_preferences WHERE user_id = ?`).all(
        userId,
      ) as { kind: string; email: number }[]
    ).map((r) => [r.kind, r.email === 1]),
  );
  return KINDS_FOR_ROLE[role].map((kind) => ({
    kind,
    email: chosen.get(kind) ?? EMAIL_BY_DEFAULT,
  }));
}

/** Portal only (`email` false) or portal and e-mail; the unsubscribe link calls it too. */
export function setEmailPreference(userId: number, kind: NotificationKind, email: boolean): void {
  prepared(
    `INSERT INTO notification_preferences (user_id, kind, email) VALUES (?, ?, ?)
     ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
  ).run(userId, kind, email ? 1 : 0);
}
