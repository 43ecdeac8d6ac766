// Issue 15 items 1 and 7 over HTTP: a January report uploaded after October was posted lands in
// January on the admin's and the supplier's charts once October is trued up (volume by invoice
// month), and the run history lists every run and says why the true-up posted what it did.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertActiveReport, specExampleProgram } from "@tests/setup/factories";
import { ApiClient, apiAs, BrowserSession, type Json } from "@tests/setup/http";
import { ingest } from "@tests/setup/reports";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

let server: TestServer;
let admin: ApiClient;
let session: BrowserSession;
let supplierId: number;
let programId: number;
const runs: Record<string, number> = {};
const PASSWORD = "history-pass-1";

async function postRun(month: string) {
  const preview = await admin.post("/api/v1/allocation-runs", { programId, month });
  expect(preview.status).toBe(201);
  const posted = await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
  expect(posted.body.status).toBe("posted");
  return posted.body as Json;
}

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  supplierId = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" })).body.id;
  await admin.post(
    "/api/v1/members",
    [
      ["AAA", "Seguridad 97"],
      ["BBB", "Vigilancia 10"],
    ].map(([taxId, name]) => ({ name, taxId, country: "MX", joinedOn: "2020-01-01" })),
  );
  programId = (await admin.post("/api/v1/programs", specExampleProgram(supplierId))).body.id;
  await admin.post("/api/v1/users", {
    email: "axion@supplier.example",
    password: PASSWORD,
    role: "supplier",
    supplierId,
  });
  // September and October reported and posted on time (the program's first run is September's).
  insertActiveReport(server.dbPath, supplierId, "2026-09", [
    { memberTaxId: "AAA", date: "2026-09-10", amountMinor: 4_000_000 },
    { memberTaxId: "BBB", date: "2026-09-20", amountMinor: 2_000_000 },
  ]);
  runs.sep = (await postRun("2026-09")).id;
  insertActiveReport(server.dbPath, supplierId, "2026-10", [
    { memberTaxId: "AAA", date: "2026-10-05", amountMinor: 5_000_000 },
  ]);
  runs.oct = (await postRun("2026-10")).id;
  // In November, Axion sends January's report, forgotten until then: 290,000.00.
  const csv = [
    "Invoice Date,Invoice Number,Tax ID,Customer,Net Amount",
    "2026-01-14,F-0114,AAA,Seguridad 97,190000.00",
    "2026-01-28,F-0128,BBB,Vigilancia 10,100000.00",
  ].join("\n");
  const path = join(server.dir, "axion-2026-01.csv");
  writeFileSync(path, `${csv}\n`);
  const supplier = await apiAs(server.url, "axion@supplier.example", PASSWORD);
  const january = await ingest(supplier, path, "2026-01");
  expect(january.status).toBe("active");
  // October again: the true-up.
  runs.trueUp = (await postRun("2026-10")).id;
  session = new BrowserSession(server.url);
  await session.login(ADMIN.email, ADMIN.password);
}, 120_000);
afterAll(() => server.stop());

describe("volume by invoice month (issue 15 item 1)", () => {
  it("puts January's late report in January on the admin's chart, not in October", async () => {
    const { status, body } = await session.data("/admin?year=2026", "routes/admin._index");
    expect(status).toBe(200);
    const chart = body.pooled.find((c: Json) => c.currency === "USD");
    const key = `s${supplierId}`;
    const byMonth = Object.fromEntries(chart.rows.map((r: Json) => [r.month, r[key]]));
    expect(byMonth).toEqual({
      "2026-01": 29_000_000,
      "2026-02": 0,
      "2026-03": 0,
      "2026-04": 0,
      "2026-05": 0,
      "2026-06": 0,
      "2026-07": 0,
      "2026-08": 0,
      "2026-09": 6_000_000,
      "2026-10": 5_000_000,
      "2026-11": 0,
      "2026-12": 0,
    });
  });

  it("shows the supplier its year-to-date volume with January counted from January on", async () => {
    const supplier = new BrowserSession(server.url);
    await supplier.login("axion@supplier.example", PASSWORD);
    const { body } = await supplier.data("/supplier?year=2026", "routes/supplier._index");
    const program = body.dashboard.programs.find((p: Json) => p.program.id === programId);
    expect(program.months).toEqual([
      { month: "2026-09", pooledVolumeMinor: 35_000_000, rateBps: 300 },
      { month: "2026-10", pooledVolumeMinor: 40_000_000, rateBps: 300 },
    ]);
  });
});

