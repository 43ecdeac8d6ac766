// Sessions: rows behind the session cookie.
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "@db/client.server";
import { sessions, users } from "@db/schema";

export function createSessionRow(id: string, userId: number, expiresAt: string) {
  getDb().insert(sessions).values({ id, userId, expiresAt }).run();
}

export function deleteSessionRow(id: string) {
  getDb().delete(sessions).where(eq(sessions.id, id)).run();
}

export function deleteSessionsOfUser(userId: number) {
  getDb().delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Every request asks this, so the query is built and prepared once, not per call. */
function prepareSessionUser() {
  return getDb()
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder("id")),
        gt(sessions.expiresAt, sql.placeholder("now")),
        isNull(users.disabledAt),
      ),
    )
    .prepare();
}

let sessionUserQuery: ReturnType<typeof prepareSessionUser> | undefined;

export function findSessionUser(id: string, nowIso: string) {
  sessionUserQuery ??= prepareSessionUser();
  return sessionUserQuery.get({ id, now: nowIso })?.user ?? null;
}
