// Money out in a real browser: an admin posts a run, records the supplier's payment and builds a
// payout batch; a second admin approves and pays it (four-eyes) and downloads the bank files; a
// member downloads their statement. The files are read back cell by cell.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, screenshot, signIn as signInAs } from "@tests/setup/browser";
import { insertActiveReport, specExampleProgram } from "@tests/setup/factories";
import { apiAs } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const APPROVER = { email: "approver@test.example", password: "approver-password-1" };
const MEMBER = { email: "compras@aaa.example", password: "member-password-1" };
const FORMULA_NAME = '=HYPERLINK("http://x.example","CCC")';
let server: TestServer;
let browser: Browser;
let programId: number;
const ids: Record<string, number> = {};
let batchId: number;

async function signIn(who: { email: string; password: string }, landing: string): Promise<Page> {
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await signInAs(page, server.url, who.email, who.password, landing);
  return page;
}

async function download(page: Page, selector: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return readFileSync((await file.path())!);
}

async function workbook(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  const supplierId = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" }))
    .body.id;
  const members = await admin.post("/api/v1/members", [
    {
      name: "Alarmas AAA",
      taxId: "AAA",
      country: "MX",
      joinedOn: "2020-01-01",
      bankName: "Banorte",
      bankAccount: "072180001234567897",
      bankHolder: "Alarmas AAA SA de CV",
    },
    {
      name: FORMULA_NAME,
      taxId: "CCC",
      country: "MX",
      joinedOn: "2020-01-01",
      bankName: "Banamex",
      bankAccount: "-002180009876543212",
      bankHolder: "+CCC",
    },
    { name: "Domótica DDD", taxId: "DDD", country: "MX", joinedOn: "2020-01-01" },
  ]);
  for (const m of members.body) ids[m.taxId] = m.id;
  programId = (await admin.post("/api/v1/programs", specExampleProgram(supplierId))).body.id;
  await admin.post("/api/v1/users", { ...APPROVER, role: "admin" });
  await admin.post("/api/v1/users", { ...MEMBER, role: "member", memberId: ids.AAA });
  const db = new Database(server.dbPath);
  db.exec(
    "UPDATE settings SET four_eyes = 1; INSERT INTO payout_minimums (currency, amount_minor) VALUES ('USD', 5000)",
  );
  db.close();
  // January (posted through the API): V 80,100.00 at 1 %, N 720.90 = 450 + 270 + 0.90.
  insertActiveReport(server.dbPath, supplierId, "2026-01", [
    { memberTaxId: "AAA", date: "2026-01-10", amountMinor: 5_000_000 },
    { memberTaxId: "CCC", date: "2026-01-12", amountMinor: 3_000_000 },
    { memberTaxId: "DDD", date: "2026-01-20", amountMinor: 10_000 },
  ]);
  const jan = await admin.post("/api/v1/allocation-runs", { programId, month: "2026-01" });
  await admin.post(`/api/v1/allocation-runs/${jan.body.id}/post`);
  // February reaches 2 %: V 180,100.00 lifts January too (posted in the browser below).
  insertActiveReport(server.dbPath, supplierId, "2026-02", [
    { memberTaxId: "AAA", date: "2026-02-03", amountMinor: 10_000_000 },
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("from a posted run to a paid batch", () => {
  let builder: Page;
  let approver: Page;

  it("the admin posts February's run in the browser", async () => {
    builder = await signIn(ADMIN, "/admin");
    await builder.goto(`${server.url}/admin/runs`);
    await builder.selectOption('select[name="programId"]', String(programId));
    await builder.fill('input[name="month"]', "2026-02");
    await builder.click('button:has-text("Preview")');
    await expect.poll(() => builder.locator('[role="status"]').textContent()).toContain("Preview");
    await builder.click('button:text-is("Post")');
    await expect
      .poll(() => builder.locator('[role="status"]').textContent())
      .toBe("Posted to the ledger.");
    await screenshot(builder, "money-run-posted");
  });

  it("records the supplier's payment; more than owed is refused without a note", async () => {
    await builder.goto(`${server.url}/admin/receivables`);
    // Gross posted: 801.00 (January) + 2,801.00 (February) = 3,602.00.
    await expect
      .poll(() => builder.locator(`[data-testid="owed-${programId}"]`).textContent())
      .toBe("$3,602.00");
    await builder.selectOption('select[name="programId"]', String(programId));
    await builder.fill('input[data-name="amountMinor"]', "4000");
    await builder.fill('input[name="reference"]', "TRF-0001");
    await builder.click('button:has-text("Record payment")');
    await expect
      .poll(() => builder.locator('[role="alert"]').textContent())
      .toContain("overpayment note");
    await builder.fill('input[data-name="amountMinor"]', "3602.00");
    await builder.click('button:has-text("Record payment")');
    await expect
      .poll(() => builder.locator('[role="status"]').textContent())
      .toBe("Payment of $3,602.00 from Axion recorded (reference TRF-0001).");
    await expect
      .poll(() => builder.locator(`[data-testid="owed-${programId}"]`).textContent())
      .toBe("$0.00");
    await screenshot(builder, "money-receivables");
  });

  it("builds the USD batch; the small balance carries forward; the builder cannot approve", async () => {
    await builder.goto(`${server.url}/admin/payouts`);
    await builder.fill('input[name="reference"]', "FEB-USD");
    await builder.click('button:has-text("Build a batch")');
    await builder.waitForURL((url) => /^\/admin\/payouts\/\d+$/.test(url.pathname));
    batchId = Number(new URL(builder.url()).pathname.split("/").pop());
    // AAA 450.00 + 2,250.00 = 2,700.00 and CCC 270.00 + 270.00 = 540.00; DDD's 1.80 stays.
    await expect
      .poll(() => builder.locator('[data-testid="batch-total"]').textContent())
      .toBe("$3,240.00");
    await expect
      .poll(() => builder.locator('[data-testid="carried-forward"] tbody tr').textContent())
      .toContain("below the minimum payout");
    expect(await builder.locator('button:has-text("Approve")').count()).toBe(0);
    await screenshot(builder, "money-batch-draft");
  });

  it("a second admin approves, pays once and downloads the bank files", async () => {
    approver = await signIn(APPROVER, "/admin");
    await approver.goto(`${server.url}/admin/payouts/${batchId}`);
    await approver.click('button:has-text("Approve")');
    await expect
      .poll(() => approver.locator("[data-status]").first().textContent())
      .toBe("Approved");
    approver.once("dialog", (d) => d.accept());
    await approver.click('button:has-text("Mark paid")');
    await expect.poll(() => approver.locator("[data-status]").first().textContent()).toBe("Paid");
    await screenshot(approver, "money-batch-paid");

    const xlsx = await workbook(await download(approver, "text=Download XLSX"));
    const sheet = xlsx.worksheets[0];
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "Member",
      "Tax id",
      "Bank",
      "Account / CLABE / IBAN",
      "Account holder",
      "Currency",
      "Amount",
      "Reference",
    ]);
    const ccc = sheet.getRow(2);
    expect(ccc.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(ccc.getCell(1).value).toBe(FORMULA_NAME);
    expect(ccc.getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(ccc.getCell(4).value).toBe("-002180009876543212");
    expect(ccc.getCell(5).value).toBe("+CCC");
    expect(ccc.getCell(7).value).toBe(540);
    expect(ccc.getCell(8).value).toBe(`FEB-USD-${ids.CCC}`);
    const aaa = sheet.getRow(3);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => aaa.getCell(c).value)).toEqual([
      "Alarmas AAA",
      "AAA",
      "Banorte",
      "072180001234567897",
      "Alarmas AAA SA de CV",
      "USD",
      2700,
      `FEB-USD-${ids.AAA}`,
    ]);

    const csv = (await download(approver, "text=Download CSV for the bank")).toString("utf8");
    expect(
      csv
        .replace(/^\ufeff/, "")
        .trim()
        .split("\r\n"),
    ).toEqual([
      "Member,Tax id,Bank,Account / CLABE / IBAN,Account holder,Currency,Amount,Reference",
      `"'=HYPERLINK(""http://x.example"",""CCC"")",CCC,Banamex,'-002180009876543212,'+CCC,USD,540.00,FEB-USD-${ids.CCC}`,
      `Alarmas AAA,AAA,Banorte,072180001234567897,Alarmas AAA SA de CV,USD,2700.00,FEB-USD-${ids.AAA}`,
    ]);
  });

  it("the ledger links the batch to its entry and sums to zero", async () => {
    await approver.click("text=Ledger entry");
    await approver.waitForURL((url) => url.searchParams.get("batchId") === String(batchId));
    await expect.poll(() => approver.locator("tbody tr").count()).toBeGreaterThan(2);
    await expect.poll(() => approver.locator("text=Balanced").count()).toBeGreaterThan(0);
    await screenshot(approver, "money-ledger-batch");
  });
});

describe("the admin's overview", () => {
  it("shows month close and any member's statement, linked to the ledger", async () => {
    const admin = await signIn(ADMIN, "/admin");
    await admin.goto(`${server.url}/admin/month-close?month=2026-02`);
    await expect.poll(() => admin.locator("tbody tr").first().textContent()).toContain("posted");
    await screenshot(admin, "money-month-close");
    await admin.goto(`${server.url}/admin/members/${ids.CCC}/statement?from=2026-01&to=2026-02`);
    await expect
      .poll(() => admin.locator('[data-testid="closing-USD"]').textContent())
      .toBe("$540.00");
    await screenshot(admin, "money-admin-statement");
    await admin.click("text=$270.00 >> nth=0");
    await admin.waitForURL(
      (url) => url.pathname === "/admin/ledger" && url.searchParams.has("entryId"),
    );
    await expect.poll(() => admin.locator("tbody tr").count()).toBeGreaterThan(1);
  });
});

describe("the member's statement", () => {
  it("shows the postings explained and downloads the same figures as XLSX", async () => {
    const member = await signIn(MEMBER, "/member");
    const to = new Date().toISOString().slice(0, 7);
    await member.goto(`${server.url}/member/statement?from=2026-01&to=${to}`);
    await expect
      .poll(() => member.locator('[data-testid="closing-USD"]').textContent())
      .toBe("$0.00");
    await expect
      .poll(() => member.locator("text=true-up: tier 2 reached in February 2026").count())
      .toBe(1);
    await screenshot(member, "money-member-statement");
    const book = await workbook(await download(member, '[data-testid="statement-xlsx"]'));
    const summary = book.getWorksheet("Summary")!;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => summary.getRow(2).getCell(c).value)).toEqual([
      "Alarmas AAA",
      "AAA",
      "2026-01",
      to,
      "USD",
      0,
      2700,
      2700,
      0,
    ]);
    const programs = book.getWorksheet("Programs")!;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => programs.getRow(2).getCell(c).value)).toEqual([
      "Axion 2026",
      "Axion",
      "USD",
      180100,
      2,
      0.02,
      150000,
      2700,
    ]);
    const postings = book.getWorksheet("Postings")!;
    expect(postings.getRow(2).values).toEqual([
      undefined,
      "Axion 2026",
      "2026-01",
      "USD",
      450,
      "refund for January 2026 at tier 1 (1%)",
    ]);
    expect(postings.getRow(3).values).toEqual([
      undefined,
      "Axion 2026",
      "2026-02",
      "USD",
      2250,
      "true-up: tier 2 reached in February 2026 raises January 2026",
    ]);
    const payouts = book.getWorksheet("Payouts")!;
    expect(payouts.getRow(2).values).toEqual([undefined, "FEB-USD", to, "USD", 2700]);
    // The statement's closing balance is the balance API's.
    const api = await apiAs(server.url, MEMBER.email, MEMBER.password);
    const balance = await api.get(`/api/v1/members/${ids.AAA}/balance`);
    expect(balance.body.balances).toEqual([{ currency: "USD", amountMinor: 0 }]);
  });
});
