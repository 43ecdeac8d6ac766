// The three dashboards over HTTP on data seeded through the API: SPEC 3.3's worked example posted
// for January and February, a supplier payment, a month reported but not run. The figures are
// checked against the worked example and the API's balances, and each role sees only its own.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import { insertActiveReport, specExampleProgram } from "@tests/setup/factories";
import { ApiClient, apiAs, BrowserSession } from "@tests/setup/http";

let server: TestServer;
let admin: ApiClient;
let programId: number;
let supplierA: number;
let supplierB: number;
let memberIds: number[];
const PASSWORD = "dashboard-pass-1";

async function sessionOf(email: string) {
  const s = new BrowserSession(server.url);
  await s.login(email, PASSWORD);
  return s;
}

async function postRun(month: string) {
  const preview = await admin.post("/api/v1/allocation-runs", { programId, month });
  expect(preview.status).toBe(201);
  const posted = await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
  expect(posted.body.status).toBe("posted");
}

/** A supplier payment as the payments screen will post it: Dr cash, Cr the supplier's receivable. */
function recordPayment(supplierId: number, amountMinor: number) {
  const db = new Database(server.dbPath);
  try {
    const entry = db
      .prepare(
        `INSERT INTO journal_entries (kind, currency, memo) VALUES ('supplier_payment', 'USD', 'test') RETURNING id`,
      )
      .get() as { id: number };
    const line = db.prepare(
      `INSERT INTO journal_lines (entry_id, account, currency, amount_minor, supplier_id) VALUES (?, ?, 'USD', ?, ?)`,
    );
    line.run(entry.id, "cash:USD", amountMinor, null);
    line.run(entry.id, `supplier_receivable:${supplierId}`, -amountMinor, supplierId);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  supplierA = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" })).body.id;
  supplierB = (await admin.post("/api/v1/suppliers", { name: "Norte", currency: "USD" })).body.id;
  memberIds = (
    await admin.post(
      "/api/v1/members",
      ["AAA", "BBB", "CCC"].map((taxId) => ({
        name: `Firm ${taxId}`,
        taxId,
        country: "MX",
        joinedOn: "2020-01-01",
      })),
    )
  ).body.map((m: { id: number }) => m.id);
  programId = (await admin.post("/api/v1/programs", specExampleProgram(supplierA))).body.id;
  const year = new Date().getUTCFullYear();
  // Program B runs this year and has nothing posted: supplier A must never see it.
  await admin.post("/api/v1/programs", {
    ...specExampleProgram(supplierB),
    name: "Norte secret program",
    start: `${year}-01-01`,
    end: `${year}-12-31`,
  });
  const users: [string, Record<string, unknown>][] = [
    ["a@member.example", { role: "member", memberId: memberIds[0] }],
    ["b@member.example", { role: "member", memberId: memberIds[1] }],
    ["a@supplier.example", { role: "supplier", supplierId: supplierA }],
    ["b@supplier.example", { role: "supplier", supplierId: supplierB }],
  ];
  for (const [email, rest] of users) {
    expect((await admin.post("/api/v1/users", { email, password: PASSWORD, ...rest })).status).toBe(
      201,
    );
  }
  insertActiveReport(server.dbPath, supplierA, "2026-01", [
    { memberTaxId: "AAA", date: "2026-01-10", amountMinor: 4_000_000 },
    { memberTaxId: "BBB", date: "2026-01-12", amountMinor: 2_000_000 },
    { memberTaxId: "CCC", date: "2026-01-20", amountMinor: 2_000_000 },
  ]);
  await postRun("2026-01");
  insertActiveReport(server.dbPath, supplierA, "2026-02", [
    { memberTaxId: "AAA", date: "2026-02-03", amountMinor: 10_000_000 },
  ]);
  await postRun("2026-02");
  // March is reported but not run yet.
  const march = insertActiveReport(server.dbPath, supplierA, "2026-03", [
    { memberTaxId: "BBB", date: "2026-03-05", amountMinor: 1_000_000 },
    // A customer nobody has matched yet: it waits in the matching queue.
    { memberTaxId: "ZZZ", date: "2026-03-07", amountMinor: 50_000 },
  ]);
  // The report's totals, as ingestion stores them (the factory writes lines only).
  const db = new Database(server.dbPath);
  db.prepare(`UPDATE reports SET totals = json_object('USD', 1050000) WHERE id = ?`).run(march);
  db.close();
  recordPayment(supplierA, 100_000);
}, 120_000);
afterAll(() => server.stop());

