// API v1 foundations over real HTTP: tokens, suppliers, members (upsert), users, JSON errors.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import { ApiClient, apiAs } from "@tests/setup/http";

let server: TestServer;
let admin: ApiClient;
beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
});
afterAll(() => server.stop());

const member = (taxId: string, name = `Member ${taxId}`) => ({
  name,
  taxId,
  country: "MX",
  joinedOn: "2025-01-01",
});
const rows = (sql: string) => {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

describe("tokens", () => {
  it("issues a token for good credentials and refuses bad ones with a JSON error", async () => {
    const anon = new ApiClient(server.url);
    expect((await anon.post("/api/v1/tokens", ADMIN)).status).toBe(201);
    const bad = await anon.post("/api/v1/tokens", { email: ADMIN.email, password: "wrong" });
    expect(bad).toMatchObject({
      status: 401,
      body: { error: { code: "invalid_credentials", message: "Wrong e-mail or password." } },
    });
    const malformed = await anon.call("POST", "/api/v1/tokens");
    expect(malformed.status).toBe(400);
  });

  it("answers a missing or forged token with 401", async () => {
    expect((await new ApiClient(server.url).get("/api/v1/suppliers")).body).toEqual({
      error: { code: "unauthorized", message: "A valid bearer token is required." },
    });
    expect((await new ApiClient(server.url, "tp_forged").get("/api/v1/suppliers")).status).toBe(
      401,
    );
  });

  it("answers an unknown API path with a JSON 404", async () => {
    const res = await admin.get("/api/v1/nothing-here");
    expect(res).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });
});

describe("suppliers", () => {
  it("creates and lists suppliers, with dateOrder", async () => {
    const created = await admin.post("/api/v1/suppliers", {
      name: "Axion",
      currency: "usd",
      dateOrder: "mdy",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Axion",
      currency: "USD",
      dateOrder: "mdy",
      language: "es",
    });
    expect(typeof created.body.id).toBe("number");
    const list = await admin.get("/api/v1/suppliers");
    expect(list.body.map((s: { name: string }) => s.name)).toContain("Axion");
  });

  it("refuses bad input and duplicates, changing nothing", async () => {
    const before = rows("SELECT id FROM suppliers").length;
    const bad = await admin.post("/api/v1/suppliers", { name: "Bad", currency: "XXQ" });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: "bad_request", message: "currency: is not a known currency code" } },
    });
    const dup = await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" });
    expect(dup).toMatchObject({ status: 409, body: { error: { code: "supplier_exists" } } });
    expect(rows("SELECT id FROM suppliers").length).toBe(before);
  });
});

describe("members", () => {
  it("creates one member and updates it by tax id, however it is punctuated", async () => {
    const first = await admin.post("/api/v1/members", member("12.345.678/0001-90", "Original"));
    expect(first.status).toBe(201);
    const again = await admin.post("/api/v1/members", member("12345678000190", "Renamed"));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body).toMatchObject({ name: "Renamed", taxIdNormalized: "12345678000190" });
  });

  it("upserts an array and returns the members in the order given", async () => {
    const res = await admin.post("/api/v1/members", [
      member("BBB"),
      member("AAA"),
      member("12345678000190", "Third"),
    ]);
    expect(res.status).toBe(201);
    expect(res.body.map((m: { taxIdNormalized: string }) => m.taxIdNormalized)).toEqual([
      "BBB",
      "AAA",
      "12345678000190",
    ]);
  });

  it("refuses a member without tax id, or a tax id twice in one request, and writes none of the batch", async () => {
    const before = rows("SELECT id FROM members").length;
    const missing = await admin.post("/api/v1/members", [
      member("CCC"),
      { name: "No id", country: "MX", joinedOn: "2025-01-01" },
    ]);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([{ path: "1.taxId", message: "Required" }]);
    const twice = await admin.post("/api/v1/members", [member("DDD"), member("D.D.D")]);
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toBe("1.taxId: repeats the tax id of member 1");
    expect(rows("SELECT id FROM members").length).toBe(before);
  });

  it("refuses a leaving date before the joining date", async () => {
    const res = await admin.post("/api/v1/members", { ...member("EEE"), leftOn: "2024-01-01" });
    expect(res.body.error.message).toBe("leftOn: must be after the joining date");
  });
});

describe("users", () => {
  it("creates scoped users and refuses a role without its scope", async () => {
    const supplier = (await admin.post("/api/v1/suppliers", { name: "Norte", currency: "MXN" }))
      .body;
    const ok = await admin.post("/api/v1/users", {
      email: "s@norte.example",
      password: "norte-password-1",
      role: "supplier",
      supplierId: supplier.id,
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ role: "supplier", supplierId: supplier.id, memberId: null });
    const noScope = await admin.post("/api/v1/users", {
      email: "m@x.example",
      password: "member-password-1",
      role: "member",
    });
    expect(noScope).toMatchObject({
      status: 400,
      body: { error: { message: "memberId: is required for a member user" } },
    });
    const wrongScope = await admin.post("/api/v1/users", {
      email: "m@x.example",
      password: "member-password-1",
      role: "member",
      memberId: 99999,
    });
    expect(wrongScope.status).toBe(400);
    const dup = await admin.post("/api/v1/users", {
      email: "S@norte.example",
      password: "norte-password-1",
      role: "supplier",
      supplierId: supplier.id,
    });
    expect(dup.status).toBe(409);
  });

  it("does not let a supplier's token create users or list suppliers", async () => {
    const supplierApi = await apiAs(server.url, "s@norte.example", "norte-password-1");
    expect(
      (
        await supplierApi.post("/api/v1/users", {
          email: "x@y.example",
          password: "password-123",
          role: "admin",
        })
      ).status,
    ).toBe(403);
    expect((await supplierApi.get("/api/v1/suppliers")).status).toBe(403);
    expect(rows("SELECT id FROM users WHERE email = 'x@y.example'")).toEqual([]);
  });
});
