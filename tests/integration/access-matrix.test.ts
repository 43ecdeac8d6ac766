// The access matrix: every route and API path, as every role, as another supplier or member,
// and as a stranger. Every file in app/routes must appear here, so the matrix grows with the app.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, ROOT, startServer, type TestServer } from "@tests/setup/server";
import { ApiClient, apiAs, BrowserSession } from "@tests/setup/http";
import { uploadReport, waitForReport } from "@tests/setup/reports";
import { fixturePath } from "@tests/setup/fixtures";
import {
  EVERYONE,
  SIGNED_IN,
  type ApiCase,
  type Ids,
  type PageCase,
  type Who,
} from "./access/cases";
import * as adminReports from "./access/admin-reports";
import * as supplierReports from "./access/supplier-reports";
import * as payouts from "./access/payouts";
import * as dashboards from "./access/dashboards";
import * as tokens from "./access/tokens";
import * as claims from "./access/claims";
import * as notifications from "./access/notifications";
import * as mail from "./access/mail";
import * as books from "./access/books";
import * as memberSupplierLists from "./access/member-supplier-lists";
import * as adminLists from "./access/admin-lists";
import * as ownLists from "./access/own-lists";

const PAGES: PageCase[] = [
  { file: "admin._index.tsx", path: () => "/admin", allowed: ["admin"] },
  { file: "admin.members._index.tsx", path: () => "/admin/members", allowed: ["admin"] },
  { file: "admin.members.new.tsx", path: () => "/admin/members/new", allowed: ["admin"] },
  { file: "admin.members.import.tsx", path: () => "/admin/members/import", allowed: ["admin"] },
  {
    file: "admin.members.$id.tsx",
    path: (ids) => `/admin/members/${ids.memberA}`,
    allowed: ["admin"],
  },
  { file: "admin.suppliers._index.tsx", path: () => "/admin/suppliers", allowed: ["admin"] },
  {
    file: "admin.suppliers.$id.tsx",
    path: (ids) => `/admin/suppliers/${ids.supplierA}`,
    allowed: ["admin"],
  },
  { file: "admin.programs._index.tsx", path: () => "/admin/programs", allowed: ["admin"] },
  {
    file: "admin.programs.$id.tsx",
    path: (ids) => `/admin/programs/${ids.programA}`,
    allowed: ["admin"],
  },
  { file: "admin.fx.tsx", path: () => "/admin/fx", allowed: ["admin"] },
  { file: "admin.runs.tsx", path: () => "/admin/runs", allowed: ["admin"] },
  { file: "admin.ledger.tsx", path: () => "/admin/ledger", allowed: ["admin"] },
  { file: "admin.users.tsx", path: () => "/admin/users", allowed: ["admin"] },
  { file: "admin.settings.tsx", path: () => "/admin/settings", allowed: ["admin"] },
  { file: "admin.audit.tsx", path: () => "/admin/audit", allowed: ["admin"] },
  { file: "supplier._index.tsx", path: () => "/supplier", allowed: ["supplier", "otherSupplier"] },
  { file: "member._index.tsx", path: () => "/member", allowed: ["member", "otherMember"] },
  { file: "account.tsx", path: () => "/account", allowed: SIGNED_IN },
];

const SUPPLIERS = ["admin", "supplier", "otherSupplier"] satisfies Who[];