describe("the member dashboard", () => {
  it("shows AAA's refunds, balance and next-tier card as SPEC 3.3's example works them out", async () => {
    const member = await sessionOf("a@member.example");
    const { status, body } = await member.data("/member?year=2026", "routes/member._index");
    expect(status).toBe(200);
    const balance = await admin.get(`/api/v1/members/${memberIds[0]}/balance`);
    // January 360.00 + February 2,160.00 (AAA's 14/18 of N 3,240.00 less January's 360.00).
    expect(body.earned).toEqual([{ currency: "USD", amountMinor: 252_000 }]);
    expect(body.balances).toEqual(balance.body.balances);
    expect(body.balances).toEqual([{ currency: "USD", amountMinor: 252_000 }]);
    const chart = body.chart[0];
    expect(chart.currency).toBe("USD");
    expect(chart.series).toEqual([{ key: `s${supplierA}`, label: "Axion" }]);
    expect(chart.rows[0]).toEqual({ month: "2026-01", [`s${supplierA}`]: 36_000 });
    expect(chart.rows[1]).toEqual({ month: "2026-02", [`s${supplierA}`]: 216_000 });
    expect(chart.rows[2]).toEqual({ month: "2026-03", [`s${supplierA}`]: 0 });
    const card = body.programs.find((p: { program: { id: number } }) => p.program.id === programId);
    expect(card.earnedMinor).toBe(252_000);
    expect(card.run).toEqual({ month: "2026-02", memberVolumeMinor: 14_000_000 });
    expect(card.progress).toMatchObject({
      pooledVolumeMinor: 18_000_000,
      tierIndex: 1,
      rateBps: 200,
      nextTier: { thresholdMinor: 25_000_000, rateBps: 300, volumeNeededMinor: 7_000_000 },
      // (6,750.00 − 3,240.00) × 14 / 18
      extraForMemberMinor: 273_000,
      progressPermille: 720,
      projection: { projectedVolumeMinor: 108_000_000, tierIndex: 2, rateBps: 300 },
    });
  });

  it("renders the figures in the member's language", async () => {
    const member = await sessionOf("a@member.example");
    const html = await (await member.get("/member?year=2026")).text();
    expect(html).toContain('data-testid="tier-card-');
    // es is the default language and Mexico its default format region (decision 058):
    // USD 70,000.00 more for the group, about USD 2,730.00 more for AAA.
    expect(html).toMatch(/USD\s70,000\.00/);
    expect(html).toMatch(/USD\s2,730\.00/);
  });

  it("never shows another member's figures, whatever the URL asks", async () => {
    const memberB = await sessionOf("b@member.example");
    for (const path of [
      "/member?year=2026",
      `/member?year=2026&memberId=${memberIds[0]}`,
      `/member?year=2026&member=${memberIds[0]}`,
    ]) {
      const { status, body } = await memberB.data(path, "routes/member._index");
      expect(status).toBe(200);
      expect(body.member.id).toBe(memberIds[1]);
      // BBB: January 180.00, February 180.00 × 2/18 … its own figures, not AAA's 2,520.00.
      expect(body.earned).toEqual([{ currency: "USD", amountMinor: 36_000 }]);
      const card = body.programs.find(
        (p: { program: { id: number } }) => p.program.id === programId,
      );
      expect(card.run.memberVolumeMinor).toBe(2_000_000);
    }
  });

  it("refuses a member the supplier's and the admin's dashboard data", async () => {
    const member = await sessionOf("a@member.example");
    expect((await member.data("/supplier", "routes/supplier._index")).status).toBe(403);
    expect((await member.data("/admin", "routes/admin._index")).status).toBe(403);
  });
});

