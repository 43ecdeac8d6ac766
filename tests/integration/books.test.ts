// Issue 15 items 8 and 9 over HTTP: the ledger and the audit log in words (accounts by name,
// filters by name, sources and targets named and linked, downloads), and bank details that a
// payout batch needs before it can be approved, with confirmations that say what happened.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertActiveReport, specExampleProgram } from "@tests/setup/factories";
import { ApiClient, apiAs, BrowserSession, type Json } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

let server: TestServer;
let admin: ApiClient;
let session: BrowserSession;
let supplierId: number;
let programId: number;
let runId: number;
const member: Record<string, number> = {};
const VALID_CLABE = "002180001234567896";

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  supplierId = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" })).body.id;
  const members = await admin.post("/api/v1/members", [
    {
      name: "Seguridad 97",
      taxId: "AAA",
      country: "MX",
      joinedOn: "2020-01-01",
      bankName: "BBVA",
      bankAccount: VALID_CLABE,
    },
    { name: "Vigilancia 10", taxId: "BBB", country: "MX", joinedOn: "2020-01-01" },
  ]);
  for (const m of members.body) member[m.taxId] = m.id;
  programId = (await admin.post("/api/v1/programs", specExampleProgram(supplierId))).body.id;
  insertActiveReport(server.dbPath, supplierId, "2026-01", [
    { memberTaxId: "AAA", date: "2026-01-10", amountMinor: 6_000_000 },
    { memberTaxId: "BBB", date: "2026-01-12", amountMinor: 2_000_000 },
  ]);
  const preview = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-01" });
  runId = preview.body.id;
  await admin.post(`/api/v1/allocation-runs/${runId}/post`);
  session = new BrowserSession(server.url, "en");
  await session.login(ADMIN.email, ADMIN.password);
}, 120_000);
afterAll(() => server.stop());

