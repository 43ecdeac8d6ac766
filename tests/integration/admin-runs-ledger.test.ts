// The admin screens for allocation runs and the ledger, over HTTP as a signed-in admin: preview and
// post through the page's action (exact figures, idempotent posting, clawbacks, refusals), and the
// ledger page's filters and trial balance. Report lines are written straight into the database.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import {
  insertActiveReport,
  SPEC_JANUARY,
  specExampleProgram,
  type TestLine,
} from "@tests/setup/factories";
import { ApiClient, apiAs, BrowserSession } from "@tests/setup/http";

const RUNS = "routes/admin.runs";
const LEDGER = "routes/admin.ledger";

let server: TestServer;
let admin: ApiClient;
let browser: BrowserSession;
let programId: number;
let supplierId: number;
let memberIds: number[];

function addLines(period: string, lines: TestLine[]) {
  insertActiveReport(server.dbPath, supplierId, period, lines);
}

function count(query: string, ...params: unknown[]): number {
  const db = new Database(server.dbPath, { readonly: true });
  const row = db.prepare(query).get(...params) as { n: number };
  db.close();
  return row.n;
}

const preview = (month: string) =>
  browser.action("/admin/runs", RUNS, { intent: "preview", programId: String(programId), month });
const post = (runId: number) =>
  browser.action("/admin/runs", RUNS, { intent: "post", runId: String(runId) });

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  supplierId = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" })).body.id;
  memberIds = (
    await admin.post(
      "/api/v1/members",
      [
        ["AAA", "Alfa Seguridad"],
        ["BBB", "Beta Vigilancia"],
        ["CCC", "Gama Custodia"],
      ].map(([taxId, name]) => ({ name, taxId, country: "MX", joinedOn: "2020-01-01" })),
    )
  ).body.map((m: { id: number }) => m.id);
  const program = await admin.post("/api/v1/programs", specExampleProgram(supplierId));
  expect(program.status).toBe(201);
  programId = program.body.id;
  browser = new BrowserSession(server.url, "en");
  await browser.login(ADMIN.email, ADMIN.password);
});
afterAll(() => server.stop());

describe("the allocation runs page", () => {
  it("lists the programs to choose from", async () => {
    const page = await browser.data("/admin/runs", RUNS);
    expect(page.status).toBe(200);
    expect(page.body.programs).toEqual([{ id: programId, name: "Axion 2026", currency: "USD" }]);
  });

  it("previews January with exact figures and member names", async () => {
    addLines("2026-01", SPEC_JANUARY.lines);
    const res = await preview("2026-01");
    expect(res.status).toBe(200);
    expect(res.body.program).toEqual({ id: programId, name: "Axion 2026", currency: "USD" });
    expect(res.body.run).toMatchObject({
      programId,
      ...SPEC_JANUARY.run,
    });
    expect(res.body.run.members).toEqual([
      { memberId: memberIds[0], volumeMinor: 4_000_000, ytdMinor: 36_000, postingMinor: 36_000 },
      { memberId: memberIds[1], volumeMinor: 2_000_000, ytdMinor: 18_000, postingMinor: 18_000 },
      { memberId: memberIds[2], volumeMinor: 2_000_000, ytdMinor: 18_000, postingMinor: 18_000 },
    ]);
    expect(res.body.names).toEqual({
      [memberIds[0]]: "Alfa Seguridad",
      [memberIds[1]]: "Beta Vigilancia",
      [memberIds[2]]: "Gama Custodia",
    });
  });

  it("posts once: a second post answers the same run and writes no second entry", async () => {
    const runId = (await preview("2026-01")).body.run.id;
    const first = await post(runId);
    expect(first.status).toBe(200);
    expect(first.body.run).toMatchObject({ id: runId, status: "posted" });
    const entries = "SELECT count(*) n FROM journal_entries WHERE run_id = ?";
    expect(count(entries, runId)).toBe(1);
    const second = await post(runId);
    expect(second.status).toBe(200);
    expect(second.body.run).toEqual(first.body.run);
    expect(count(entries, runId)).toBe(1);
    expect(count("SELECT count(*) n FROM journal_entries")).toBe(1);
  });

  it("marks a clawback in the rendered page, as a class and a label", async () => {
    addLines("2026-02", [{ memberTaxId: "CCC", date: "2026-02-05", amountMinor: -2_000_000 }]);
    const res = await preview("2026-02");
    expect(res.body.run).toMatchObject({
      pooledVolumeMinor: 6_000_000,
      grossMinor: 60_000,
      feeMinor: 6_000,
      netMinor: 54_000,
      posting: { grossMinor: -20_000, feeMinor: -2_000, netMinor: -18_000 },
    });
    expect(res.body.run.members).toEqual([
      { memberId: memberIds[0], volumeMinor: 4_000_000, ytdMinor: 36_000, postingMinor: 0 },
      { memberId: memberIds[1], volumeMinor: 2_000_000, ytdMinor: 18_000, postingMinor: 0 },
      { memberId: memberIds[2], volumeMinor: 0, ytdMinor: 0, postingMinor: -18_000 },
    ]);
    const html = await (
      await browser.post(
        "/admin/runs",
        { intent: "preview", programId: String(programId), month: "2026-02" },
        { "Accept-Language": "en" },
      )
    ).text();
    expect(html).toContain("What will be posted");
    expect(html).toContain("-$180.00");
    const clawbackRows = html.match(/<tr class="clawback">.*?<\/tr>/g) ?? [];
    expect(clawbackRows).toHaveLength(1);
    expect(clawbackRows[0]).toContain("Gama Custodia");
    expect(clawbackRows[0]).toContain("Clawback");
  });

  it("shows a stale preview's refusal as an alert and posts nothing", async () => {
    const runId = (await preview("2026-02")).body.run.id;
    addLines("2026-02", [{ memberTaxId: "AAA", date: "2026-02-10", amountMinor: 1_000_000 }]);
    const res = await post(runId);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/changed since this preview/);
    expect(res.body.details).toEqual([{ path: "form", message: res.body.message }]);
    expect(count("SELECT count(*) n FROM journal_entries WHERE run_id = ?", runId)).toBe(0);
    const html = await (
      await browser.post("/admin/runs", { intent: "post", runId: String(runId) })
    ).text();
    expect(html).toMatch(/<p class="alert" role="alert">[^<]*changed since this preview/);
  });

  it("refuses a month before the last posted one, and bad input", async () => {
    const fresh = await preview("2026-02");
    expect((await post(fresh.body.run.id)).body.run.status).toBe("posted");
    const early = await preview("2026-01");
    expect(early.status).toBe(409);
    expect(early.body.message).toBeTypeOf("string");
    expect((await preview("2026-13")).status).toBe(400);
    expect((await post(999_999)).status).toBe(404);
  });
});

