// /api/v1/openapi.json describes every API route, and real responses match its schemas.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePath } from "../../imports/scenario-fixtures";
import { ApiClient, apiAs, type Json } from "../setup/http";
import { reportForm, waitForReport } from "../setup/reports";
import { ROOT, startServer, type TestServer } from "../setup/server";

let server: TestServer;
let admin: ApiClient;
let doc: Json;
const ajv = new Ajv2020({ strict: false, allErrors: true });

beforeAll(async () => {
  server = await startServer({ env: { DEMO: "1" } });
  admin = await apiAs(server.url, "admin@tierpool.demo", "tierpool-demo");
  doc = (await new ApiClient(server.url).get("/api/v1/openapi.json")).body;
}, 120_000);
afterAll(() => server?.stop());

/** The document's schema for that operation and status, resolved against its components. */
function check(path: string, method: string, res: { status: number; body: Json }) {
  const response = doc.paths[path]?.[method]?.responses?.[String(res.status)];
  expect(
    response,
    `${method.toUpperCase()} ${path} answers ${res.status}, undocumented`,
  ).toBeDefined();
  const schema = response.content["application/json"].schema;
  const validate = ajv.compile({ ...schema, components: doc.components });
  expect(validate(res.body) ? [] : validate.errors, `${method} ${path}`).toEqual([]);
}

/** app/routes/api.v1.members.$id.balance.ts → /members/{id}/balance */
function routePath(file: string): string {
  return (
    "/" +
    file
      .replace(/^api\.v1\./, "")
      .replace(/\.tsx?$/, "")
      .replace(/\[\.\]/g, "~")
      .split(".")
      .map((part) => (part.startsWith("$") ? `{${part.slice(1)}}` : part))
      .join("/")
      .replace(/~/g, ".")
  );
}

describe("the OpenAPI document", () => {
  it("is served to anyone and names every API route", () => {
    expect(doc.openapi).toBe("3.1.0");
    const files = readdirSync(join(ROOT, "app/routes")).filter(
      (f) => f.startsWith("api.v1.") && f !== "api.v1.$.ts" && !f.includes("openapi"),
    );
    expect(files.map(routePath).filter((p) => !doc.paths[p])).toEqual([]);
  });

  it("matches the real answers of every read", async () => {
    for (const path of [
      "/suppliers",
      "/members",
      "/programs",
      "/fx-rates",
      "/reports",
      "/unmatched",
      "/ledger/trial-balance",
    ])
      check(path, "get", await admin.get(`/api/v1${path}`));
    check("/reports/{id}", "get", await admin.get("/api/v1/reports/1"));
    check("/members/{id}/balance", "get", await admin.get("/api/v1/members/1/balance"));
    check("/reports/{id}", "get", await admin.get("/api/v1/reports/999999"));
    check("/suppliers", "get", await new ApiClient(server.url).get("/api/v1/suppliers"));
  });

  it("matches the real answers of every write", async () => {
    check(
      "/tokens",
      "post",
      await new ApiClient(server.url).post("/api/v1/tokens", {
        email: "admin@tierpool.demo",
        password: "tierpool-demo",
      }),
    );
    const supplier = await admin.post("/api/v1/suppliers", {
      name: "Doc Supplier",
      currency: "USD",
    });
    check("/suppliers", "post", supplier);
    check("/suppliers", "post", await admin.post("/api/v1/suppliers", {}));
    const member = await admin.post("/api/v1/members", {
      name: "Doc Member",
      taxId: "DOC010101AA1",
      country: "MX",
      joinedOn: "2026-01-01",
    });
    check("/members", "post", member);
    check(
      "/users",
      "post",
      await admin.post("/api/v1/users", {
        email: "doc@example.com",
        password: "doc-password-1",
        role: "member",
        memberId: member.body.id,
      }),
    );
    const program = await admin.post("/api/v1/programs", {
      supplierId: supplier.body.id,
      name: "Doc 2026",
      currency: "USD",
      start: "2026-01-01",
      end: "2026-12-31",
      method: "all-units",
      feeBps: 1000,
      tiers: [{ thresholdMinor: 0, rateBps: 100 }],
    });
    check("/programs", "post", program);
    check(
      "/fx-rates",
      "put",
      await admin.put("/api/v1/fx-rates", [
        { month: "2026-01", from: "BRL", to: "USD", rate: "0.18" },
      ]),
    );
    check(
      "/aliases",
      "post",
      await admin.post("/api/v1/aliases", {
        supplierId: supplier.body.id,
        customerKey: "c-123",
        memberId: member.body.id,
      }),
    );
    const upload = await admin.post(
      "/api/v1/reports",
      reportForm(fixturePath("tricky/header-only.csv"), "2026-01", supplier.body.id),
    );
    check("/reports", "post", upload);
    await waitForReport(admin, upload.body.id);
    const preview = await admin.post("/api/v1/allocation-runs", {
      programId: program.body.id,
      month: "2026-01",
    });
    check("/allocation-runs", "post", preview);
    check(
      "/allocation-runs/{id}/post",
      "post",
      await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`),
    );
  });
});