describe("the ledger in words", () => {
  it("names each account by its party and each entry by its run", async () => {
    const { status, body } = await session.data("/admin/ledger", "routes/admin.ledger");
    expect(status).toBe(200);
    // January: G 800.00 (Axion owes), N 720.00 split 540.00 / 180.00, fee 80.00.
    expect(
      body.rows.map((r: Json) => [r.named, r.amountMinor]).sort((a: Json, b: Json) => a[1] - b[1]),
    ).toEqual([
      [{ kind: "member", id: member.AAA, name: "Seguridad 97" }, -54_000],
      [{ kind: "member", id: member.BBB, name: "Vigilancia 10" }, -18_000],
      [{ kind: "fee" }, -8_000],
      [{ kind: "supplier", id: supplierId, name: "Axion" }, 80_000],
    ]);
    for (const r of body.rows)
      expect(r.source).toEqual({ kind: "run", id: runId, program: "Axion 2026", month: "2026-01" });
    expect(body.trialBalance.totals).toEqual([{ currency: "USD", amountMinor: 0 }]);
    expect(body.trialBalance.byKind).toEqual([
      { kind: "fee", currency: "USD", balanceMinor: -8_000, accounts: 1 },
      { kind: "member", currency: "USD", balanceMinor: -72_000, accounts: 2 },
      { kind: "supplier", currency: "USD", balanceMinor: 80_000, accounts: 1 },
    ]);
    const html = await (await session.get("/admin/ledger")).text();
    expect(html).toContain("Payable to Seguridad 97");
    expect(html).toContain("Owed by Axion");
    expect(html).not.toContain(`member_payable:${member.AAA}<`);
    expect(html).toContain(`href="/admin/runs/${runId}"`);
    expect(html).toContain(`href="/admin/members/${member.AAA}"`);
  });

  it("finds a party's lines and balance by part of its name", async () => {
    const { body } = await session.data("/admin/ledger?q=segur", "routes/admin.ledger");
    expect(body.total).toBe(1);
    expect(body.rows[0].account).toBe(`member_payable:${member.AAA}`);
    expect(body.trialBalance.accounts).toEqual([
      { account: `member_payable:${member.AAA}`, currency: "USD", balanceMinor: -54_000 },
    ]);
    const none = await session.data("/admin/ledger?q=nobody-by-this-name", "routes/admin.ledger");
    expect(none.body.total).toBe(0);
    const byRun = await session.data(`/admin/ledger?runId=${runId}`, "routes/admin.ledger");
    expect(byRun.body.total).toBe(4);
  });

  it("downloads the filtered lines with names, debits and credits", async () => {
    const res = await session.get("/admin/ledger/export?format=csv&q=Axion");
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("Entry,Date,Kind,From,Account,Currency,Debit,Credit");
    expect(lines[1]).toMatch(/,Allocation,Axion 2026 2026-01,Owed by Axion,USD,800\.00,$/);
    const xlsx = await session.get("/admin/ledger/export?format=xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(5);
    const accounts = [2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(5).value).sort();
    expect(accounts).toEqual([
      "Consortium fee income",
      "Owed by Axion",
      "Payable to Seguridad 97",
      "Payable to Vigilancia 10",
    ]);
  });
});

describe("the audit log in words", () => {
  it("says what was done to whom, found by the target's name", async () => {
    const { body } = await session.data("/admin/audit?q=Axion", "routes/admin.audit");
    const actions = body.rows.map((r: Json) => [r.action, r.target?.name]);
    expect(actions).toContainEqual(["program.create", "Axion 2026"]);
    expect(actions).toContainEqual(["supplier.create", "Axion"]);
    const posted = await session.data("/admin/audit?action=run.post", "routes/admin.audit");
    expect(posted.body.rows).toHaveLength(1);
    expect(posted.body.rows[0].target).toEqual({
      type: "allocation_run",
      id: String(runId),
      name: "Axion 2026 · 2026-01",
    });
    const html = await (await session.get("/admin/audit?action=run.post")).text();
    expect(html).toContain("Posted an allocation run");
    expect(html).toContain(`href="/admin/runs/${runId}"`);
    expect(html).not.toContain("{&quot;");
  });

  it("filters by action area and downloads as CSV", async () => {
    const members = await session.data("/admin/audit?action=member", "routes/admin.audit");
    expect(members.body.rows.every((r: Json) => r.action.startsWith("member."))).toBe(true);
    expect(members.body.total).toBe(2);
    const res = await session.get("/admin/audit/export?format=csv&action=run.post");
    const lines = (await res.text())
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${ADMIN.email},Posted an allocation run,Axion 2026 · 2026-01`);
  });
});

describe("bank details before a payout batch is approved", () => {
  let batchId: number;

  it("shows each line's bank details and refuses approval while one is missing", async () => {
    const built = await admin.post("/api/v1/payout-batches", { currency: "USD", reference: "JAN" });
    expect(built.status).toBe(201);
    batchId = built.body.id;
    const lines = Object.fromEntries(built.body.lines.map((l: Json) => [l.memberName, l.bank]));
    expect(lines).toEqual({
      "Seguridad 97": { ok: true, kind: "clabe" },
      "Vigilancia 10": { ok: false, problem: "missing" },
    });
    const refused = await admin.post(`/api/v1/payout-batches/${batchId}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("bank_details_invalid");
    expect(refused.body.error.details).toEqual({
      members: [{ memberId: member.BBB, name: "Vigilancia 10", problem: "missing" }],
    });
    expect(refused.body.error.message).toContain("Vigilancia 10");
    const page = await session.data(`/admin/payouts/${batchId}`, "routes/admin.payouts.$id");
    expect(page.body.batch.status).toBe("draft");
  });

  it("refuses a CLABE with a wrong check digit on the member's page, and saves a good one", async () => {
    const form = {
      name: "Vigilancia 10",
      taxId: "BBB",
      country: "MX",
      joinedOn: "2020-01-01",
      bankName: "Banorte",
      bankAccount: "002180001234567895",
      bankHolder: "Vigilancia 10 SA",
    };
    const bad = await session.action(
      `/admin/members/${member.BBB}`,
      "routes/admin.members.$id",
      form,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      expect.objectContaining({ path: "bankAccount", message: expect.stringContaining("CLABE") }),
    ]);
    const good = await session.action(`/admin/members/${member.BBB}`, "routes/admin.members.$id", {
      ...form,
      bankAccount: "0721 8000 2222 3333 46",
    });
    expect(good.status).toBe(200);
    expect(good.body).toEqual({ saved: true, name: "Vigilancia 10" });
  });

  it("approves and pays once every line is valid, saying what happened", async () => {
    const approved = await session.action(`/admin/payouts/${batchId}`, "routes/admin.payouts.$id", {
      intent: "approve",
    });
    expect(approved.body).toMatchObject({
      done: "approve",
      status: "approved",
      reference: "JAN",
      totalMinor: 72_000,
      lines: 2,
    });
    const paid = await session.action(`/admin/payouts/${batchId}`, "routes/admin.payouts.$id", {
      intent: "pay",
    });
    expect(paid.body).toMatchObject({ done: "pay", status: "paid", totalMinor: 72_000 });
    expect(paid.body.paidAt).toMatch(/^2\d{3}-\d\d-\d\dT/);
    const html = await (await session.get(`/admin/payouts/${batchId}`)).text();
    expect(html).toContain("Paid on");
  });
});