describe("the ledger page", () => {
  it("shows exactly one member's lines when filtered by member, newest first", async () => {
    const member = memberIds[2];
    const res = await browser.data(`/admin/ledger?memberId=${member}`, LEDGER);
    expect(res.status).toBe(200);
    const expected = count("SELECT count(*) n FROM journal_lines WHERE member_id = ?", member);
    expect(expected).toBe(2);
    expect(res.body.total).toBe(expected);
    expect(res.body.rows).toHaveLength(expected);
    for (const row of res.body.rows) {
      expect(row.memberId).toBe(member);
      expect(row.account).toBe(`member_payable:${member}`);
      expect(row.kind).toBe("allocation");
    }
    expect(res.body.rows.map((r: { amountMinor: number }) => r.amountMinor)).toEqual([
      18_000, -18_000,
    ]);
    const entryIds = res.body.rows.map((r: { entryId: number }) => r.entryId);
    expect(entryIds).toEqual([...entryIds].sort((a, b) => b - a));
  });

  it("filters by account prefix, supplier, program and month, and pages by 100", async () => {
    const all = await browser.data("/admin/ledger", LEDGER);
    expect(all.body.pageSize).toBe(100);
    expect(all.body.total).toBe(count("SELECT count(*) n FROM journal_lines"));
    const payable = await browser.data("/admin/ledger?account=member_payable:", LEDGER);
    expect(payable.body.total).toBe(
      count("SELECT count(*) n FROM journal_lines WHERE account LIKE 'member_payable:%'"),
    );
    const fee = await browser.data(`/admin/ledger?account=fee_income&month=2026-01`, LEDGER);
    expect(fee.body.rows.map((r: { amountMinor: number }) => r.amountMinor)).toEqual([-8_000]);
    const bySupplier = await browser.data(`/admin/ledger?supplierId=${supplierId}`, LEDGER);
    expect(bySupplier.body.total).toBe(all.body.total);
    const byProgram = await browser.data(`/admin/ledger?programId=${programId + 1}`, LEDGER);
    expect(byProgram.body.total).toBe(0);
  });

  it("shows a trial balance that sums to zero", async () => {
    const res = await browser.data("/admin/ledger", LEDGER);
    const { accounts, totals } = res.body.trialBalance;
    expect(totals).toEqual([{ currency: "USD", amountMinor: 0 }]);
    expect(accounts.reduce((s: number, a: { balanceMinor: number }) => s + a.balanceMinor, 0)).toBe(
      0,
    );
    expect(accounts).toContainEqual({
      account: `supplier_receivable:${supplierId}`,
      currency: "USD",
      balanceMinor: 70_000,
    });
    const html = await (await browser.get("/admin/ledger")).text();
    expect(html).toContain("trial-balance");
  });
});
