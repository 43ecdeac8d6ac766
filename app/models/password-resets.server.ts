// "Forgot password": a link e-mailed to the account's address that works once, within 24 hours
// (the portal's clock), and ends every session and token of the user when used. Asking never
// tells whether the address has an account (decision 050).
import { randomBytes } from "node:crypto";
import { and, count, eq, gt, isNull } from "drizzle-orm";
import { getDb, inTransaction } from "@db/client.server";
import { passwordResets, users } from "@db/schema";
import { hashPassword } from "~/crypto/passwords.server";
import { settingLocale, type Locale } from "~/i18n/locale";
import { passwordResetMail } from "~/mail/templates";
import { password as passwordSchema } from "~/schemas/parties";
import { hashToken } from "./api-tokens.server";
import { recordAudit } from "./audit.server";
import { now } from "./clock.server";
import { conflict } from "./errors";
import { portalUrl } from "./notifications.server";
import { enqueueMessage } from "./outbox.server";
import { endAccessOfUser } from "./sessions.server";
import { z } from "zod";

export const RESET_LINK_MS = 24 * 3600 * 1000;
/** Links asked for one account within an hour: more are silently not sent (no mail bombing). */
const MAX_PER_HOUR = 3;

/**
 * Sends a reset link to the address if it is an enabled account's; otherwise does nothing. The
 * caller answers the same either way. `readerLocale` is the asking browser's language, used when
 * the user has not chosen one.
 */
export function requestPasswordReset(email: string, readerLocale: Locale, ip?: string): void {
  const address = email.trim().toLowerCase();
  if (!address || address.length > 320) return;
  inTransaction((db) => {
    const user = db.select().from(users).where(eq(users.email, address)).get();
    if (!user || user.disabledAt) return;
    const at = now();
    const hourAgo = new Date(at.getTime() - 3600_000).toISOString();
    const recent =
      db
        .select({ n: count() })
        .from(passwordResets)
        .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, hourAgo)))
        .get()?.n ?? 0;
    if (recent >= MAX_PER_HOUR) return;
    const token = randomBytes(32).toString("base64url");
    const row = db
      .insert(passwordResets)
      .values({
        userId: user.id,
        tokenHash: hashToken(token),
        createdAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + RESET_LINK_MS).toISOString(),
      })
      .returning({ id: passwordResets.id })
      .get();
    const locale = settingLocale(user.locale) ?? readerLocale;
    enqueueMessage({
      key: `password_reset:${row.id}`,
      userId: user.id,
      to: user.email,
      kind: "password_reset",
      locale,
      ...passwordResetMail(locale, user.email, portalUrl(`/reset-password/${token}`)),
    });
    recordAudit(
      { id: user.id, email: user.email },
      "user.password_reset_requested",
      { type: "user", id: user.id },
      undefined,
      ip,
    );
  });
}

/** The link's user while it works (unused, unexpired, user enabled), else null. */
export function openPasswordReset(token: string): { id: number; email: string } | null {
  const row = getDb()
    .select({ id: passwordResets.id, email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now().toISOString()),
        isNull(users.disabledAt),
      ),
    )
    .get();
  return row ?? null;
}

const resetInput = z.object({ password: passwordSchema });

/**
 * Sets the new password through a working link, in one transaction: the link (and any other the
 * user still holds) is used up, and every session and token of the user ends.
 */
export async function resetPassword(token: string, raw: unknown, ip?: string): Promise<void> {
  const input = resetInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  inTransaction((db) => {
    const nowIso = now().toISOString();
    const reset = openPasswordReset(token);
    if (!reset) throw conflict("password_reset_invalid");
    const row = db
      .update(passwordResets)
      .set({ usedAt: nowIso })
      .where(and(eq(passwordResets.id, reset.id), isNull(passwordResets.usedAt)))
      .returning({ userId: passwordResets.userId })
      .get();
    if (!row) throw conflict("password_reset_invalid");
    db.update(passwordResets)
      .set({ usedAt: nowIso })
      .where(and(eq(passwordResets.userId, row.userId), isNull(passwordResets.usedAt)))
      .run();
    db.update(users)
      .set({ passwordHash, updatedAt: new Date().toISOString() })
      .where(eq(users.id, row.userId))
      .run();
    const ended = endAccessOfUser(db, row.userId, new Date().toISOString());
    recordAudit(
      { id: row.userId, email: reset.email },
      "user.password_reset",
      { type: "user", id: row.userId },
      { sessionsEnded: ended.sessions, tokensRevoked: ended.tokens },
      ip,
    );
  });
}
