// The outbox's rules on a real database file: one message per key (also inside a caller's
// transaction that rolls back), one lease holder at a time, outcomes kept only by the holder, and
// the Outbox screen's filters served by indexes (no sort, no scan) at 100,000 messages.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

process.env.DATABASE_PATH = join(mkdtempSync(join(tmpdir(), "tierpool-outbox-")), "t.db");
const { getDb, inTransaction } = await import("@db/client.server");
const outbox = await import("./outbox.server");

const mail = (key: string) => ({
  key,
  userId: 1,
  kind: "batch_paid" as const,
  locale: "es" as const,
  subject: `Asunto ${key}`,
  text: "Texto",
  html: "<p>Texto</p>",
});

beforeAll(() => {
  getDb()
    .$client.prepare(
      "INSERT INTO users (id, email, password_hash, role) VALUES (1, 'Ana@Example.test', 'x', 'admin')",
    )
    .run();
});

describe("enqueueMail", () => {
  it("creates one message per key and tells a repeat it created nothing", () => {
    const first = outbox.enqueueMail(mail("paid:1:1"));
    const again = outbox.enqueueMail({ ...mail("paid:1:1"), subject: "changed" });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const rows = outbox.listOutbox({ to: "ana@example.test" }, 1, 10).rows;
    expect(rows.map((r) => [r.key, r.subject, r.state, r.attempts])).toEqual([
      ["paid:1:1", "Asunto paid:1:1", "queued", 0],
    ]);
  });

  it("leaves nothing behind when the caller's transaction rolls back", () => {
    expect(() =>
      inTransaction(() => {
        outbox.enqueueMail(mail("paid:rolled-back"));
        throw new Error("the fact did not happen");
      }),
    ).toThrow("the fact did not happen");
    expect(outbox.listOutbox({}, 1, 10).rows.map((r) => r.key)).toEqual(["paid:1:1"]);
  });
});

describe("leases", () => {
  it("gives a message to one process until its lease runs out, and keeps only the holder's outcome", () => {
    const { id } = outbox.enqueueMail(mail("lease"));
    const t = Date.now() + 1000;
    const a = outbox.leaseDueMessages("A", t, t + 5000, 10);
    expect(a.map((m) => [m.key, m.state, m.attempts, m.leaseOwner])).toEqual([
      ["paid:1:1", "sending", 1, "A"],
      ["lease", "sending", 1, "A"],
    ]);
    expect(outbox.leaseDueMessages("B", t + 4999, t + 9999, 10)).toEqual([]);
    // A died: its lease runs out and B sends again, counting the attempt.
    const b = outbox.leaseDueMessages("B", t + 5000, t + 10_000, 10);
    expect(b.map((m) => [m.id, m.attempts, m.leaseOwner])).toEqual([
      [a[0].id, 2, "B"],
      [id, 2, "B"],
    ]);
    expect(outbox.recordAttempt(id, "A", { state: "sent", reply: "250 late" })).toBe(false);
    expect(outbox.recordAttempt(id, "B", { state: "sent", reply: "250 ok" })).toBe(true);
    expect(
      outbox.recordAttempt(a[0].id, "B", {
        state: "queued",
        reply: "421 busy",
        nextAttemptMs: t + 60_000,
      }),
    ).toBe(true);
    expect(outbox.leaseDueMessages("C", t + 59_999, t + 70_000, 10)).toEqual([]);
    expect(outbox.leaseDueMessages("C", t + 60_000, t + 70_000, 10).map((m) => m.attempts)).toEqual(
      [3],
    );
    expect(
      outbox.listOutbox({ state: "sent" }, 1, 10).rows.map((r) => [r.key, r.lastReply]),
    ).toEqual([["lease", "250 ok"]]);
  });
});

describe("the Outbox screen at 100,000 messages", () => {
  it("filters and pages through indexes, newest first", () => {
    const db = getDb().$client;
    const insert = db.prepare(
      `INSERT INTO outbox (key, user_id, to_address, kind, locale, subject, text, html, state, next_attempt_ms)
       VALUES (?, 1, ?, ?, 'es', 's', 't', 'h', ?, 0)`,
    );
    const kinds = ["run_posted", "batch_paid", "report_due", "near_next_tier"];
    const states = ["sent", "sent", "sent", "queued", "failed"];
    db.transaction(() => {
      for (let i = 0; i < 100_000; i++)
        insert.run(`bulk:${i}`, `user${i % 500}@example.test`, kinds[i % 4], states[i % 5]);
    })();
    const plan = (where: string) =>
      (
        db
          .prepare(`EXPLAIN QUERY PLAN SELECT * FROM outbox ${where} ORDER BY id DESC LIMIT 50`)
          .all() as {
          detail: string;
        }[]
      ).map((r) => r.detail);
    expect(plan("WHERE state = 'failed'")).toEqual([
      "SEARCH outbox USING INDEX outbox_state_id (state=?)",
    ]);
    expect(plan("WHERE kind = 'batch_paid'")).toEqual([
      "SEARCH outbox USING INDEX outbox_kind_id (kind=?)",
    ]);
    expect(plan("WHERE to_address = 'user7@example.test'")).toEqual([
      "SEARCH outbox USING INDEX outbox_to_id (to_address=?)",
    ]);
    const page = outbox.listOutbox({ state: "failed", kind: "report_due" }, 2, 50);
    expect(page.total).toBe(5000);
    expect(page.rows).toHaveLength(50);
    // Failed report_due messages are i ≡ 14 (mod 20): the newest is 99,994; page 2 starts 50 later.
    expect(page.rows[0].key).toBe(`bulk:${99_994 - 50 * 20}`);
    const started = performance.now();
    outbox.listOutbox({ to: "USER7@example.test" }, 3, 50);
    outbox.listOutbox({ state: "sent" }, 1, 50);
    expect(performance.now() - started).toBeLessThan(500);
  }, 60_000);
});
