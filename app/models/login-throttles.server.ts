// Counters of failed password checks, kept in the database so every server process sees the
// same ones (decision 041). The rules that read them live in app/auth/limits.ts.
import { inArray } from "drizzle-orm";
import { getDb, prepared } from "@db/client.server";
import { loginThrottles } from "@db/schema";

export type ThrottleRow = typeof loginThrottles.$inferSelect;

export function readThrottles(keys: string[]): Map<string, ThrottleRow> {
  const rows = getDb().select().from(loginThrottles).where(inArray(loginThrottles.key, keys)).all();
  return new Map(rows.map((r) => [r.key, r]));
}

/**
 * Counts one failure on each key, in one statement per key (no read-modify-write, so two
 * processes counting at once both count). A counter quiet for `forgetMs` starts again at 1.
 */
export function countFailure(keys: string[], now: number, forgetMs: number) {
  const db = getDb();
  const upsert = prepared(
    `INSERT INTO login_throttles (key, failures, last_failure_ms) VALUES (?, 1, ?)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN last_failure_ms IS NULL OR last_failure_ms <= ? THEN 1 ELSE failures + 1 END,
       last_failure_ms = excluded.last_failure_ms`,
    db,
  );
  db.$client.transaction(() => {
    for (const key of keys) upsert.run(key, now, now - forgetMs);
  })();
}

let lastSweep = 0;

/**
 * Deletes counters that no longer matter (no failure within `forgetMs`, no success within
 * `keepSuccessMs`), at most once a minute per process, so junk e-mails do not pile up.
 */
export function sweepThrottles(now: number, forgetMs: number, keepSuccessMs: number) {
  if (now - lastSweep < 60_000) return;
  lastSweep = now;
  prepared(
    `DELETE FROM login_throttles
     WHERE (last_failure_ms IS NULL OR last_failure_ms <= ?)
       AND (last_success_ms IS NULL OR last_success_ms <= ?)`,
  ).run(now - forgetMs, now - keepSuccessMs);
}

/** A right password: the pair's failures are forgotten and its address marked as the owner's. */
export function countSuccess(pairKey: string, now: number) {
  prepared(
    `INSERT INTO login_throttles (key, failures, last_success_ms) VALUES (?, 0, ?)
     ON CONFLICT (key) DO UPDATE SET failures = 0, last_failure_ms = NULL,
       last_success_ms = excluded.last_success_ms`,
  ).run(pairKey, now);
}
