// Allocation runs over HTTP: SPEC 3.3's worked example posted month by month, idempotent posting,
// stale previews, runs that move forward only, balances and a trial balance that sums to zero.
// Report lines are written straight into the database here; uploading them is the reports issue.
import Database from "better-sqlite3";
import { onConnection } from "@db/client.server";
import { refreshLineTotals } from "~/models/line-totals.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import {
  insertActiveReport,
  SPEC_JANUARY,
  specExampleProgram,
  type TestLine,
} from "@tests/setup/factories";
import { ApiClient, apiAs, BrowserSession } from "@tests/setup/http";

let server: TestServer;
let admin: ApiClient;
let programId: number;
let supplierId: number;
let memberIds: number[];

function addLines(period: string, lines: TestLine[]) {
  insertActiveReport(server.dbPath, supplierId, period, lines);
}

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  supplierId = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" })).body.id;
  memberIds = (
    await admin.post(
      "/api/v1/members",
      ["AAA", "BBB", "CCC"].map((taxId) => ({
        name: taxId,
        taxId,
        country: "MX",
        joinedOn: "2020-01-01",
      })),
    )
  ).body.map((m: { id: number }) => m.id);
  const program = await admin.post("/api/v1/programs", specExampleProgram(supplierId));
  expect(program.status).toBe(201);
  programId = program.body.id;
  await admin.post("/api/v1/users", {
    email: "m@a.example",
    password: "member-password-1",
    role: "member",
    memberId: memberIds[0],
  });
  await admin.post("/api/v1/users", {
    email: "m@b.example",
    password: "member-password-1",
    role: "member",
    memberId: memberIds[1],
  });
});
afterAll(() => server.stop());

describe("the worked example of SPEC 3.3", () => {
  it("January: V 80,000.00 → G 800.00, F 80.00, N 720.00 split by volume", async () => {
    addLines("2026-01", SPEC_JANUARY.lines);
    const preview = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-01" });
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({
      programId,
      ...SPEC_JANUARY.run,
    });
    expect(preview.body.members).toEqual([
      { memberId: memberIds[0], volumeMinor: 4_000_000, ytdMinor: 36_000, postingMinor: 36_000 },
      { memberId: memberIds[1], volumeMinor: 2_000_000, ytdMinor: 18_000, postingMinor: 18_000 },
      { memberId: memberIds[2], volumeMinor: 2_000_000, ytdMinor: 18_000, postingMinor: 18_000 },
    ]);
    const posted = await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
    expect(posted.body.status).toBe("posted");
    const again = await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
    expect(again.body).toEqual(posted.body);
    const rerun = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-01" });
    expect(rerun.body.posting).toEqual({ grossMinor: 0, feeMinor: 0, netMinor: 0 });
  });

  it("February: V 180,000.00 lifts January to 2 % and posts G 2,800.00, F 280.00, N 2,520.00", async () => {
    addLines("2026-02", [{ memberTaxId: "AAA", date: "2026-02-03", amountMinor: 10_000_000 }]);
    const preview = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-02" });
    expect(preview.body).toMatchObject({
      pooledVolumeMinor: 18_000_000,
      tierIndex: 1,
      rateBps: 200,
      grossMinor: 360_000,
      feeMinor: 36_000,
      netMinor: 324_000,
      posting: { grossMinor: 280_000, feeMinor: 28_000, netMinor: 252_000 },
    });
    expect(preview.body.members.map((m: { postingMinor: number }) => m.postingMinor)).toEqual([
      216_000, 18_000, 18_000,
    ]);
    await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
  });
});

