// Deciding claims (SPEC 5.2) on a database of its own: the deadline escalates a pending claim to
// the admin, the supplier then may no longer decide it, the admin decides it and may overturn a
// decision only with a comment; every move is kept, audited and told (the admins of the
// escalation, the member of each decision). A later report holding the invoice turns the
// accepted claim reported_later, and runs stop reading its lines.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "tierpool-claims-"));
process.env.DATABASE_PATH = join(dir, "claims.db");

const { getDb } = await import("@db/client.server");
const { decideClaim, escalateOverdue, claimDecisions } = await import("./claim-decisions.server");
const { getClaim } = await import("./claims.server");
const { acceptedClaimLines } = await import("./claim-lines.server");
const { onReportLanded } = await import("./claim-landing.server");

const admin = { id: 1, email: "admin@x.example", role: "admin" as const, supplierId: null };
const supplier = { id: 2, email: "s@x.example", role: "supplier" as const, supplierId: 1 };
let claimId: number;

beforeAll(() => {
  getDb().$client.exec(`
    INSERT INTO suppliers (id, name, currency) VALUES (1, 'Norte', 'MXN');
    INSERT INTO members (id, name, tax_id, tax_id_normalized, country, joined_on)
      VALUES (1, 'Member', 'AAA010101AA1', 'AAA010101AA1', 'MX', '2020-01-01');
    INSERT INTO users (id, email, password_hash, role) VALUES (1, 'admin@x.example', 'x', 'admin');
    INSERT INTO users (id, email, password_hash, role, supplier_id)
      VALUES (2, 's@x.example', 'x', 'supplier', 1);
    INSERT INTO users (id, email, password_hash, role, member_id, locale)
      VALUES (3, 'm@x.example', 'x', 'member', 1, 'pt-BR');
    INSERT INTO claims (id, member_id, supplier_id, format, invoice_number, invoice_key,
                        document_key, invoice_date, currency, amount_minor, status, due_on)
      VALUES (1, 1, 1, 'cfdi', 'NO-0042', 'NO42', 'UUID-1', '2026-02-10', 'MXN', 10000,
              'pending', '2026-02-25');
    INSERT INTO claim_lines (claim_id, sku, category, quantity, amount_minor)
      VALUES (1, 'SKU-1', NULL, 2, 10000);
  `);
  claimId = 1;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The notifications of a kind: who, under which key, with what. */
const told = (kind: string) =>
  (
    getDb()
      .$client.prepare(`SELECT user_id, key, params FROM notifications WHERE kind = ? ORDER BY id`)
      .all(kind) as { user_id: number; key: string; params: string }[]
  ).map((n) => ({ ...n, params: JSON.parse(n.params) }));

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (
      (error as { code?: string; issues?: { path: string[]; message: string }[] }).code ??
      (error as { issues: { message: string }[] }).issues?.[0]?.message
    );
  }
  return "no error";
};

