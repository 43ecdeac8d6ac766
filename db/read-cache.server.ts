// What repeated reads keep between requests, per connection: drizzle queries prepared once, and
// reads every request repeats alike kept until the database changes.
import type Database from "better-sqlite3";
import { getDb, prepared, type Db } from "./client.server";

/** A drizzle query prepared once per connection (the builder compiles its SQL on every call). */
export function preparedQuery<Q>(build: (db: Db) => Q): (db?: Db) => Q {
  const byConnection = new WeakMap<Database.Database, Q>();
  return (db = getDb()) => {
    let query = byConnection.get(db.$client);
    if (!query) byConnection.set(db.$client, (query = build(db)));
    return query;
  };
}

/**
 * Where the database stands for this connection: commits by any other connection, of this process
 * or another (SQLite's data_version), and the rows this one changed (total_changes()). Equal
 * stamps, nothing was committed in between.
 */
function changeStamp(db: Db): string {
  const { theirs, mine } = prepared(
    `SELECT (SELECT data_version FROM pragma_data_version) AS theirs, total_changes() AS mine`,
    db,
  ).get() as { theirs: number; mine: number };
  return `${theirs}:${mine}`;
}

const kept = new WeakMap<Database.Database, Map<string, { stamp: string; value: unknown }>>();
const MAX_KEPT = 1000;

/**
 * `read()`, kept under `key` until anything is committed to the database by anyone: every server
 * process then reads again, so none answers from what another has changed (issue 17). For reads
 * every request repeats alike (the year's programs, a program's last posted run). The value is
 * frozen: callers share it.
 */
export function readUntilChanged<T>(key: string, read: () => T, db: Db = getDb()): T {
  let entries = kept.get(db.$client);
  if (!entries) kept.set(db.$client, (entries = new Map()));
  const stamp = changeStamp(db);
  const entry = entries.get(key);
  if (entry?.stamp === stamp) return entry.value as T;
  const value = deepFreeze(read());
  if (entries.size >= MAX_KEPT) entries.clear();
  entries.set(key, { stamp, value });
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
