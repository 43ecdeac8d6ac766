// Sessions: rows behind the session cookie.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { databasePath, getDb } from "@db/client.server";
import { sessions, users } from "@db/schema";

/** A random secret kept beside the database, made on first use, so restarts keep sessions. */
export function storedSessionSecret(): string {
  const file = join(dirname(databasePath()), "session-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

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