describe("the run history (issue 15 item 7)", () => {
  it("lists every run with who posted it and what it posted, newest first", async () => {
    const { status, body } = await session.data(
      "/admin/runs/history",
      "routes/admin.runs_.history",
    );
    expect(status).toBe(200);
    expect(body.total).toBe(3);
    expect(
      body.rows.map((r: Json) => [r.id, r.month, r.status, r.trueUp, r.postedBy, r.grossMinor]),
    ).toEqual([
      // 3 % of 400,000.00 less the 2,200.00 posted (2 % of 110,000.00).
      [runs.trueUp, "2026-10", "posted", true, ADMIN.email, 980_000],
      // 2 % of 110,000.00 less September's 600.00.
      [runs.oct, "2026-10", "posted", false, ADMIN.email, 160_000],
      [runs.sep, "2026-09", "posted", false, ADMIN.email, 60_000],
    ]);
    expect(body.rows[0].programName).toBe("Axion 2026");
    expect(body.rows[0].postedAt).toMatch(/^2\d{3}-\d\d-\d\dT/);
  });

  it("filters by program, month and status", async () => {
    const filtered = await session.data(
      `/admin/runs/history?programId=${programId}&month=2026-09&status=posted`,
      "routes/admin.runs_.history",
    );
    expect(filtered.body.rows.map((r: Json) => r.id)).toEqual([runs.sep]);
    const previews = await session.data(
      "/admin/runs/history?status=preview",
      "routes/admin.runs_.history",
    );
    expect(previews.body.total).toBe(0);
    const other = await session.data(
      `/admin/runs/history?programId=${programId + 1000}`,
      "routes/admin.runs_.history",
    );
    expect(other.body.rows).toEqual([]);
  });

  it("says why the true-up posted what it did: January's late report lifted the tier", async () => {
    const { status, body } = await session.data(
      `/admin/runs/${runs.trueUp}`,
      "routes/admin.runs_.$id",
    );
    expect(status).toBe(200);
    expect(body.previous).toMatchObject({
      id: runs.oct,
      month: "2026-10",
      pooledVolumeMinor: 11_000_000,
      tierIndex: 1,
      rateBps: 200,
    });
    expect(body.run.pooledVolumeMinor).toBe(40_000_000);
    expect(body.tierIndex).toBe(2);
    expect(body.reports).toEqual([
      expect.objectContaining({
        period: "2026-01",
        kind: "late",
        lines: 2,
        amountMinor: 29_000_000,
        previousAmountMinor: null,
      }),
    ]);
    // Claims are not built yet in this tree (null) or none were accepted ([]).
    expect(body.claims === null || body.claims.length === 0).toBe(true);
    // The figures are the engine's, as the API's run history gives them.
    const api = await admin.get(`/api/v1/allocation-runs?programId=${programId}`);
    const fromApi = api.body.find((r: Json) => r.id === runs.trueUp);
    expect(body.run.grossMinor).toBe(fromApi.posting.grossMinor);
    const names = body.members.map((m: Json) => m.name).sort();
    expect(names).toEqual(["Seguridad 97", "Vigilancia 10"]);
    const total = body.members.reduce((s: number, m: Json) => s + m.postingMinor, 0);
    expect(total).toBe(fromApi.posting.netMinor);
    for (const m of body.members) expect(m.ytdMinor - m.previousYtdMinor).toBe(m.postingMinor);
  });

  it("calls the program's first run its first posting", async () => {
    const { body } = await session.data(`/admin/runs/${runs.sep}`, "routes/admin.runs_.$id");
    expect(body.previous).toBeNull();
    expect(body.reports).toEqual([]);
  });

  it("answers 404 for a run that does not exist", async () => {
    const res = await session.get("/admin/runs/999999");
    expect(res.status).toBe(404);
  });

  it("downloads the filtered history as CSV and XLSX", async () => {
    const csv = await session.get(`/admin/runs/history/export?format=csv&month=2026-10`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = (await csv.text()).replace(/^\ufeff/, "");
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1].split(",")).toEqual([
      String(runs.trueUp),
      "Axion 2026",
      "Axion",
      "2026-10",
      expect.any(String),
      ADMIN.email,
      expect.stringMatching(/^2\d{3}-/),
      "USD",
      "9800.00",
      "980.00",
      "8820.00",
    ]);
    const xlsx = await session.get(`/admin/runs/history/export?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it("keeps the history from suppliers", async () => {
    const supplier = new BrowserSession(server.url);
    await supplier.login("axion@supplier.example", PASSWORD);
    expect((await supplier.get("/admin/runs/history")).status).toBe(403);
    expect((await supplier.get(`/admin/runs/${runs.sep}`)).status).toBe(403);
  });
});
