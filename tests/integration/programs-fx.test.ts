// Programs (with tier schedules) and FX rates over real HTTP: created by an admin, validated by
// the refund engine's own checks, written all or nothing, refused to anyone else.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import { ApiClient, apiAs, BrowserSession } from "@tests/setup/http";

let server: TestServer;
let admin: ApiClient;
let supplierApi: ApiClient;
let supplierId: number;

const rows = (sql: string) => {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};
const counts = () => ({
  programs: rows("SELECT id FROM programs").length,
  tiers: rows("SELECT program_id FROM tiers").length,
});

/** SPEC 3.2's worked example: USD, 0 → 100 bp, 100,000.00 → 200 bp, 250,000.00 → 300 bp. */
const TIERS = [
  { thresholdMinor: 0, rateBps: 100 },
  { thresholdMinor: 10_000_000, rateBps: 200 },
  { thresholdMinor: 25_000_000, rateBps: 300 },
];
const program = (overrides: Record<string, unknown> = {}) => ({
  supplierId,
  name: "Axion 2025",
  currency: "usd",
  start: "2025-01-01",
  end: "2025-12-31",
  method: "all-units",
  feeBps: 1000,
  tiers: TIERS,
  ...overrides,
});

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  supplierId = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" })).body.id;
  await admin.post("/api/v1/users", {
    email: "staff@axion.example",
    password: "axion-password-1",
    role: "supplier",
    supplierId,
  });
  supplierApi = await apiAs(server.url, "staff@axion.example", "axion-password-1");
});
afterAll(() => server.stop());

describe("programs", () => {
  it("creates SPEC's worked example and lists it with its tiers", async () => {
    const created = await admin.post(
      "/api/v1/programs",
      program({ excludeCategories: [" Services ", ""] }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      supplierId,
      name: "Axion 2025",
      currency: "USD",
      start: "2025-01-01",
      end: "2025-12-31",
      method: "all-units",
      feeBps: 1000,
      includeCategories: [],
      excludeCategories: ["Services"],
      tiers: TIERS,
    });
    expect(typeof created.body.id).toBe("number");
    expect(rows(`SELECT position, threshold_minor, rate_bps FROM tiers ORDER BY position`)).toEqual(
      [
        { position: 0, threshold_minor: 0, rate_bps: 100 },
        { position: 1, threshold_minor: 10_000_000, rate_bps: 200 },
        { position: 2, threshold_minor: 25_000_000, rate_bps: 300 },
      ],
    );
    const list = await admin.get("/api/v1/programs");
    expect(list.status).toBe(200);
    expect(list.body).toEqual([created.body]);
    expect(rows("SELECT action, target_id FROM audit_log WHERE action = 'program.create'")).toEqual(
      [{ action: "program.create", target_id: String(created.body.id) }],
    );
  });

  it("refuses a tier schedule whose first threshold is not 0, or not increasing, writing nothing", async () => {
    const before = counts();
    const notZero = await admin.post(
      "/api/v1/programs",
      program({ tiers: [{ thresholdMinor: 100, rateBps: 100 }] }),
    );
    expect(notZero.status).toBe(400);
    expect(notZero.body.error).toEqual({
      code: "tier_schedule_invalid",
      message: "The tier schedule is invalid: Tier 1: the first threshold must be 0, not 100.",
      details: [{ path: "tiers", message: "Tier 1: the first threshold must be 0, not 100." }],
    });
    const notIncreasing = await admin.post(
      "/api/v1/programs",
      program({
        tiers: [
          { thresholdMinor: 0, rateBps: 100 },
          { thresholdMinor: 5000, rateBps: 200 },
          { thresholdMinor: 5000, rateBps: 300 },
        ],
      }),
    );
    expect(notIncreasing.status).toBe(400);
    expect(notIncreasing.body.error.code).toBe("tier_schedule_invalid");
    expect(notIncreasing.body.error.details).toEqual([
      { path: "tiers", message: "Tier 3: threshold 5000 must be above the previous one, 5000." },
    ]);
    const none = await admin.post("/api/v1/programs", program({ tiers: [] }));
    expect(none.body.error).toMatchObject({
      code: "bad_request",
      message: "tiers: needs at least one tier",
    });
    expect(counts()).toEqual(before);
  });

  it("refuses an unknown supplier, a fee over 10000 bp and an end before the start", async () => {
    const before = counts();
    const unknown = await admin.post("/api/v1/programs", program({ supplierId: 99999 }));
    expect(unknown).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "bad_request",
          details: [{ path: "supplierId", message: "is not a known supplier" }],
        },
      },
    });
    const fee = await admin.post("/api/v1/programs", program({ feeBps: 10001 }));
    expect(fee).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "fee_bps_invalid",
          message: "The admin fee 10001 bp is not a whole number from 0 to 10000.",
        },
      },
    });
    const backwards = await admin.post("/api/v1/programs", program({ end: "2024-12-31" }));
    expect(backwards).toMatchObject({
      status: 400,
      body: { error: { message: "end: must be after the start date" } },
    });
    const sameDay = await admin.post("/api/v1/programs", program({ end: "2025-01-01" }));
    expect(sameDay.status).toBe(400);
    const method = await admin.post("/api/v1/programs", program({ method: "retroactive" }));
    expect(method.status).toBe(400);
    expect(counts()).toEqual(before);
  });

  it("creates a program from the admin form, tiers as lines of threshold;rateBps", async () => {
    const browser = new BrowserSession(server.url, "en");
    await browser.login(ADMIN.email, ADMIN.password);
    const form = {
      supplierId: String(supplierId),
      name: "Axion incremental",
      currency: "USD",
      start: "2025-01-01",
      end: "2025-12-31",
      method: "incremental",
      feeBps: "500",
      tiers: "0;100\r\n10000000;200\r\n\r\n25000000;300\r\n",
      includeCategories: "Tools, Paint",
      excludeCategories: "",
    };
    const bad = await browser.action("/admin/programs", "routes/admin.programs._index", {
      ...form,
      tiers: "0;100\n5000;50",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      { path: "tiers", message: "Tier 2: rate 50 bp is below the previous tier's 100 bp." },
    ]);
    const ok = await browser.action("/admin/programs", "routes/admin.programs._index", form);
    expect(ok.status).toBe(200);
    const list = (await admin.get("/api/v1/programs")).body;
    expect(list.find((p: { id: number }) => p.id === ok.body.created)).toMatchObject({
      method: "incremental",
      feeBps: 500,
      includeCategories: ["Tools", "Paint"],
      excludeCategories: [],
      tiers: TIERS,
    });
    const page = await (await browser.get("/admin/programs")).text();
    expect(page).toContain("Axion incremental");
  });

  it("is for admins only", async () => {
    expect((await supplierApi.get("/api/v1/programs")).status).toBe(403);
    const before = counts();
    const res = await supplierApi.post("/api/v1/programs", program());
    expect(res).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(counts()).toEqual(before);
  });
});