const API: ApiCase[] = [
  { file: "api.v1.reports.ts", method: "GET", path: () => "/api/v1/reports", allowed: SUPPLIERS },
  {
    file: "api.v1.reports.ts",
    method: "POST",
    path: () => "/api/v1/reports",
    allowed: SUPPLIERS,
    body: {},
  },
  {
    file: "api.v1.reports.$id.ts",
    method: "GET",
    path: (ids) => `/api/v1/reports/${ids.reportA}`,
    allowed: ["admin", "supplier"],
  },
  {
    file: "api.v1.reports.$id.ts",
    method: "GET",
    path: () => "/api/v1/reports/999999",
    allowed: SUPPLIERS,
    missing: true,
  },
  {
    file: "api.v1.unmatched.ts",
    method: "GET",
    path: () => "/api/v1/unmatched",
    allowed: ["admin"],
  },
  {
    file: "api.v1.aliases.ts",
    method: "POST",
    path: () => "/api/v1/aliases",
    allowed: ["admin"],
    body: {},
  },
  {
    file: "api.v1.allocation-runs.ts",
    method: "POST",
    path: () => "/api/v1/allocation-runs",
    allowed: ["admin"],
    body: {},
  },
  {
    file: "api.v1.allocation-runs.$id.post.ts",
    method: "POST",
    path: () => "/api/v1/allocation-runs/999999/post",
    allowed: ["admin"],
    missing: true,
  },
  {
    file: "api.v1.ledger.trial-balance.ts",
    method: "GET",
    path: () => "/api/v1/ledger/trial-balance",
    allowed: ["admin"],
  },
  {
    file: "api.v1.members.$id.balance.ts",
    method: "GET",
    path: (ids) => `/api/v1/members/${ids.memberA}/balance`,
    allowed: ["admin", "member"],
  },
  {
    file: "api.v1.suppliers.ts",
    method: "GET",
    path: () => "/api/v1/suppliers",
    allowed: ["admin"],
  },
  {
    file: "api.v1.suppliers.ts",
    method: "POST",
    path: () => "/api/v1/suppliers",
    allowed: ["admin"],
    body: {},
  },
  { file: "api.v1.members.ts", method: "GET", path: () => "/api/v1/members", allowed: ["admin"] },
  {
    file: "api.v1.members.ts",
    method: "POST",
    path: () => "/api/v1/members",
    allowed: ["admin"],
    body: {},
  },
  { file: "api.v1.programs.ts", method: "GET", path: () => "/api/v1/programs", allowed: ["admin"] },
  {
    file: "api.v1.programs.ts",
    method: "POST",
    path: () => "/api/v1/programs",
    allowed: ["admin"],
    body: {},
  },
  { file: "api.v1.fx-rates.ts", method: "GET", path: () => "/api/v1/fx-rates", allowed: ["admin"] },
  {
    file: "api.v1.fx-rates.ts",
    method: "PUT",
    path: () => "/api/v1/fx-rates",
    allowed: ["admin"],
    body: {},
  },
  {
    file: "api.v1.users.ts",
    method: "POST",
    path: () => "/api/v1/users",
    allowed: ["admin"],
    body: {},
  },
];

for (const area of [
  supplierReports,
  adminReports,
  payouts,
  dashboards,
  tokens,
  notifications,
  mail,
  claims,
  books,
  memberSupplierLists,
  adminLists,
  ownLists,
]) {
  PAGES.push(...area.pages);
  API.push(...area.api);
}

/** Routes anyone may open, checked separately below. */
const PUBLIC = [
  "_index.tsx",
  "login.tsx",
  "logout.tsx",
  "invite.$token.tsx",
  "api.v1.tokens.ts",
  "api.v1.$.ts",
  "api.v1.openapi[.]json.ts",
  ...mail.publicFiles,
];

let server: TestServer;
let ids: Ids;
const browsers = {} as Record<Who, BrowserSession>;
const apis = {} as Record<Who, ApiClient>;

