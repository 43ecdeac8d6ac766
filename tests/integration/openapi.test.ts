// /api/v1/openapi.json describes every API route, and real responses match its schemas.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePath } from "@tests/setup/fixtures";
import { ApiClient, apiAs, type Json } from "@tests/setup/http";
import { reportForm, waitForReport } from "@tests/setup/reports";
import { ROOT, startServer, type TestServer } from "@tests/setup/server";

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

/** The document's response for that operation and status; an undocumented status fails. */
function documented(path: string, method: string, status: number) {
  const response = doc.paths[path]?.[method]?.responses?.[String(status)];
  expect(response, `${method.toUpperCase()} ${path} answers ${status}, undocumented`).toBeDefined();
  return response;
}

/** The document's schema for that operation and status, resolved against its components. */
function check(path: string, method: string, res: { status: number; body: Json }) {
  const response = documented(path, method, res.status);
  const schema = response.content?.["application/json"]?.schema;
  expect(schema, `${method} ${path} ${res.status} documents no JSON answer`).toBeDefined();
  const validate = ajv.compile({ ...schema, components: doc.components });
  expect(validate(res.body) ? [] : validate.errors, `${method} ${path}`).toEqual([]);
}

/** For a file answer (not JSON): the status is documented with the Content-Type it comes in. */
function checkFile(path: string, method: string, res: DownloadAnswer) {
  const response = documented(path, method, res.status);
  const type = (res.headers.get("Content-Type") ?? "").split(";")[0].trim();
  expect(Object.keys(response.content ?? {}), `${method} ${path} ${res.status}`).toEqual([type]);
  expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="/);
}

type DownloadAnswer = { status: number; headers: Headers; bytes: Buffer };

