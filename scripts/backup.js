// npm run backup [FILE]: a consistent copy of the live database (SQLite online backup API),
// safe while the server runs and writes. Restore: stop the server, copy FILE to DATABASE_PATH.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";

const source = resolve(process.env.DATABASE_PATH ?? "./data/tierpool.db");
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = resolve(process.argv[2] ?? `./data/backups/tierpool-${stamp}.db`);

mkdirSync(dirname(target), { recursive: true });
const db = new Database(source, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
// It only reads, but every connection keeps the append-only guards whole (decision 042).
db.pragma("recursive_triggers = ON");
await db.backup(target);
db.close();

const copy = new Database(target, { readonly: true });
const check = copy.pragma("integrity_check", { simple: true });
copy.close();
if (check !== "ok") {
  console.error(`Backup written to ${target} but its integrity check said: ${check}`);
  process.exit(1);
}
console.log(`Backup written to ${target} (integrity ok)`);
