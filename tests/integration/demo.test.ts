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
import {
  DEMO_COMPONENT_PROGRAMS,
  DEMO_PRIOR_MONTHS,
  priorYearLines,
} from "@db/seed/demo-components";
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
    expect(reports.filter((r) => r.status === "active")).toHaveLength(
      4 * DEMO_MONTHS.length + DEMO_PRIOR_MONTHS.length,
    );
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
    expect(runs[0].n).toBe((4 + DEMO_COMPONENT_PROGRAMS.length) * DEMO_MONTHS.length);
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

  it("stores last year's Axion reports as generated, for the growth program's baseline", () => {
    const customers = customersOf("axion", DEMO_MEMBERS);
    for (const month of DEMO_PRIOR_MONTHS) {
      const stored = rows(
        `SELECT l.invoice_date AS date, l.invoice_number AS invoice, l.amount_minor AS amountMinor
           FROM report_lines l JOIN reports r ON r.id = l.report_id JOIN suppliers s ON s.id = r.supplier_id
          WHERE s.name = 'Axion Security Distribution' AND r.period = ? AND r.status = 'active'
          ORDER BY l.id`,
        month,
      );
      expect(stored).toEqual(
        priorYearLines(month, customers).map((l) => ({
          date: l.date,
          invoice: l.invoice,
          amountMinor: l.amountMinor,
        })),
      );
    }
  });

  it("posts runs of its component programs with non-zero component amounts", async () => {
    const programs = rows(`SELECT id, name FROM programs`);
    const runsOf = async (name: string) => {
      const program = programs.find((p) => p.name === name);
      expect(program, name).toBeDefined();
      const history = await admin.get(`/api/v1/allocation-runs?programId=${program!.id}`);
      expect(history.status).toBe(200);
      // Oldest first; a month posted twice keeps its true-up last.
      return (history.body as Json[]).filter((r) => r.status === "posted").reverse();
    };
    const last = (runs: Json[]) => runs.at(-1)!;
    const component = (run: Json, name: string) =>
      (run.components as Json[]).find((c) => c.name === name)!;

    // Every component's members' shares add up to its N_c, in every posted run.
    const shares = rows(
      `SELECT c.run_id AS runId, c.position, c.net_minor AS net,
              coalesce(sum(m.amount_minor), 0) AS allocated
         FROM allocation_run_components c JOIN allocation_runs r ON r.id = c.run_id
         LEFT JOIN allocation_run_member_components m
           ON m.run_id = c.run_id AND m.position = c.position
        WHERE r.status = 'posted' GROUP BY c.run_id, c.position`,
    );
    expect(shares.length).toBeGreaterThan(0);
    for (const s of shares) expect(s.allocated).toBe(s.net);

    const growth = await runsOf("Axion Growth 2026");
    expect(growth.map((r) => r.month)).toEqual(DEMO_MONTHS);
    for (const run of growth) {
      const tier = component(run, "tier");
      expect(tier.baselineMinor).toBeGreaterThan(0);
      expect(tier.grossMinor).toBeGreaterThan(0);
    }

    const andes = await runsOf("Andes Wireless & Switching 2026");
    expect(component(last(andes), "Q3 Wireless SPIFF").grossMinor).toBeGreaterThan(0);
    expect(component(last(andes), "Switch units").grossMinor).toBeGreaterThan(0);
    // Before its window the SPIFF earns nothing; its quarter is paid from July.
    const june = andes.find((r) => r.month === "2026-06")!;
    expect(component(june, "Q3 Wireless SPIFF").grossMinor).toBe(0);
    expect(component(june, "Switch units").grossMinor).toBeGreaterThan(0);

    // The mix bonus switches on mid-year; the second one is still short in October.
    const norte = await runsOf("Norte Mix 2026");
    const mixOn = norte.map((r) => component(r, "Conectores mix").grossMinor > 0);
    expect(mixOn).toEqual([false, false, false, true, true, true]);
    const short = component(last(norte), "Canalización mix");
    expect(short.grossMinor).toBe(0);
    expect(short.requirements.map((r: Json) => r.met)).toEqual([false]);
  });
});
