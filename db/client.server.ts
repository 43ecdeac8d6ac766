// The one SQLite connection of the process: opened with its pragmas, migrated on first use.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database, { type Statement } from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { count } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";
import { normalizeInvoiceNumber } from "@imports/claims/numbers";

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
  // FULL: a commit is on disk before it returns, so a posted run survives a power cut (SPEC 8).
  sqlite.pragma("synchronous = FULL");
  // REPLACE's implicit delete of a conflicting row fires DELETE triggers only with this on: the
  // append-only guards (0001) then refuse INSERT OR REPLACE / REPLACE INTO over ledger and audit
  // rows as they refuse UPDATE and DELETE (decision 042). It is per connection, so every one sets it.
  sqlite.pragma("recursive_triggers = ON");
  // Staged report lines live in temp tables: on disk, so a million-row upload keeps memory flat.
  sqlite.pragma("temp_store = FILE");
  // SPEC 5.2: report lines land with their normalized invoice number (decision 055).
  sqlite.function("tp_invoice_key", { deterministic: true }, (raw: unknown) =>
    typeof raw === "string" ? normalizeInvoiceNumber(raw) : null,
  );
  const db = drizzle(sqlite, { schema });
  migrateChecked(db, sqlite);
  return db as Db;
}

/**
 * Applies the migrations not yet applied. They run with foreign keys off, as SQLite's way to
 * rebuild a table needs (drizzle's `PRAGMA foreign_keys=OFF` inside them is ignored in the
 * migrator's transaction; 0005 rebuilds allocation_runs, which the ledger references); when any
 * ran, every foreign key is checked before the connection turns them back on.
 */
function migrateChecked(db: BetterSQLite3Database<typeof schema>, sqlite: Database.Database) {
  const applied = () => {
    const table = sqlite
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`)
      .get();
    return table
      ? (sqlite.prepare(`SELECT count(*) FROM __drizzle_migrations`).pluck().get() as number)
      : 0;
  };
  const before = applied();
  sqlite.pragma("foreign_keys = OFF");
  try {
    migrate(db, { migrationsFolder: resolve(process.env.MIGRATIONS_PATH ?? "./db/migrations") });
    if (applied() !== before) {
      const broken = sqlite.pragma("foreign_key_check") as unknown[];
      if (broken.length > 0)
        throw new Error(
          `migrations left ${broken.length} broken foreign keys: ${JSON.stringify(broken.slice(0, 5))}`,
        );
    }
  } finally {
    sqlite.pragma("foreign_keys = ON");
  }
}

/** What SPEC 8 asks of a connection, as SQLite reports it: the server logs it at start. */
export function connectionSettings(db: Db): Record<string, unknown> {
  const read = (name: string) => db.$client.pragma(name, { simple: true });
  return {
    journal_mode: read("journal_mode"),
    synchronous: read("synchronous"),
    foreign_keys: read("foreign_keys"),
    recursive_triggers: read("recursive_triggers"),
    busy_timeout: read("busy_timeout"),
  };
}

/** A handle over a connection opened elsewhere (test set-ups and benches that seed by SQL). */
export function onConnection(sqlite: Database.Database): Db {
  return drizzle(sqlite, { schema }) as Db;
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
