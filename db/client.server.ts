// The one SQLite connection of the process: opened with its pragmas, migrated on first use.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database, { type Statement } from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { count } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function databasePath(): string {
  return resolve(process.env.DATABASE_PATH ?? "./data/tierpool.db");
}

/** Opens (creating if needed) and migrates a database file. Migrations are read from ./db/migrations. */
export function openDatabase(path: string): Db {
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Staged report lines live in temp tables: on disk, so a million-row upload keeps memory flat.
  sqlite.pragma("temp_store = FILE");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: resolve(process.env.MIGRATIONS_PATH ?? "./db/migrations") });
  return db as Db;
}

let current: Db | undefined;

/** The process-wide connection, opened at DATABASE_PATH on first use. */
export function getDb(): Db {
  current ??= openDatabase(databasePath());
  return current;
}

/** Runs `work` in one write transaction (BEGIN IMMEDIATE, so concurrent writers queue, not fail). */
export function inTransaction<T>(work: (db: Db) => T): T {
  const db = getDb();
  return db.$client.transaction(() => work(db)).immediate();
}

/** Number of rows of a table. */
export function countRows(table: SQLiteTable): number {
  return getDb().select({ n: count() }).from(table).get()?.n ?? 0;
}

const statements = new WeakMap<object, Map<string, Statement>>();

/**
 * A prepared statement kept per connection: the dashboards and the program and balance
 * readers run the same few queries all day.
 */
export function prepared(sql: string, db: Db = getDb()): Statement {
  const client = db.$client;
  let cache = statements.get(client);
  if (!cache) statements.set(client, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = client.prepare(sql)));
  return statement;
}