/** GET as `client`, keeping the raw bytes (ApiClient reads every answer as text). */
async function download(client: ApiClient, path: string): Promise<DownloadAnswer> {
  const res = await fetch(client.base + path, {
    headers: { Authorization: `Bearer ${client.token}` },
  });
  return {
    status: res.status,
    headers: res.headers,
    bytes: Buffer.from(await res.arrayBuffer()),
  };
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

  it("names only schemas that compile, and describes every JSON body a write takes", () => {
    for (const [name, schema] of Object.entries(doc.components.schemas))
      expect(
        () => ajv.compile({ ...(schema as Json), components: doc.components }),
        name,
      ).not.toThrow();
    for (const path of ["/tokens", "/suppliers", "/members", "/users", "/programs", "/aliases"])
      expect(
        doc.paths[path].post.requestBody.content["application/json"].schema,
        path,
      ).toBeDefined();
    expect(
      doc.paths["/allocation-runs"].post.requestBody.content["application/json"].schema,
    ).toEqual({
      $ref: "#/components/schemas/RunRequest",
    });
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
    const issued = await new ApiClient(server.url).post("/api/v1/tokens", {
      email: "admin@tierpool.demo",
      password: "tierpool-demo",
    });
    check("/tokens", "post", issued);
    check("/tokens", "get", await admin.get("/api/v1/tokens"));
    check(
      "/tokens/{id}/revoke",
      "post",
      await admin.post(`/api/v1/tokens/${issued.body.id}/revoke`),
    );
    check("/tokens/{id}/revoke", "post", await admin.post("/api/v1/tokens/999999/revoke"));
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

  it("matches the real answers of money out: supplier payments, payout batches, statements", async () => {
    const approver = await apiAs(server.url, "approver@tierpool.demo", "tierpool-demo");
    const supplier = await apiAs(server.url, "axion@suppliers.demo", "tierpool-demo");
    const member = await apiAs(server.url, "compras@seguridad97.demo", "tierpool-demo");
    const batches = "/api/v1/payout-batches";

    // A supplier pays part of what it owes for a program (the demo has posted runs).
    const receivables = await admin.get("/api/v1/receivables");
    check("/receivables", "get", receivables);
    const owed = receivables.body.find((r: Json) => r.currency === "USD" && r.owedMinor > 100);
    expect(owed, "a USD program with something owed").toBeDefined();
    const payment = await admin.post("/api/v1/supplier-payments", {
      programId: owed.programId,
      amountMinor: 100,
      receivedOn: "2026-10-15",
      reference: "DOC-WIRE-1",
    });
    expect(payment.status).toBe(201);
    check("/supplier-payments", "post", payment);
    check("/supplier-payments", "get", await admin.get("/api/v1/supplier-payments"));
    const overpaid = await admin.post("/api/v1/supplier-payments", {
      programId: owed.programId,
      amountMinor: owed.owedMinor + 1,
      receivedOn: "2026-10-15",
      reference: "DOC-WIRE-2",
    });
    expect(overpaid.status).toBe(400);
    check("/supplier-payments", "post", overpaid);

    // The demo leaves a USD batch in draft: cancel it so its members can enter a new one.
    const open = (await admin.get(batches)).body.filter(
      (b: Json) => b.currency === "USD" && b.status === "draft",
    );
    expect(open).toHaveLength(1);
    check(
      "/payout-batches/{id}/cancel",
      "post",
      await admin.post(`${batches}/${open[0].id}/cancel`),
    );

    // Build a USD batch, drop a line, have the other admin approve it (four-eyes), pay, export.
    const built = await admin.post(batches, { currency: "USD", reference: "DOC-USD-1" });
    expect(built.status).toBe(201);
    check("/payout-batches", "post", built);
    const id = built.body.id;
    if (built.body.lines.length >= 2) {
      // Member 1 stays in, so its statement shows the payout.
      const dropped = await admin.post(`${batches}/${id}/drop`, {
        memberId: built.body.lines.find((l: Json) => l.memberId !== 1).memberId,
      });
      expect(dropped.status).toBe(200);
      check("/payout-batches/{id}/drop", "post", dropped);
    }
    check("/payout-batches/{id}/drop", "post", await admin.post(`${batches}/${id}/drop`, {}));
    const byBuilder = await admin.post(`${batches}/${id}/approve`);
    expect(byBuilder.status).toBe(403);
    expect(byBuilder.body.error.code).toBe("batch_four_eyes");
    check("/payout-batches/{id}/approve", "post", byBuilder);
    const approved = await approver.post(`${batches}/${id}/approve`);
    expect(approved.body.status).toBe("approved");
    check("/payout-batches/{id}/approve", "post", approved);
    const paid = await admin.post(`${batches}/${id}/pay`, { paidOn: "2026-10-31" });
    expect(paid.body.status).toBe("paid");
    check("/payout-batches/{id}/pay", "post", paid);
    const again = await admin.post(`${batches}/${id}/pay`);
    expect(again.status).toBe(409);
    check("/payout-batches/{id}/pay", "post", again);
    const detail = await admin.get(`${batches}/${id}`);
    expect(detail.body.entryId).toBe(paid.body.entryId);
    check("/payout-batches/{id}", "get", detail);
    check("/payout-batches/{id}", "get", await admin.get(`${batches}/999999`));

    const csv = await download(admin, `${batches}/${id}/export.csv`);
    expect(csv.status).toBe(200);
    checkFile("/payout-batches/{id}/export.csv", "get", csv);
    const xlsx = await download(admin, `${batches}/${id}/export.xlsx`);
    expect(xlsx.status).toBe(200);
    checkFile("/payout-batches/{id}/export.xlsx", "get", xlsx);
    expect(xlsx.bytes.subarray(0, 2).toString("latin1"), "a zip (xlsx) file").toBe("PK");
    check(
      "/payout-batches/{id}/export.xlsx",
      "get",
      await admin.get(`${batches}/999999/export.xlsx`),
    );

    // Another batch (the dropped member's balance, or MXN) is built and cancelled.
    let other = await admin.post(batches, { currency: "USD" });
    if (other.status === 409) {
      check("/payout-batches", "post", other);
      other = await admin.post(batches, { currency: "MXN" });
    }
    expect(other.status).toBe(201);
    check("/payout-batches", "post", other);
    const cancelled = await admin.post(`${batches}/${other.body.id}/cancel`);
    expect(cancelled.body.status).toBe("cancelled");
    check("/payout-batches/{id}/cancel", "post", cancelled);
    const refused = await admin.post(`${batches}/${other.body.id}/pay`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("batch_cancelled");
    check("/payout-batches/{id}/pay", "post", refused);
    check("/payout-batches", "get", await admin.get(batches));
    check("/payout-batches", "get", await supplier.get(batches));

    // Receivables as the supplier (its own programs); statements as the admin and the member.
    const own = await supplier.get("/api/v1/receivables?supplierId=2");
    expect(own.body.length).toBeGreaterThan(0);
    expect(new Set(own.body.map((r: Json) => r.supplierId)).size).toBe(1);
    expect(own.body[0].supplierId).not.toBe(2);
    check("/receivables", "get", own);
    check("/receivables", "get", await member.get("/api/v1/receivables"));
    const statement = await admin.get("/api/v1/members/1/statement");
    expect(statement.status).toBe(200);
    check("/members/{id}/statement", "get", statement);
    const mine = await member.get("/api/v1/members/1/statement?from=2026-01&to=2026-12");
    expect(mine.status).toBe(200);
    check("/members/{id}/statement", "get", mine);
    const paidToMember1 = paid.body.lines.some((l: Json) => l.memberId === 1 && !l.dropped);
    expect(mine.body.payouts.length > 0).toBe(paidToMember1);
    check("/members/{id}/statement", "get", await member.get("/api/v1/members/2/statement"));
    check(
      "/members/{id}/statement",
      "get",
      await admin.get("/api/v1/members/1/statement?from=2026-12&to=2026-01"),
    );
  });
});
