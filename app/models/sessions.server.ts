// Sessions: rows behind the session cookie.
import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { sessions, users } from "../../db/schema";

export function createSessionRow(id: string, userId: number, expiresAt: string) {
  getDb().insert(sessions).values({ id, userId, expiresAt }).run();
}

export function deleteSessionRow(id: string) {
  getDb().delete(sessions).where(eq(sessions.id, id)).run();
}

export function deleteSessionsOfUser(userId: number) {
  getDb().delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function findSessionUser(id: string, nowIso: string) {
  const row = getDb()
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, nowIso), isNull(users.disabledAt)))
    .get();
  return row?.user ?? null;
}