beforeAll(async () => {
  server = await startServer();
  const admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  const supplierA = (await admin.post("/api/v1/suppliers", { name: "Supplier A", currency: "USD" }))
    .body.id;
  const supplierB = (await admin.post("/api/v1/suppliers", { name: "Supplier B", currency: "MXN" }))
    .body.id;
  const [memberA, memberB] = (
    await admin.post("/api/v1/members", [
      { name: "Member A", taxId: "AAA010101AA1", country: "MX", joinedOn: "2025-01-01" },
      { name: "Member B", taxId: "BBB010101BB1", country: "MX", joinedOn: "2025-01-01" },
    ])
  ).body.map((m: { id: number }) => m.id);
  const programA = (
    await admin.post("/api/v1/programs", {
      supplierId: supplierA,
      name: "Program A",
      currency: "USD",
      start: "2026-01-01",
      end: "2026-12-31",
      method: "all-units",
      feeBps: 1000,
      tiers: [{ thresholdMinor: 0, rateBps: 100 }],
    })
  ).body.id;
  const upload = await uploadReport(
    admin,
    fixturePath("tricky/header-only.csv"),
    "2026-01",
    supplierA,
  );
  const reportA = (await waitForReport(admin, upload.body.id)).id;
  await admin.post("/api/v1/users", {
    email: "bystander@matrix.example",
    password: "matrix-password-1",
    role: "member",
    memberId: memberB,
  });
  const foreignToken = (
    await new ApiClient(server.url).post("/api/v1/tokens", {
      email: "bystander@matrix.example",
      password: "matrix-password-1",
    })
  ).body.id;
  ids = { supplierA, supplierB, memberA, memberB, programA, reportA, foreignToken };
  const accounts: [Who, Record<string, unknown>][] = [
    ["supplier", { role: "supplier", supplierId: supplierA }],
    ["otherSupplier", { role: "supplier", supplierId: supplierB }],
    ["member", { role: "member", memberId: memberA }],
    ["otherMember", { role: "member", memberId: memberB }],
  ];
  const password = "matrix-password-1";
  for (const [who, scope] of accounts) {
    await admin.post("/api/v1/users", { email: `${who}@matrix.example`, password, ...scope });
  }
  for (const who of EVERYONE) {
    browsers[who] = new BrowserSession(server.url);
    if (who === "stranger") {
      apis[who] = new ApiClient(server.url);
      continue;
    }
    const [email, pw] =
      who === "admin" ? [ADMIN.email, ADMIN.password] : [`${who}@matrix.example`, password];
    await browsers[who].login(email, pw);
    apis[who] = await apiAs(server.url, email, pw);
  }
});
afterAll(() => server.stop());

describe("every route is in the matrix", () => {
  it("lists each file of app/routes", () => {
    const covered = new Set([...PAGES.map((p) => p.file), ...API.map((a) => a.file), ...PUBLIC]);
    expect(readdirSync(join(ROOT, "app/routes")).filter((f) => !covered.has(f))).toEqual([]);
  });
});

describe.each(PAGES)("page $file", (route) => {
  it.each(EVERYONE)("as %s", async (who) => {
    const res = await browsers[who].get(route.path(ids));
    if (who === "stranger") {
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    } else {
      expect(res.status).toBe(route.allowed.includes(who) ? (route.missing ? 404 : 200) : 403);
    }
  });
});

describe.each(API)("API $method $file", (route) => {
  it.each(EVERYONE)("as %s", async (who) => {
    const res = await apis[who].call(route.method, route.path(ids), route.body);
    const expected =
      who === "stranger"
        ? 401
        : !route.allowed.includes(who)
          ? 403
          : route.missing
            ? 404
            : route.body
              ? 400
              : 200;
    expect(res.status).toBe(expected);
    if (expected >= 400) expect(res.body.error.code).toBeTypeOf("string");
  });
});

describe("public routes", () => {
  it("sends a stranger from / to the sign-in page and a member to the member dashboard", async () => {
    expect((await browsers.stranger.get("/")).headers.get("location")).toBe("/login");
    expect((await browsers.member.get("/")).headers.get("location")).toBe("/member");
    expect((await browsers.stranger.get("/login")).status).toBe(200);
    expect((await browsers.stranger.get("/invite/not-a-token")).status).toBe(200);
  });

  it("answers a malformed id in an API path with a JSON 404", async () => {
    const res = await apis.admin.get("/api/v1/members/not-a-number/balance");
    expect(res).toMatchObject({
      status: 404,
      body: { error: { code: "not_found", message: "This was not found." } },
    });
  });

  it("refuses a stranger's logout and an unknown API path", async () => {
    expect((await browsers.stranger.post("/logout")).status).toBe(302);
    expect((await apis.member.get("/api/v1/unknown")).status).toBe(404);
  });

  it("gives a member the same 403 for a loader fetched as data (?_data)", async () => {
    const res = await browsers.member.data("/admin/members", "routes/admin.members._index");
    expect(res.status).toBe(403);
  });
});
