// The demo consortium is built through the real pipeline on first start: every generated report
// (four formats) lands line for line, every month's runs are posted, and the books balance.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_CORRECTION,
  DEMO_MONTHS,
  customersOf,
  demoLines,
  type DemoSupplierKey,
} from "@db/seed/demo-reports";
import { DEMO_MEMBERS } from "@db/seed/demo-data";
import { normalizeCustomerKey } from "@imports/values";
import { apiAs, type ApiClient, type Json } from "@tests/setup/http";
import { startServer, type TestServer } from "@tests/setup/server";

let server: TestServer;
let admin: ApiClient;
let db: Database.Database;

beforeAll(async () => {
  server = await startServer({ env: { DEMO: "1" } });
  admin = await apiAs(server.url, "admin@tierpool.demo", "tierpool-demo");
  db = new Database(server.dbPath, { readonly: true });
}, 120_000);

afterAll(async () => {
  db?.close();
  await server?.stop();
});

const rows = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Json[];

describe("the demo consortium", () => {
  it("has each supplier's six months active, and September's axion report in two versions", () => {
    const reports = rows(
      `SELECT s.name, r.period, r.version, r.status FROM reports r
         JOIN suppliers s ON s.id = r.supplier_id ORDER BY s.id, r.period, r.version`,
    );
    expect(reports.filter((r) => r.status === "active")).toHaveLength(4 * DEMO_MONTHS.length);
    expect(reports.filter((r) => r.status === "superseded")).toEqual([
      {
        name: "Axion Security Distribution",
        period: DEMO_CORRECTION.month,
        version: 1,
        status: "superseded",
      },
    ]);
  });

  it("stores every generated line as written, whatever the format", () => {
    const suppliers = rows(`SELECT id, name, currency FROM suppliers ORDER BY id`);
    const keys: DemoSupplierKey[] = ["axion", "norte", "paulista", "andes"];
    for (const [i, key] of keys.entries()) {
      const supplier = suppliers[i];
      for (const month of DEMO_MONTHS) {
        const stored = rows(
          `SELECT l.invoice_date AS date, l.invoice_number AS invoice, l.customer_key AS key,
                  l.amount_minor AS amountMinor, l.currency
             FROM report_lines l JOIN reports r ON r.id = l.report_id
            WHERE r.supplier_id = ? AND r.period = ? AND r.status = 'active' ORDER BY l.id`,
          supplier.id,
          month,
        );
        expect(stored.length).toBeGreaterThan(29);
        // The generator is deterministic: regenerate from the customers seen and compare.
        const corrected = key === DEMO_CORRECTION.supplier && month === DEMO_CORRECTION.month;
        const customers = customersOf(key, DEMO_MEMBERS);
        const expected = demoLines(key, month, supplier.currency, customers, corrected);
        expect(stored).toEqual(
          expected.map((l) => ({
            date: l.date,
            invoice: l.invoice,
            key: normalizeCustomerKey(l.key),
            amountMinor: l.amountMinor,
            currency: l.currency,
          })),
        );
      }
    }
  });

  it("posts every program's run for every month, and the ledger sums to zero", async () => {
    const runs = rows(`SELECT count(*) AS n FROM allocation_runs WHERE status = 'posted'`);
    expect(runs[0].n).toBe(4 * DEMO_MONTHS.length);
    const balance = await admin.get("/api/v1/ledger/trial-balance");
    expect(balance.status).toBe(200);
    expect(balance.body.totals).toEqual([
      { currency: "BRL", amountMinor: 0 },
      { currency: "MXN", amountMinor: 0 },
      { currency: "USD", amountMinor: 0 },
    ]);
  });

  it("has paid one pesos batch (approved by the second admin) and left a dollars batch in draft", () => {
    expect(
      rows(
        `SELECT b.currency, b.status, count(l.member_id) > 0 AS hasLines,
                coalesce(b.approved_by <> b.created_by, 0) AS approvedByOther
           FROM payout_batches b LEFT JOIN payout_lines l ON l.batch_id = b.id
          GROUP BY b.id ORDER BY b.id`,
      ),
    ).toEqual([
      { currency: "MXN", status: "paid", hasLines: 1, approvedByOther: 1 },
      { currency: "USD", status: "draft", hasLines: 1, approvedByOther: 0 },
    ]);
  });

  it("leaves the andes walk-in customer resolved and one unknown account in the queue", async () => {
    const unmatched = await admin.get("/api/v1/unmatched");
    const andes = rows(`SELECT id FROM suppliers WHERE name = 'Andes Networks'`)[0].id;
    expect(
      unmatched.body.filter((u: Json) => u.supplierId === andes).map((u: Json) => u.customerKey),
    ).toEqual(["C77777"]);
  });
});