describe("claim decisions", () => {
  it("leaves a claim pending until its deadline has passed, then escalates it once", () => {
    expect(escalateOverdue("2026-02-25")).toBe(0);
    expect(getClaim(claimId)!.status).toBe("pending");
    expect(escalateOverdue("2026-02-26")).toBe(1);
    expect(escalateOverdue("2026-02-27")).toBe(0);
    expect(getClaim(claimId)!.status).toBe("escalated");
    const audit = getDb()
      .$client.prepare(`SELECT action, target_id FROM audit_log WHERE action LIKE 'claim.%'`)
      .all();
    expect(audit).toEqual([{ action: "claim.escalate", target_id: "1" }]);
    // The admins hear it in the same transaction, once (SPEC 11).
    expect(told("claim_escalated")).toEqual([
      {
        user_id: 1,
        key: "claim-escalated:1",
        params: { reference: "NO-0042", member: "Member", supplier: "Norte" },
      },
    ]);
  });

  it("lets the supplier no longer decide an escalated claim; the admin decides it", () => {
    expect(codeOf(() => decideClaim(supplier, claimId, { decision: "accept" }))).toBe(
      "claim_not_pending",
    );
    const accepted = decideClaim(admin, claimId, {
      decision: "accept",
      categories: [{ sku: "SKU-1", category: "Cabling" }],
    });
    expect(accepted.status).toBe("accepted");
    expect(accepted.lines[0].category).toBe("Cabling");
    expect(acceptedClaimLines(getDb(), 1, "2026-01-01", "2026-12-31")).toEqual([
      {
        memberId: 1,
        category: "Cabling",
        invoiceDate: "2026-02-10",
        amountMinor: 10000,
        currency: "MXN",
        heldAsDuplicate: false,
        sku: "SKU-1",
        quantity: 2,
        lineCount: 1,
        idSum: -accepted.lines[0].id,
      },
    ]);
  });

  it("overturns a decision only with a comment, and keeps every move", () => {
    expect(
      codeOf(() => decideClaim(admin, claimId, { decision: "reject", reason: "returned" })),
    ).toBe("bad_request");
    expect(codeOf(() => decideClaim(admin, claimId, { decision: "reject", reason: "other" }))).toBe(
      "claim_comment_required",
    );
    const rejected = decideClaim(admin, claimId, {
      decision: "reject",
      reason: "returned",
      comment: "Returned in March",
    });
    expect(rejected).toMatchObject({ status: "rejected", reason: "returned" });
    expect(acceptedClaimLines(getDb(), 1, "2026-01-01", "2026-12-31")).toEqual([]);
    const again = decideClaim(admin, claimId, { decision: "accept", comment: "Proof checked" });
    expect(again.status).toBe("accepted");
    expect(claimDecisions(claimId).map((d) => [d.action, d.fromStatus, d.toStatus])).toEqual([
      ["escalate", "pending", "escalated"],
      ["accept", "escalated", "accepted"],
      ["override", "accepted", "rejected"],
      ["override", "rejected", "accepted"],
    ]);
    // The member hears each decision once, the overturns too, keyed by the decision's row.
    const ids = claimDecisions(claimId).map((d) => d.id);
    expect(told("claim_decided")).toEqual(
      ["accepted", "rejected", "accepted"].map((variant, i) => ({
        user_id: 3,
        key: `claim-decided:1:${ids[i + 1]}`,
        params: { variant, reference: "NO-0042", supplier: "Norte" },
      })),
    );
    expect(
      getDb()
        .$client.prepare(
          `SELECT to_address, locale, subject FROM outbox WHERE kind = 'claim_decided' ORDER BY id`,
        )
        .all(),
    ).toEqual([
      {
        to_address: "m@x.example",
        locale: "pt-BR",
        subject: "Sua reivindicação NO-0042 foi aceita",
      },
      {
        to_address: "m@x.example",
        locale: "pt-BR",
        subject: "Sua reivindicação NO-0042 foi rejeitada",
      },
      {
        to_address: "m@x.example",
        locale: "pt-BR",
        subject: "Sua reivindicação NO-0042 foi aceita",
      },
    ]);
  });

  it("turns the accepted claim reported_later when a landing report holds its invoice", () => {
    const sql = getDb().$client;
    sql.exec(`
      INSERT INTO reports (id, supplier_id, period, version, status, file_name, file_sha256,
                           file_size, stored_path)
        VALUES (1, 1, '2026-02', 1, 'active', 'r.xlsx', 'x', 1, '');
      INSERT INTO report_lines (report_id, supplier_id, sheet, row, invoice_date, invoice_number,
                                customer_key, amount_minor, currency, member_id, invoice_key)
        VALUES (1, 1, 'S', 2, '2026-02-10', '0042', 'AAA010101AA1', 9900, 'MXN', 1, '42'),
               (1, 1, 'S', 3, '2026-02-10', 'NO-042', 'AAA010101AA1', 10000, 'MXN', 1,
                tp_invoice_key('NO-042'));
    `);
    expect(sql.transaction(() => onReportLanded(getDb(), 1, 1))()).toBe(1);
    expect(getClaim(claimId)).toMatchObject({
      status: "reported_later",
      reportedAmountMinor: 10000,
    });
    expect(acceptedClaimLines(getDb(), 1, "2026-01-01", "2026-12-31")).toEqual([]);
    expect(sql.prepare(`SELECT category FROM supplier_sku_categories`).all()).toEqual([]);
  });

  it("records each SKU's category as the report's last line of it gives it", () => {
    const sql = getDb().$client;
    sql.exec(`
      INSERT INTO reports (id, supplier_id, period, version, status, file_name, file_sha256,
                           file_size, stored_path)
        VALUES (2, 1, '2026-03', 1, 'active', 'r2.xlsx', 'y', 1, '');
      INSERT INTO report_lines (report_id, supplier_id, sheet, row, invoice_date, invoice_number,
                                customer_key, amount_minor, currency, member_id, sku, category)
        VALUES (2, 1, 'S', 2, '2026-03-01', 'A1', 'AAA010101AA1', 100, 'MXN', 1, 'CAM-1', 'Video'),
               (2, 1, 'S', 3, '2026-03-02', 'A2', 'AAA010101AA1', 100, 'MXN', 1, 'CAB-9', 'Cable'),
               (2, 1, 'S', 4, '2026-03-03', 'A3', 'AAA010101AA1', 100, 'MXN', 1, 'CAM-1', 'CCTV'),
               (2, 1, 'S', 5, '2026-03-04', 'A4', 'AAA010101AA1', 100, 'MXN', 1, NULL, 'Other');
    `);
    sql.transaction(() => onReportLanded(getDb(), 2, 1))();
    expect(
      sql.prepare(`SELECT sku, category FROM supplier_sku_categories ORDER BY sku`).all(),
    ).toEqual([
      { sku: "CAB-9", category: "Cable" },
      { sku: "CAM-1", category: "CCTV" },
    ]);
  });
});
