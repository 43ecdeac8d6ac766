// Sessions: rows behind the session cookie.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { and, eq, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { databasePath, getDb, prepared, type Db } from "@db/client.server";
import { apiTokens, sessions, users } from "@db/schema";

/** A random secret kept beside the database, made on first use, so restarts keep sessions. */
export function storedSessionSecret(): string {
  const file = join(dirname(databasePath()), "session-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

export function createSessionRow(id: string, userId: number, expiresAt: string, nowIso: string) {
  getDb().insert(sessions).values({ id, userId, expiresAt, lastSeenAt: nowIso }).run();
}

export function deleteSessionRow(id: string) {
  getDb().delete(sessions).where(eq(sessions.id, id)).run();
}

/** Ends every session of the user; returns how many there were. */
export function deleteSessionsOfUser(userId: number, db: Db = getDb()): number {
  return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

/** Drops the user's sessions that ended (past `nowIso`, or not seen since `seenBeforeIso`). */
export function deleteEndedSessionsOfUser(userId: number, nowIso: string, seenBeforeIso: string) {
  getDb()
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        or(
          lte(sessions.expiresAt, nowIso),
          isNull(sessions.lastSeenAt),
          lt(sessions.lastSeenAt, seenBeforeIso),
        ),
      ),
    )
    .run();
}

/**
 * A password change or a disabled user: every session ends and every token still working is
 * revoked, in the caller's transaction. `shorten` names the session doing a password change: it
 * is not deleted but ends at `untilIso` (seconds away), so the page answering the change, in the
 * same request, still sees its user; the browser already holds the new session by then.
 * Returns how many sessions and tokens ended.
 */
export function endAccessOfUser(
  db: Db,
  userId: number,
  nowIso: string,
  shorten?: { sessionId: string; untilIso: string },
) {
  const kept = shorten
    ? db
        .update(sessions)
        .set({ expiresAt: shorten.untilIso })
        .where(and(eq(sessions.id, shorten.sessionId), eq(sessions.userId, userId)))
        .run().changes
    : 0;
  const deleted = db
    .delete(sessions)
    .where(
      shorten
        ? and(eq(sessions.userId, userId), ne(sessions.id, shorten.sessionId))
        : eq(sessions.userId, userId),
    )
    .run().changes;
  const revoked = db
    .update(apiTokens)
    .set({ revokedAt: nowIso })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .run().changes;
  return { sessions: deleted + kept, tokens: revoked };
}

/** Every request asks this, so the query is built and prepared once, not per call. */
function prepareSessionUser() {
  return getDb()
    .select({ user: users, expiresAt: sessions.expiresAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder("id")), isNull(users.disabledAt)))
    .prepare();
}

let sessionUserQuery: ReturnType<typeof prepareSessionUser> | undefined;

/** The session's (enabled) user and its times; whether it still counts is auth's rule. */
export function findSession(id: string) {
  sessionUserQuery ??= prepareSessionUser();
  return sessionUserQuery.get({ id }) ?? null;
}

/** Notes the session as seen now (the caller writes at most once a minute). */
export function touchSession(id: string, nowIso: string) {
  prepared("UPDATE sessions SET last_seen_at = ? WHERE id = ?").run(nowIso, id);
}