describe("the supplier dashboard", () => {
  it("shows the pooled volume by month against the thresholds and the refund owed and paid", async () => {
    const supplier = await sessionOf("a@supplier.example");
    const { status, body } = await supplier.data("/supplier?year=2026", "routes/supplier._index");
    expect(status).toBe(200);
    expect(body.months).toHaveLength(12);
    const program = body.dashboard.programs.find(
      (p: { program: { id: number } }) => p.program.id === programId,
    );
    expect(program.months).toEqual([
      { month: "2026-01", pooledVolumeMinor: 8_000_000, rateBps: 100 },
      { month: "2026-02", pooledVolumeMinor: 18_000_000, rateBps: 200 },
    ]);
    expect(program.program.tiers.map((t: { thresholdMinor: number }) => t.thresholdMinor)).toEqual([
      0, 10_000_000, 25_000_000,
    ]);
    expect(program.progress.nextTier.volumeNeededMinor).toBe(7_000_000);
    expect(program.postedGrossMinor).toBe(360_000);
    expect(body.dashboard.refunds).toEqual([
      { currency: "USD", postedGrossMinor: 360_000, paidMinor: 100_000, owedMinor: 260_000 },
    ]);
  });

  it("never shows another supplier's programs or refunds", async () => {
    const other = await sessionOf("b@supplier.example");
    const { status, body } = await other.data(
      `/supplier?year=2026&supplierId=${supplierA}`,
      "routes/supplier._index",
    );
    expect(status).toBe(200);
    expect(body.supplier.id).toBe(supplierB);
    expect(
      body.dashboard.programs.map((p: { program: { id: number } }) => p.program.id),
    ).not.toContain(programId);
    expect(body.dashboard.refunds).toEqual([]);
    const mine = await (
      await sessionOf("a@supplier.example")
    ).data("/supplier", "routes/supplier._index");
    expect(JSON.stringify(mine.body)).not.toContain("Norte secret program");
    expect((await other.data("/member", "routes/member._index")).status).toBe(403);
    expect((await other.data("/admin", "routes/admin._index")).status).toBe(403);
  });
});

describe("the admin dashboard", () => {
  it("adds up what was posted, what is owed, and what is waiting", async () => {
    const session = new BrowserSession(server.url);
    await session.login(ADMIN.email, ADMIN.password);
    const { status, body } = await session.data("/admin?year=2026", "routes/admin._index");
    expect(status).toBe(200);
    expect(body.earned).toEqual([
      { currency: "USD", grossMinor: 360_000, feeMinor: 36_000, netMinor: 324_000 },
    ]);
    const trial = await admin.get("/api/v1/ledger/trial-balance");
    const rows = Array.isArray(trial.body) ? trial.body : (trial.body.accounts ?? trial.body.rows);
    const balanceOf = (account: string) =>
      rows
        .filter((r: { account: string }) => r.account === account)
        .reduce((s: number, r: { balanceMinor: number }) => s + r.balanceMinor, 0);
    expect(body.owedBySuppliers.total).toEqual([
      { currency: "USD", amountMinor: balanceOf(`supplier_receivable:${supplierA}`) },
    ]);
    expect(body.owedBySuppliers.total[0].amountMinor).toBe(260_000);
    expect(body.owedToMembers).toEqual({
      total: [{ currency: "USD", amountMinor: 324_000 }],
      members: 3,
    });
    const pooled = body.pooled[0];
    expect(pooled.rows[0][`s${supplierA}`]).toBe(8_000_000);
    expect(pooled.rows[1][`s${supplierA}`]).toBe(10_000_000);
    expect(body.unmatched).toMatchObject({ keys: 1, lines: 1 });
    expect(body.runsWaiting).toEqual([
      expect.objectContaining({
        programId,
        month: "2026-03",
        trueUp: false,
        reportedMinor: 1_050_000,
      }),
    ]);
  });

  it("lists suppliers whose report for the month just ended is missing", async () => {
    const session = new BrowserSession(server.url);
    await session.login(ADMIN.email, ADMIN.password);
    const { body } = await session.data("/admin", "routes/admin._index");
    const now = new Date();
    const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    expect(body.missing.month).toBe(prev.toISOString().slice(0, 7));
    expect(body.missing.suppliers.map((s: { supplierId: number }) => s.supplierId).sort()).toEqual(
      [supplierA, supplierB].sort(),
    );
  });

  it("sends a stranger to the login page", async () => {
    const stranger = new BrowserSession(server.url);
    for (const path of ["/admin", "/supplier", "/member"]) {
      const res = await stranger.get(`${path}?_data=routes${path}._index`);
      expect([302, 204]).toContain(res.status);
    }
  });
});