describe("FX rates", () => {
  const fx = () => rows("SELECT month, from_currency, to_currency, rate FROM fx_rates");

  it("saves a list and returns the saved rates", async () => {
    const res = await admin.put("/api/v1/fx-rates", [
      { month: "2025-01", from: "mxn", to: "USD", rate: "0.05" },
      { month: "2025-02", from: "BRL", to: "USD", rate: " 0.180196 " },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject([
      { month: "2025-01", from: "MXN", to: "USD", rate: "0.05" },
      { month: "2025-02", from: "BRL", to: "USD", rate: "0.180196" },
    ]);
    expect(res.body[0].updatedBy).toBeTypeOf("number");
    expect((await admin.get("/api/v1/fx-rates")).body).toEqual(res.body);
    const browser = new BrowserSession(server.url, "en");
    await browser.login(ADMIN.email, ADMIN.password);
    const saved = await browser.action("/admin/fx", "routes/admin.fx", {
      month: "2025-03",
      from: "EUR",
      to: "USD",
      rate: "1.0825",
    });
    expect(saved).toMatchObject({ status: 200, body: { saved: "2025-03 EUR USD" } });
    const refused = await browser.action("/admin/fx", "routes/admin.fx", {
      month: "2025-03",
      from: "EUR",
      to: "USD",
      rate: "0",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([
      { path: "0.rate", message: 'The FX rate "0" must be greater than zero.' },
    ]);
    const page = await (await browser.get("/admin/fx")).text();
    expect(page).toContain("0.180196");
    expect(page).toContain("1.0825");
  });

  it("updates the rate of a month and pair put again", async () => {
    const res = await admin.put("/api/v1/fx-rates", [
      { month: "2025-01", from: "MXN", to: "USD", rate: "0.04987654" },
    ]);
    expect(res.status).toBe(200);
    expect(fx()).toEqual([
      { month: "2025-01", from_currency: "MXN", to_currency: "USD", rate: "0.04987654" },
      { month: "2025-02", from_currency: "BRL", to_currency: "USD", rate: "0.180196" },
      { month: "2025-03", from_currency: "EUR", to_currency: "USD", rate: "1.0825" },
    ]);
  });

  it("refuses 9 decimals, zero, a bad month or a non-list, and writes none of the list", async () => {
    const before = fx();
    const nine = await admin.put("/api/v1/fx-rates", [
      { month: "2025-03", from: "MXN", to: "USD", rate: "0.05" },
      { month: "2025-03", from: "BRL", to: "USD", rate: "0.123456789" },
    ]);
    expect(nine).toMatchObject({
      status: 400,
      body: { error: { code: "fx_rate_invalid", details: [{ path: "1.rate" }] } },
    });
    const zero = await admin.put("/api/v1/fx-rates", [
      { month: "2025-03", from: "MXN", to: "USD", rate: "0.00" },
    ]);
    expect(zero).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "fx_rate_invalid",
          message: '0.rate: The FX rate "0.00" must be greater than zero.',
        },
      },
    });
    const month = await admin.put("/api/v1/fx-rates", [
      { month: "2025-13", from: "MXN", to: "USD", rate: "1" },
    ]);
    expect(month.body.error.message).toBe("0.month: must be a month written YYYY-MM");
    const float = await admin.put("/api/v1/fx-rates", [
      { month: "2025-03", from: "MXN", to: "USD", rate: 0.05 },
    ]);
    expect(float.status).toBe(400);
    const twice = await admin.put("/api/v1/fx-rates", [
      { month: "2025-03", from: "MXN", to: "USD", rate: "0.05" },
      { month: "2025-03", from: "mxn", to: "usd", rate: "0.06" },
    ]);
    expect(twice.body.error.message).toBe("1.month: repeats the month and currencies of rate 1");
    expect((await admin.put("/api/v1/fx-rates", { month: "2025-03" })).status).toBe(400);
    expect(fx()).toEqual(before);
  });

  it("is for admins only", async () => {
    expect((await supplierApi.get("/api/v1/fx-rates")).status).toBe(403);
    const res = await supplierApi.put("/api/v1/fx-rates", [
      { month: "2025-04", from: "MXN", to: "USD", rate: "1" },
    ]);
    expect(res).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(rows("SELECT month FROM fx_rates WHERE month = '2025-04'")).toEqual([]);
  });
});
