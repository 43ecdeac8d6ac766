// A read kept until the database changes: whoever commits — another process (another connection
// to the file), or this connection — the next read sees it; a kept value cannot be changed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "./client.server";
import { readUntilChanged } from "./read-cache.server";

let dir: string;
let db: Db;
let other: Database.Database;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tierpool-read-cache-"));
  db = openDatabase(join(dir, "t.db"));
  other = new Database(join(dir, "t.db"));
});

afterAll(() => {
  other.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

let reads = 0;

function supplierNames(): { reads: number; names: string[] } {
  reads += 1;
  const rows = db.$client.prepare(`SELECT name FROM suppliers ORDER BY id`).all() as {
    name: string;
  }[];
  return { reads, names: rows.map((r) => r.name) };
}
describe("readUntilChanged", () => {
  it("reads once while nothing is committed, and again after any commit", () => {
    const first = readUntilChanged("names", supplierNames, db);
    expect(first).toEqual({ reads: 1, names: [] });
    expect(readUntilChanged("names", supplierNames, db)).toBe(first);

    other.prepare(`INSERT INTO suppliers (name, currency) VALUES ('Axion', 'USD')`).run();
    expect(readUntilChanged("names", supplierNames, db)).toEqual({ reads: 2, names: ["Axion"] });

    db.$client.prepare(`INSERT INTO suppliers (name, currency) VALUES ('Norte', 'USD')`).run();
    expect(readUntilChanged("names", supplierNames, db)).toEqual({
      reads: 3,
      names: ["Axion", "Norte"],
    });
    expect(readUntilChanged("names", supplierNames, db).reads).toBe(3);
  });

  it("keeps each key apart, and hands out values no caller can change", () => {
    const kept = readUntilChanged("other key", supplierNames, db);
    expect(kept.reads).toBe(4);
    expect(() => kept.names.push("Mallory")).toThrow(TypeError);
    expect(readUntilChanged("names", supplierNames, db).reads).toBe(3);
  });
});
