// The connection's pragmas (SPEC 8, decision 042): durable commits, and append-only tables that
// refuse INSERT OR REPLACE / REPLACE / UPSERT over an existing row as they refuse UPDATE and DELETE.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionSettings, openDatabase, type Db } from "./client.server";

let dir: string;
let db: Db;
let sql: Database.Database;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tierpool-client-"));
  db = openDatabase(join(dir, "t.db"));
  sql = db.$client;
  sql.exec(`
    INSERT INTO journal_entries (id, kind, currency, memo) VALUES (1, 'payout', 'USD', 'first');
    INSERT INTO journal_lines (id, entry_id, account, currency, amount_minor)
      VALUES (1, 1, 'member_payable:1', 'USD', 500), (2, 1, 'cash:USD', 'USD', -500);
    INSERT INTO audit_log (id, action, details) VALUES (1, 'login.failure', '{}');
  `);
});

afterAll(() => {
  sql.close();
  rmSync(dir, { recursive: true, force: true });
});

const ledgerSum = () =>
  (sql.prepare("SELECT sum(amount_minor) AS s FROM journal_lines").get() as { s: number }).s;

describe("openDatabase", () => {
  it("opens WAL with synchronous FULL, foreign keys and recursive triggers on", () => {
    expect(connectionSettings(db)).toEqual({
      journal_mode: "wal",
      synchronous: 2,
      foreign_keys: 1,
      recursive_triggers: 1,
      busy_timeout: 5000,
    });
  });

  it.each([
    [
      "INSERT OR REPLACE INTO journal_lines (id, entry_id, account, currency, amount_minor) VALUES (1, 1, 'member_payable:1', 'USD', 999999)",
    ],
    [
      "REPLACE INTO journal_lines (id, entry_id, account, currency, amount_minor) VALUES (2, 1, 'cash:USD', 'USD', 0)",
    ],
    [
      "INSERT INTO journal_lines (id, entry_id, account, currency, amount_minor) VALUES (1, 1, 'x', 'USD', 1) ON CONFLICT (id) DO UPDATE SET amount_minor = excluded.amount_minor",
    ],
    [
      "INSERT OR REPLACE INTO journal_entries (id, kind, currency, memo) VALUES (1, 'payout', 'USD', 'rewritten')",
    ],
    [
      "REPLACE INTO journal_entries (id, kind, currency, memo) VALUES (1, 'payout', 'USD', 'rewritten')",
    ],
    ["INSERT OR REPLACE INTO audit_log (id, action, details) VALUES (1, 'nothing.happened', '{}')"],
    ["REPLACE INTO audit_log (id, action) VALUES (1, 'nothing.happened')"],
    [
      "INSERT INTO audit_log (id, action) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET action = 'x'",
    ],
    ["UPDATE OR REPLACE journal_lines SET id = 2 WHERE id = 1"],
  ])("refuses %s", (statement) => {
    expect(() => sql.prepare(statement).run()).toThrow(/append-only/);
    expect(ledgerSum()).toBe(0);
    expect(sql.prepare("SELECT memo FROM journal_entries WHERE id = 1").pluck().get()).toBe(
      "first",
    );
    expect(sql.prepare("SELECT action FROM audit_log WHERE id = 1").pluck().get()).toBe(
      "login.failure",
    );
  });

  it("refuses a REPLACE that collides on a unique key other than the id", () => {
    // journal_entries_payment: one entry per supplier payment.
    sql.exec(`
      INSERT INTO suppliers (id, name, currency) VALUES (1, 'S', 'USD');
      INSERT INTO supplier_payments (id, supplier_id, currency, amount_minor, received_on, reference)
        VALUES (1, 1, 'USD', 100, '2026-01-31', 'T-1');
      INSERT INTO journal_entries (id, kind, currency, memo, supplier_payment_id)
        VALUES (2, 'supplier_payment', 'USD', 'paid', 1);`);
    expect(() =>
      sql
        .prepare(
          "INSERT OR REPLACE INTO journal_entries (kind, currency, memo, supplier_payment_id) VALUES ('supplier_payment', 'USD', 'again', 1)",
        )
        .run(),
    ).toThrow(/append-only/);
    expect(sql.prepare("SELECT count(*) FROM journal_entries").pluck().get()).toBe(2);
  });

  it("still appends, and a plain connection without the pragma is what the guard needs it for", () => {
    sql.prepare("INSERT INTO audit_log (action) VALUES ('login.success')").run();
    expect(sql.prepare("SELECT count(*) FROM audit_log").pluck().get()).toBe(2);
    const bare = new Database(join(dir, "t.db"));
    try {
      bare.pragma("recursive_triggers = OFF");
      bare.exec("BEGIN");
      bare.prepare("REPLACE INTO audit_log (id, action) VALUES (1, 'rewritten')").run();
      expect(bare.prepare("SELECT action FROM audit_log WHERE id = 1").pluck().get()).toBe(
        "rewritten",
      );
      bare.exec("ROLLBACK");
    } finally {
      bare.close();
    }
  });
});