describe("two admins posting at once", () => {
  it("lands exactly one posting", async () => {
    await admin.post("/api/v1/users", {
      email: "second@admin.example",
      password: "second-admin-1",
      role: "admin",
    });
    const second = await apiAs(server.url, "second@admin.example", "second-admin-1");
    addLines("2026-03", [{ memberTaxId: "BBB", date: "2026-03-05", amountMinor: 1_000_000 }]);
    const preview = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-03" });
    const [a, b] = await Promise.all([
      admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`),
      second.post(`/api/v1/allocation-runs/${preview.body.id}/post`),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    const db = new Database(server.dbPath, { readonly: true });
    const entries = db
      .prepare("SELECT count(*) n FROM journal_entries WHERE run_id = ?")
      .get(preview.body.id) as { n: number };
    db.close();
    expect(entries.n).toBe(1);
  });
});

describe("what a run refuses", () => {
  it("a preview made stale by new data, with 409 and nothing posted", async () => {
    const preview = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-03" });
    addLines("2026-03", [{ memberTaxId: "CCC", date: "2026-03-10", amountMinor: -500_000 }]);
    const res = await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
    expect(res).toMatchObject({ status: 409, body: { error: { code: "run_stale" } } });
  });

  it("a month before the last posted one", async () => {
    const res = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-01" });
    expect(res).toMatchObject({ status: 409, body: { error: { code: "run_month_out_of_order" } } });
  });

  it("a month outside the program, a missing program and a non-admin", async () => {
    expect(
      (await admin.post("/api/v1/allocation-runs", { programId, month: "2027-01" })).status,
    ).toBe(400);
    expect(
      (await admin.post("/api/v1/allocation-runs", { programId: 9999, month: "2026-03" })).status,
    ).toBe(404);
    const member = await apiAs(server.url, "m@a.example", "member-password-1");
    expect(
      (await member.post("/api/v1/allocation-runs", { programId, month: "2026-03" })).status,
    ).toBe(403);
  });
});

describe("balances and the trial balance", () => {
  it("give each member what was posted, and sum to zero", async () => {
    const balance = await admin.get(`/api/v1/members/${memberIds[0]}/balance`);
    expect(balance.body).toEqual({
      memberId: memberIds[0],
      balances: [{ currency: "USD", amountMinor: 252_000 }],
      byProgram: [{ programId, earnedMinor: 252_000 }],
    });
    const tb = await admin.get("/api/v1/ledger/trial-balance");
    expect(tb.body.totals).toEqual([{ currency: "USD", amountMinor: 0 }]);
    expect(tb.body.accounts).toContainEqual({
      account: "fee_income",
      currency: "USD",
      balanceMinor: -38_000,
    });
    expect(tb.body.accounts).toContainEqual({
      account: `supplier_receivable:${supplierId}`,
      currency: "USD",
      balanceMinor: 380_000,
    });
  });

  it("let a member read its own balance only", async () => {
    const member = await apiAs(server.url, "m@a.example", "member-password-1");
    expect((await member.get(`/api/v1/members/${memberIds[0]}/balance`)).status).toBe(200);
    expect((await member.get(`/api/v1/members/${memberIds[1]}/balance`)).status).toBe(403);
    expect((await member.get("/api/v1/ledger/trial-balance")).status).toBe(403);
  });

  it("refuses to edit or delete the journal, at the database", () => {
    const db = new Database(server.dbPath);
    expect(() => db.prepare("UPDATE journal_lines SET amount_minor = 0").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare("DELETE FROM journal_entries").run()).toThrow(/append-only/);
    db.close();
  });
});

describe("the schedule simulator", () => {
  it("applies a draft schedule to the program's past volume, month by month", async () => {
    const session = new BrowserSession(server.url, "en");
    await session.login(ADMIN.email, ADMIN.password);
    const res = await session.action(`/admin/programs/${programId}`, "routes/admin.programs.$id", {
      tiers: "0;0\n5000000;500",
      through: "2026-02",
    });
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      {
        month: "2026-01",
        pooledVolumeMinor: 8_000_000,
        currentMinor: 80_000,
        draftAllUnitsMinor: 400_000,
        draftIncrementalMinor: 150_000,
      },
      {
        month: "2026-02",
        pooledVolumeMinor: 18_000_000,
        currentMinor: 360_000,
        draftAllUnitsMinor: 900_000,
        draftIncrementalMinor: 650_000,
      },
    ]);
  });

  it("refuses an invalid draft schedule with the engine's message", async () => {
    const session = new BrowserSession(server.url, "en");
    await session.login(ADMIN.email, ADMIN.password);
    const res = await session.action(`/admin/programs/${programId}`, "routes/admin.programs.$id", {
      tiers: "100;100",
      through: "2026-02",
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      "The tier schedule is invalid: Tier 1: the first threshold must be 0, not 100.",
    );
  });
});

describe("editing a program", () => {
  const edit = (id: number, name: string) => ({
    intent: "edit",
    supplierId: String(supplierId),
    name,
    currency: "USD",
    start: "2026-01-01",
    end: "2026-12-31",
    method: "incremental",
    feeBps: "500",
    tiers: "0;50\n1000000;150",
    includeCategories: "",
    excludeCategories: "Services",
  });

  it("changes its terms while nothing is posted", async () => {
    const created = await admin.post("/api/v1/programs", {
      supplierId,
      name: "Draft",
      currency: "USD",
      start: "2026-01-01",
      end: "2026-12-31",
      method: "all-units",
      feeBps: 1000,
      tiers: [{ thresholdMinor: 0, rateBps: 100 }],
    });
    const session = new BrowserSession(server.url, "en");
    await session.login(ADMIN.email, ADMIN.password);
    const res = await session.action(
      `/admin/programs/${created.body.id}`,
      "routes/admin.programs.$id",
      edit(created.body.id, "Draft v2"),
    );
    expect(res.body).toEqual({ saved: true });
    const list = await admin.get("/api/v1/programs");
    expect(list.body.find((p: { id: number }) => p.id === created.body.id)).toMatchObject({
      name: "Draft v2",
      method: "incremental",
      feeBps: 500,
      tiers: [
        { thresholdMinor: 0, rateBps: 50 },
        { thresholdMinor: 1_000_000, rateBps: 150 },
      ],
      excludeCategories: ["Services"],
    });
  });

  it("refuses once a run is posted, changing nothing", async () => {
    const session = new BrowserSession(server.url, "en");
    await session.login(ADMIN.email, ADMIN.password);
    const res = await session.action(
      `/admin/programs/${programId}`,
      "routes/admin.programs.$id",
      edit(programId, "Rewritten"),
    );
    expect(res).toMatchObject({
      status: 409,
      body: { message: "This program has posted runs, so its terms can no longer change." },
    });
    const list = await admin.get("/api/v1/programs");
    expect(list.body.find((p: { id: number }) => p.id === programId).name).toBe("Axion 2026");
  });
});

describe("a missing FX rate", () => {
  it("blocks the run with an error naming the currency and month, until the rate is entered", async () => {
    const db = new Database(server.dbPath);
    db.prepare(
      `INSERT INTO report_lines (report_id, supplier_id, sheet, row, invoice_date, invoice_number, customer_key, amount_minor, currency, member_id)
       SELECT max(id), ?, 'Sheet1', 99, '2026-03-15', 'BR-1', 'AAA', 1000000, 'BRL', (SELECT id FROM members WHERE tax_id_normalized = 'AAA') FROM reports`,
    ).run(supplierId);
    const { report } = db.prepare("SELECT max(id) AS report FROM reports").get() as {
      report: number;
    };
    refreshLineTotals(onConnection(db), [report]);
    db.close();
    const blocked = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-03" });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe("fx_rate_missing");
    expect(blocked.body.error.message).toContain("BRL");
    expect(blocked.body.error.message).toContain("2026-03");
    await admin.put("/api/v1/fx-rates", [
      { month: "2026-03", from: "BRL", to: "USD", rate: "0.2" },
    ]);
    const ok = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-03" });
    expect(ok.status).toBe(201);
    expect(ok.body.pooledVolumeMinor).toBe(18_000_000 + 1_000_000 - 500_000 + 200_000);
  });
});
