// Matching a customer key later re-checks claims (SPEC 5.1 and 5.2, decision 068): when the admin
// resolves an unmatched key to a member, the claims of that member whose invoice the key's lines
// hold in the supplier's active reports turn reported_later in the same transaction, as when a
// later report holds the invoice; the line counts from then on and the claim no longer does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/authorize.server";

const dir = mkdtempSync(join(tmpdir(), "tierpool-claim-matching-"));
process.env.DATABASE_PATH = join(dir, "claims.db");

const { getDb } = await import("@db/client.server");
const { resolveCustomerKey } = await import("./matching.server");
const { acceptedClaimLines } = await import("./claim-lines.server");

const admin: Actor = {
  id: 1,
  email: "admin@x.example",
  name: "Admin",
  role: "admin",
  supplierId: null,
  memberId: null,
  locale: null,
  via: "session",
};
const sql = () => getDb().$client;

beforeAll(() => {
  sql().exec(`
    INSERT INTO suppliers (id, name, currency) VALUES (1, 'Norte', 'MXN'), (2, 'Sur', 'MXN');
    INSERT INTO members (id, name, tax_id, tax_id_normalized, country, joined_on) VALUES
      (1, 'Acceso', 'AAA010101AA1', 'AAA010101AA1', 'MX', '2020-01-01'),
      (2, 'Otro', 'BBB010101BB2', 'BBB010101BB2', 'MX', '2020-01-01');
    INSERT INTO users (id, email, password_hash, role) VALUES (1, 'admin@x.example', 'x', 'admin');
    INSERT INTO reports (id, supplier_id, period, version, status, file_name, file_sha256,
                         file_size, stored_path) VALUES
      (1, 1, '2026-01', 1, 'superseded', 'r.xlsx', 'a', 1, ''),
      (2, 1, '2026-02', 1, 'active', 'r.xlsx', 'b', 1, ''),
      (3, 1, '2026-03', 1, 'active', 'r.xlsx', 'c', 1, ''),
      (4, 2, '2026-02', 1, 'active', 'r.xlsx', 'd', 1, '');
  `);
  const line = sql().prepare(
    `INSERT INTO report_lines (id, report_id, supplier_id, sheet, row, invoice_date,
                               invoice_number, customer_key, amount_minor, currency, invoice_key)
     VALUES (?, ?, ?, 'Sheet1', ?, ?, ?, ?, ?, 'MXN', tp_invoice_key(?))`,
  );
  const lines: [number, number, number, string, string, string, number][] = [
    // id, report, supplier, date, invoice number, customer key, amount
    [11, 2, 1, "2026-02-03", "NO-0042", "C77", 10_000],
    [12, 3, 1, "2026-03-04", "NO-0043", "C77", 5_000],
    [13, 3, 1, "2026-03-04", "no 43", "C77", 2_000],
    [14, 1, 1, "2026-01-05", "NO-0044", "C77", 3_000],
    [15, 2, 1, "2026-02-06", "NO-0045", "C99", 4_000],
    [16, 2, 1, "2026-02-07", "NO-0046", "C77", 6_000],
    [17, 3, 1, "2026-03-08", "NO-0047", "C77", 8_000],
    [18, 3, 1, "2026-03-09", "NO-0048", "C77", 9_000],
    [19, 4, 2, "2026-02-10", "NO-0049", "C77", 1_000],
  ];
  for (const [id, report, supplier, date, number, key, amount] of lines)
    line.run(id, report, supplier, id, date, number, key, amount, number);
  const claim = sql().prepare(
    `INSERT INTO claims (id, member_id, supplier_id, format, invoice_number, invoice_key,
                         document_key, invoice_date, currency, amount_minor, status, due_on)
     VALUES (?, ?, ?, 'cfdi', ?, ?, ?, ?, 'MXN', ?, ?, '2026-12-31')`,
  );
  const claims: [number, number, number, string, string, string][] = [
    // id, member, supplier, invoice number, date, status
    [1, 1, 1, "NO-0042", "2026-02-03", "pending"],
    [2, 1, 1, "NO-0043", "2026-03-04", "escalated"],
    [3, 1, 1, "NO-0044", "2026-01-05", "pending"], // only a superseded version holds it
    [4, 1, 1, "NO-0045", "2026-02-06", "pending"], // another key holds it
    [5, 1, 1, "NO-0046", "2026-02-07", "rejected"],
    [6, 1, 1, "NO-0047", "2026-03-08", "accepted"],
    [7, 2, 1, "NO-0048", "2026-03-09", "pending"], // the key is not this member's
    [8, 1, 2, "NO-0049", "2026-02-10", "pending"], // another supplier's key
  ];
  for (const [id, member, supplier, number, date, status] of claims) {
    const key = number.replace(/\D+/g, "").replace(/^0+/, "");
    claim.run(id, member, supplier, number, `NO${key}`, `UUID-${id}`, date, 1_000 * id, status);
    sql()
      .prepare(`INSERT INTO claim_lines (claim_id, sku, quantity, amount_minor) VALUES (?,?,?,?)`)
      .run(id, "SKU-1", 1, 1_000 * id);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const statuses = () =>
  Object.fromEntries(
    (
      sql().prepare(`SELECT id, status FROM claims ORDER BY id`).all() as {
        id: number;
        status: string;
      }[]
    ).map((c) => [c.id, c.status]),
  );

const decisions = () =>
  sql()
    .prepare(
      `SELECT claim_id AS claimId, action, from_status AS fromStatus, to_status AS toStatus,
              comment, actor_user_id AS actor FROM claim_decisions ORDER BY claim_id, id`,
    )
    .all();

describe("matching a customer key re-checks claims", () => {
  it("leaves claims alone while the key is unmatched", () => {
    expect(statuses()).toEqual({
      1: "pending",
      2: "escalated",
      3: "pending",
      4: "pending",
      5: "rejected",
      6: "accepted",
      7: "pending",
      8: "pending",
    });
    expect(acceptedClaimLines(getDb(), 1, "2026-01-01", "2026-12-31")).toHaveLength(1);
  });

  it("turns the member's open claims the key's active lines hold reported_later, once", () => {
    const resolved = resolveCustomerKey(admin, { supplierId: 1, customerKey: "c-77", memberId: 1 });
    // Every line of the key at supplier 1, the superseded version's too (SPEC 5.1).
    expect(resolved).toEqual({ customerKey: "C77", linesMatched: 7 });
    expect(statuses()).toEqual({
      1: "reported_later",
      2: "reported_later",
      3: "pending",
      4: "pending",
      5: "rejected",
      6: "reported_later",
      7: "pending",
      8: "pending",
    });
    const reported = sql()
      .prepare(
        `SELECT id, reported_line_id AS lineId, reported_amount_minor AS amount FROM claims
          WHERE status = 'reported_later' ORDER BY id`,
      )
      .all();
    expect(reported).toEqual([
      { id: 1, lineId: 11, amount: 10_000 },
      { id: 2, lineId: 12, amount: 7_000 },
      { id: 6, lineId: 17, amount: 8_000 },
    ]);
    expect(decisions()).toEqual([
      {
        claimId: 1,
        action: "reported_later",
        fromStatus: "pending",
        toStatus: "reported_later",
        comment: "report #2",
        actor: null,
      },
      {
        claimId: 2,
        action: "reported_later",
        fromStatus: "escalated",
        toStatus: "reported_later",
        comment: "report #3",
        actor: null,
      },
      {
        claimId: 6,
        action: "reported_later",
        fromStatus: "accepted",
        toStatus: "reported_later",
        comment: "report #3",
        actor: null,
      },
    ]);
    const audit = sql()
      .prepare(`SELECT details FROM audit_log WHERE action = 'alias.resolve'`)
      .pluck()
      .all() as string[];
    expect(audit.map((d) => JSON.parse(d))).toEqual([
      { customerKey: "C77", memberId: 1, notMember: false, claimsReportedLater: 3 },
    ]);
  });

  it("counts the purchase once: as the report's line, no longer as the accepted claim", () => {
    expect(acceptedClaimLines(getDb(), 1, "2026-01-01", "2026-12-31")).toEqual([]);
    const counted = sql()
      .prepare(
        `SELECT report_id AS reportId, sum(amount_minor) AS amount FROM line_totals
          WHERE member_id = 1 AND held = 0 GROUP BY report_id ORDER BY report_id`,
      )
      .all();
    // Reports 2 and 3 (active) now count the key's lines for the member: 10,000 + 6,000 and
    // 5,000 + 2,000 + 8,000 + 9,000; the superseded version counts nothing.
    expect(counted).toEqual([
      { reportId: 2, amount: 16_000 },
      { reportId: 3, amount: 24_000 },
    ]);
  });

  it("re-resolving the same way changes nothing; a key resolved as not a member turns nothing", () => {
    const before = decisions().length;
    expect(resolveCustomerKey(admin, { supplierId: 1, customerKey: "C77", memberId: 1 })).toEqual({
      customerKey: "C77",
      linesMatched: 0,
    });
    expect(
      resolveCustomerKey(admin, { supplierId: 1, customerKey: "C99", notMember: true }),
    ).toEqual({ customerKey: "C99", linesMatched: 0 });
    expect(decisions()).toHaveLength(before);
    expect(statuses()[4]).toBe("pending");
  });
});
