// Decision 081 over HTTP: a member statement's lines and the API tokens lists sort, filter and
// download as CSV/XLSX with the screen's filter and order; the tokens download never holds a token
// or its hash, and each user sees only their own.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertActiveReport, specExampleProgram } from "@tests/setup/factories";
import { ApiClient, apiAs, BrowserSession, type Json } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const PASSWORD = "own-lists-pass-1";
let server: TestServer;
let admin: ApiClient;
let adminTab: BrowserSession;
let member: BrowserSession;
let supplier: BrowserSession;
const m = {} as Record<"AAA" | "BBB" | "CCC" | "DDD", number>;

async function post(programId: number, month: string) {
  const preview = await admin.post("/api/v1/allocation-runs", { programId, month });
  expect(preview.status).toBe(201);
  expect((await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`)).status).toBe(200);
}

/** A CSV download's text, without its UTF-8 byte order mark. */
async function csv(session: BrowserSession, path: string) {
  const res = await session.get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/csv");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
}

async function xlsxRows(session: BrowserSession, path: string) {
  const res = await session.get(path);
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  const rows: unknown[][] = [];
  book.worksheets[0].eachRow((row) =>
    rows.push(
      Array.from(
        { length: book.worksheets[0].columnCount },
        (_, i) => row.getCell(i + 1).value ?? null,
      ),
    ),
  );
  return rows;
}

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  const axion = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" })).body.id;
  const members = await admin.post(
    "/api/v1/members",
    (["AAA", "BBB", "CCC", "DDD"] as const).map((taxId) => ({
      name: `Member ${taxId}`,
      taxId,
      country: "MX",
      joinedOn: "2020-01-01",
    })),
  );
  for (const row of members.body) m[row.taxId as keyof typeof m] = row.id;
  const programId = (await admin.post("/api/v1/programs", specExampleProgram(axion))).body.id;
  // January: V 81,000.00 at 1 %; February: V 181,000.00 reaches 2 % (as in money-out.test.ts).
  insertActiveReport(server.dbPath, axion, "2026-01", [
    { memberTaxId: "AAA", date: "2026-01-10", amountMinor: 4_000_000 },
    { memberTaxId: "BBB", date: "2026-01-12", amountMinor: 2_000_000 },
    { memberTaxId: "CCC", date: "2026-01-20", amountMinor: 2_000_000 },
    { memberTaxId: "DDD", date: "2026-01-21", amountMinor: 100_000 },
  ]);
  await post(programId, "2026-01");
  insertActiveReport(server.dbPath, axion, "2026-02", [
    { memberTaxId: "AAA", date: "2026-02-03", amountMinor: 10_000_000 },
  ]);
  await post(programId, "2026-02");
  for (const [email, scope] of [
    ["aaa@own.example", { role: "member", memberId: m.AAA }],
    ["bbb@own.example", { role: "member", memberId: m.BBB }],
    ["axion@own.example", { role: "supplier", supplierId: axion }],
  ] as const)
    await admin.post("/api/v1/users", { email, password: PASSWORD, ...scope });
  member = new BrowserSession(server.url, "en-US");
  await member.login("aaa@own.example", PASSWORD);
  supplier = new BrowserSession(server.url, "en-US");
  await supplier.login("axion@own.example", PASSWORD);
  adminTab = new BrowserSession(server.url, "en-US");
  await adminTab.login(ADMIN.email, ADMIN.password);

  // The member's tokens, with fixed dates: one active, one expired, one revoked; the supplier's one.
  const insert = (email: string, name: string, hash: string, dates: (string | null)[]) =>
    server.sql(
      `INSERT INTO api_tokens (user_id, name, token_hash, created_at, last_used_at, expires_at, revoked_at)
       VALUES ((SELECT id FROM users WHERE email = ?), ?, ?, ?, ?, ?, ?)`,
      email,
      name,
      hash,
      ...dates,
    );
  insert("aaa@own.example", "nightly sync", "hash-secret-1", [
    "2026-05-01T08:00:00.000Z",
    "2026-06-02T09:00:00.000Z",
    "2099-01-01T00:00:00.000Z",
    null,
  ]);
  insert("aaa@own.example", "Old laptop", "hash-secret-2", [
    "2026-03-01T08:00:00.000Z",
    null,
    "2026-04-01T00:00:00.000Z",
    null,
  ]);
  insert("aaa@own.example", "backup", "hash-secret-3", [
    "2026-04-01T08:00:00.000Z",
    "2026-04-02T10:00:00.000Z",
    "2099-02-01T00:00:00.000Z",
    "2026-04-03T11:00:00.000Z",
  ]);
  insert("axion@own.example", "uploader", "hash-secret-4", [
    "2026-02-01T08:00:00.000Z",
    null,
    "2099-03-01T00:00:00.000Z",
    null,
  ]);
}, 120_000);
afterAll(() => server?.stop());

const RANGE = "from=2026-01&to=2026-02";
const amounts = (body: Json) => body.lines.map((l: Json) => [l.month, l.amountMinor]);

describe("the statement's lines", () => {
  it("are in month order by default, largest first by amount, and one month when filtered", async () => {
    const byMonth = await member.data(`/member/statement?${RANGE}`, "routes/member.statement");
    expect(byMonth.body.sorted).toEqual({ sort: "month", dir: "asc" });
    expect(amounts(byMonth.body)).toEqual([
      ["2026-01", 36_000],
      ["2026-02", 216_000],
    ]);
    const byAmount = await member.data(
      `/member/statement?${RANGE}&sort=amount&dir=desc`,
      "routes/member.statement",
    );
    expect(amounts(byAmount.body)).toEqual([
      ["2026-02", 216_000],
      ["2026-01", 36_000],
    ]);
    const february = await member.data(
      `/member/statement?${RANGE}&month=2026-02&sort=drop;table`,
      "routes/member.statement",
    );
    expect(february.body.sorted).toEqual({ sort: "month", dir: "asc" });
    expect(amounts(february.body)).toEqual([["2026-02", 216_000]]);
    // The statement's summary is the whole range's, whatever the lines' filter.
    expect(february.body.statement.balances[0].earnedMinor).toBe(252_000);
  });

  it("filters by program: another program's id leaves no lines", async () => {
    const none = await adminTab.data(
      `/admin/members/${m.AAA}/statement?${RANGE}&program=999999`,
      "routes/admin.members_.$id.statement",
    );
    expect(none.body.lines).toEqual([]);
  });

  it("download as CSV with the screen's filter and order, for the member and the admin", async () => {
    const path = `/members/${m.AAA}/statement/export?${RANGE}&sort=amount&dir=desc`;
    const rows = await csv(member, path);
    expect(rows).toEqual([
      "Month,Program,Supplier,Currency,Amount,What it is",
      "2026-02,Axion 2026,Axion,USD,2160.00,true-up: tier 2 reached in February 2026 raises January 2026",
      "2026-01,Axion 2026,Axion,USD,360.00,refund for January 2026 at tier 1 (1%)",
    ]);
    expect(await csv(adminTab, path)).toEqual(rows);
    const january = await csv(member, `/members/${m.AAA}/statement/export?${RANGE}&month=2026-01`);
    expect(january).toEqual([rows[0], rows[2]]);
  });

  it("download as XLSX with amounts as numbers; another member's are refused", async () => {
    const rows = await xlsxRows(
      member,
      `/members/${m.AAA}/statement/export?${RANGE}&format=xlsx&sort=amount&dir=asc`,
    );
    expect(rows.map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      ["Month", "Supplier", "Currency", "Amount"],
      ["2026-01", "Axion", "USD", 360],
      ["2026-02", "Axion", "USD", 2160],
    ]);
    expect((await member.get(`/members/${m.BBB}/statement/export?${RANGE}`)).status).toBe(403);
  });
});

const names = (body: Json) => body.tokens.map((t: Json) => t.name);

describe("the API tokens list", () => {
  it("is newest first by default, sorts by name and filters by status and name", async () => {
    const newest = await member.data("/account/tokens", "routes/account_.tokens");
    expect(newest.body.sorted).toEqual({ sort: "created", dir: "desc" });
    expect(names(newest.body)).toEqual(["nightly sync", "backup", "Old laptop"]);
    expect(newest.body.tokens.map((t: Json) => t.status)).toEqual(["active", "revoked", "expired"]);
    expect(JSON.stringify(newest.body)).not.toContain("hash-secret");
    const byName = await member.data("/account/tokens?sort=name&dir=asc", "routes/account_.tokens");
    expect(names(byName.body)).toEqual(["backup", "nightly sync", "Old laptop"]);
    const byUse = await member.data(
      "/account/tokens?sort=lastUsed&dir=desc",
      "routes/account_.tokens",
    );
    expect(names(byUse.body)).toEqual(["nightly sync", "backup", "Old laptop"]);
    const expired = await member.data("/account/tokens?status=expired", "routes/account_.tokens");
    expect([names(expired.body), expired.body.total]).toEqual([["Old laptop"], 1]);
    const active = await member.data("/account/tokens?status=active", "routes/account_.tokens");
    expect(names(active.body)).toEqual(["nightly sync"]);
    const search = await member.data("/account/tokens?q=LAP", "routes/account_.tokens");
    expect(names(search.body)).toEqual(["Old laptop"]);
  });

  it("downloads the screen's list as CSV without any secret", async () => {
    const rows = await csv(member, "/account/tokens/export?sort=expires&dir=asc");
    expect(rows).toEqual([
      "Token name,Created,Last used,Status,Expires,Revoked on",
      "Old laptop,2026-03-01,,Expired,2026-04-01,",
      "nightly sync,2026-05-01,2026-06-02,Active,2099-01-01,",
      "backup,2026-04-01,2026-04-02,Revoked,2099-02-01,2026-04-03",
    ]);
    expect(rows.join("\n")).not.toContain("hash-secret");
  });

  it("downloads the supplier's own tokens as XLSX from the supplier's menu", async () => {
    expect(await xlsxRows(supplier, "/supplier/tokens/export?format=xlsx")).toEqual([
      ["Token name", "Created", "Last used", "Status", "Expires", "Revoked on"],
      ["uploader", "2026-02-01", null, "Active", "2099-03-01", null],
    ]);
    expect((await member.get("/supplier/tokens/export")).status).toBe(403);
  });
});
