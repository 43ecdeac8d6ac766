// Money out over HTTP on a real SQLite file: supplier payments, payout batches (four-eyes, paid
// exactly once), exports read back, statements that agree with the balance API, and the audit log.
// Report lines are written straight into the database (see tests/setup/factories.ts).
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import { insertActiveReport, specExampleProgram } from "@tests/setup/factories";
import { ApiClient, apiAs, BrowserSession } from "@tests/setup/http";

let server: TestServer;
let admin: ApiClient;
let approver: ApiClient;
let approverTab: BrowserSession;
let supplierId: number;
let programId: number;
const m = {} as Record<"AAA" | "BBB" | "CCC" | "DDD", number>;
let memberA: ApiClient;
let memberB: ApiClient;
let supplierUser: ApiClient;
const thisMonth = new Date().toISOString().slice(0, 7);

const sql = <T>(query: string, ...args: unknown[]) => server.sql<T>(query, ...args);
const count = (where: string) =>
  sql<{ n: number }>(`SELECT count(*) n FROM journal_entries WHERE ${where}`)[0].n;

async function ledgerIsZero() {
  const tb = await admin.get("/api/v1/ledger/trial-balance");
  const rows: { currency: string; balanceMinor: number }[] = tb.body.accounts ?? tb.body;
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.currency, (sums.get(r.currency) ?? 0) + r.balanceMinor);
  for (const total of sums.values()) expect(total).toBe(0);
  return rows;
}

async function balance(memberId: number) {
  const res = await admin.get(`/api/v1/members/${memberId}/balance`);
  return res.body.balances.find((b: { currency: string }) => b.currency === "USD")?.amountMinor;
}

async function post(month: string) {
  const preview = await admin.post("/api/v1/allocation-runs", { programId, month });
  expect(preview.status).toBe(201);
  expect((await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`)).status).toBe(200);
  return preview.body;
}

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  supplierId = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" })).body.id;
  const other = (await admin.post("/api/v1/suppliers", { name: "Norte", currency: "MXN" })).body.id;
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
      name: "Biometría BBB",
      taxId: "BBB",
      country: "MX",
      joinedOn: "2020-01-01",
      // Payouts need an account its country's check accepts (a CLABE in Mexico).
      bankAccount: "012180009876543215",
    },
    {
      name: '=HYPERLINK("http://x.example","CCC")',
      taxId: "CCC",
      country: "MX",
      joinedOn: "2020-01-01",
      bankName: "@Bank",
      bankAccount: "-002180008888999907",
      bankHolder: "-CCC",
    },
    { name: "Domótica DDD", taxId: "DDD", country: "MX", joinedOn: "2020-01-01" },
  ]);
  expect(members.status).toBe(201);
  for (const row of members.body) m[row.taxId as keyof typeof m] = row.id;
  programId = (await admin.post("/api/v1/programs", specExampleProgram(supplierId))).body.id;
  await admin.post("/api/v1/programs", {
    ...specExampleProgram(other),
    name: "Norte 2026",
    currency: "MXN",
  });
  await admin.post("/api/v1/users", {
    email: "second@admin.example",
    password: "second-admin-1",
    role: "admin",
  });
  approver = await apiAs(server.url, "second@admin.example", "second-admin-1");
  approverTab = new BrowserSession(server.url);
  await approverTab.login("second@admin.example", "second-admin-1");
  for (const [email, scope] of [
    ["a@member.example", { role: "member", memberId: m.AAA }],
    ["b@member.example", { role: "member", memberId: m.BBB }],
    ["s@supplier.example", { role: "supplier", supplierId }],
  ] as const) {
    await admin.post("/api/v1/users", { email, password: "member-password-1", ...scope });
  }
  memberA = await apiAs(server.url, "a@member.example", "member-password-1");
  memberB = await apiAs(server.url, "b@member.example", "member-password-1");
  supplierUser = await apiAs(server.url, "s@supplier.example", "member-password-1");
  sql("UPDATE settings SET four_eyes = 1");
  sql("INSERT INTO payout_minimums (currency, amount_minor) VALUES ('USD', 5000)");

  // January: V 81,000.00 at 1 % → N 729.00 = 360 + 180 + 180 + 9 (all exact).
  insertActiveReport(server.dbPath, supplierId, "2026-01", [
    { memberTaxId: "AAA", date: "2026-01-10", amountMinor: 4_000_000 },
    { memberTaxId: "BBB", date: "2026-01-12", amountMinor: 2_000_000 },
    { memberTaxId: "CCC", date: "2026-01-20", amountMinor: 2_000_000 },
    { memberTaxId: "DDD", date: "2026-01-21", amountMinor: 100_000 },
  ]);
  await post("2026-01");
  // February: V 181,000.00 reaches 2 %; N 3,258.00 = 18.00 per 1,000.00 of volume.
  insertActiveReport(server.dbPath, supplierId, "2026-02", [
    { memberTaxId: "AAA", date: "2026-02-03", amountMinor: 10_000_000 },
  ]);
  const feb = await post("2026-02");
  expect(feb.posting).toEqual({ grossMinor: 281_000, feeMinor: 28_100, netMinor: 252_900 });
}, 120_000);
afterAll(() => server.stop());

describe("balances after the runs", () => {
  it("are exact to the cent", async () => {
    expect(await balance(m.AAA)).toBe(252_000);
    expect(await balance(m.BBB)).toBe(36_000);
    expect(await balance(m.CCC)).toBe(36_000);
    expect(await balance(m.DDD)).toBe(1_800);
  });
});

describe("supplier receivables and payments", () => {
  it("shows what the supplier owes per program: posted gross less payments", async () => {
    const res = await admin.get(`/api/v1/receivables?supplierId=${supplierId}`);
    expect(res.body).toEqual([
      expect.objectContaining({
        programId,
        currency: "USD",
        pooledVolumeMinor: 18_100_000,
        tierIndex: 1,
        rateBps: 200,
        lastPostedMonth: "2026-02",
        postedMinor: 362_000,
        paidMinor: 0,
        owedMinor: 362_000,
      }),
    ]);
  });

  it("refuses zero, negative and fractional amounts with 400, and posts nothing", async () => {
    for (const amountMinor of [0, -100, 10.5]) {
      const res = await admin.post("/api/v1/supplier-payments", {
        programId,
        amountMinor,
        receivedOn: "2026-03-05",
        reference: "TRF-1",
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toMatch(/amount_invalid|bad_request/);
    }
    expect(count("kind = 'supplier_payment'")).toBe(0);
  });

  it("refuses more than owed without an overpayment note (400), and posts nothing", async () => {
    const res = await admin.post("/api/v1/supplier-payments", {
      programId,
      amountMinor: 362_001,
      receivedOn: "2026-03-05",
      reference: "TRF-1",
    });
    expect(res).toMatchObject({
      status: 400,
      body: { error: { code: "overpayment_note_required", details: { owedMinor: 362_000 } } },
    });
    expect(count("kind = 'supplier_payment'")).toBe(0);
  });

  it("records a payment as Dr cash, Cr supplier_receivable, then an overpayment with a note", async () => {
    const first = await admin.post("/api/v1/supplier-payments", {
      programId,
      amountMinor: 300_000,
      receivedOn: "2026-03-05",
      reference: "TRF-1",
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ supplierId, currency: "USD", amountMinor: 300_000 });
    const lines = sql<{ account: string; amount_minor: number; month: string }>(
      "SELECT account, amount_minor, month FROM journal_lines WHERE entry_id = ? ORDER BY id",
      first.body.entryId,
    );
    expect(lines).toEqual([
      { account: "cash:USD", amount_minor: 300_000, month: "2026-03" },
      { account: `supplier_receivable:${supplierId}`, amount_minor: -300_000, month: "2026-03" },
    ]);
    const over = await admin.post("/api/v1/supplier-payments", {
      programId,
      amountMinor: 70_000,
      receivedOn: "2026-03-20",
      reference: "TRF-2",
      overpaymentNote: "Advance on March",
    });
    expect(over.status).toBe(201);
    const res = await admin.get(`/api/v1/receivables?supplierId=${supplierId}`);
    expect(res.body[0]).toMatchObject({
      postedMinor: 362_000,
      paidMinor: 370_000,
      owedMinor: -8_000,
    });
    expect((await admin.get("/api/v1/supplier-payments")).body).toHaveLength(2);
    await ledgerIsZero();
  });

  it("shows the supplier its own programs only, and refuses it the payments API", async () => {
    const own = await supplierUser.get("/api/v1/receivables?supplierId=999");
    expect(own.body.map((r: { programId: number }) => r.programId)).toEqual([programId]);
    expect((await supplierUser.post("/api/v1/supplier-payments", {})).status).toBe(403);
  });
});

describe("payout batches", () => {
  let batchId: number;

  it("proposes members at or above the minimum; the rest carries forward", async () => {
    const res = await admin.post("/api/v1/payout-batches", {
      currency: "USD",
      reference: "MARCH-USD",
    });
    expect(res.status).toBe(201);
    batchId = res.body.id;
    expect(res.body).toMatchObject({ status: "draft", currency: "USD", totalMinor: 324_000 });
    expect(
      res.body.lines.map((l: { memberId: number; amountMinor: number }) => [
        l.memberId,
        l.amountMinor,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [m.AAA, 252_000],
        [m.BBB, 36_000],
        [m.CCC, 36_000],
      ]),
    );
    expect(res.body.lines).toHaveLength(3);
    const detail = await admin.get(`/api/v1/payout-batches/${batchId}`);
    expect(detail.body.carriedForward).toEqual([
      expect.objectContaining({ memberId: m.DDD, balanceMinor: 1_800, reason: "below_minimum" }),
    ]);
  });

  it("refuses a member already in an open batch (409), whether named or proposed", async () => {
    const named = await approver.post("/api/v1/payout-batches", {
      currency: "USD",
      memberIds: [m.AAA],
    });
    expect(named).toMatchObject({ status: 409, body: { error: { code: "member_reserved" } } });
    const all = await approver.post("/api/v1/payout-batches", { currency: "USD" });
    expect(all).toMatchObject({ status: 409, body: { error: { code: "member_reserved" } } });
    expect(sql("SELECT id FROM payout_batches")).toHaveLength(1);
  });

  it("refuses the builder's own approval under four-eyes (403) and paying a draft (409)", async () => {
    const own = await admin.post(`/api/v1/payout-batches/${batchId}/approve`);
    expect(own).toMatchObject({ status: 403, body: { error: { code: "batch_four_eyes" } } });
    const draft = await approver.post(`/api/v1/payout-batches/${batchId}/pay`);
    expect(draft).toMatchObject({ status: 409, body: { error: { code: "batch_not_approved" } } });
    expect(count(`payout_batch_id = ${batchId}`)).toBe(0);
  });

  it("drops a line: its balance is released for another batch, which can be cancelled", async () => {
    const dropped = await admin.post(`/api/v1/payout-batches/${batchId}/drop`, {
      memberId: m.BBB,
    });
    expect(dropped.status).toBe(200);
    expect(dropped.body.totalMinor).toBe(288_000);
    const second = await approver.post("/api/v1/payout-batches", {
      currency: "USD",
      memberIds: [m.BBB],
    });
    expect(second.status).toBe(201);
    expect(second.body.totalMinor).toBe(36_000);
    expect((await approver.post(`/api/v1/payout-batches/${second.body.id}/cancel`)).status).toBe(
      200,
    );
    const paid = await admin.post(`/api/v1/payout-batches/${second.body.id}/pay`);
    expect(paid).toMatchObject({ status: 409, body: { error: { code: "batch_cancelled" } } });
    expect(count(`payout_batch_id = ${second.body.id}`)).toBe(0);
  });

  it("is approved by the second admin and then cannot be changed", async () => {
    const ok = await approver.post(`/api/v1/payout-batches/${batchId}/approve`);
    expect(ok.body).toMatchObject({ status: "approved", approvedByEmail: "second@admin.example" });
    const drop = await admin.post(`/api/v1/payout-batches/${batchId}/drop`, { memberId: m.AAA });
    expect(drop).toMatchObject({ status: 409, body: { error: { code: "batch_not_draft" } } });
  });

  it("is paid exactly once: two clicks, two tabs and a retried API call at the same time", async () => {
    const tab = () =>
      approverTab.action(`/admin/payouts/${batchId}`, "routes/admin.payouts.$id", {
        intent: "pay",
      });
    const results = await Promise.all([
      admin.post(`/api/v1/payout-batches/${batchId}/pay`),
      approver.post(`/api/v1/payout-batches/${batchId}/pay`, { paidOn: "2026-03-31" }),
      tab(),
      tab(),
      admin.post(`/api/v1/payout-batches/${batchId}/pay`),
    ]);
    // One of them pays; the others are told it is already paid (a tab's form failure is a 409 too).
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409))
      expect(JSON.stringify(r.body)).toContain("batch_already_paid");
    expect(count(`payout_batch_id = ${batchId}`)).toBe(1);
    const retry = await admin.post(`/api/v1/payout-batches/${batchId}/pay`);
    expect(retry).toMatchObject({ status: 409, body: { error: { code: "batch_already_paid" } } });
    expect(count(`payout_batch_id = ${batchId}`)).toBe(1);
  });

  it("posted Dr member_payable, Cr cash and left the ledger at zero", async () => {
    expect(await balance(m.AAA)).toBe(0);
    expect(await balance(m.BBB)).toBe(36_000);
    expect(await balance(m.CCC)).toBe(0);
    expect(await balance(m.DDD)).toBe(1_800);
    const rows = await ledgerIsZero();
    expect(rows.find((r) => (r as { account?: string }).account === "cash:USD")).toMatchObject({
      balanceMinor: 370_000 - 288_000,
    });
    const cancel = await admin.post(`/api/v1/payout-batches/${batchId}/cancel`);
    expect(cancel).toMatchObject({ status: 409, body: { error: { code: "batch_already_paid" } } });
  });

  it("exports CSV for the bank with bank details, formula-safe", async () => {
    const res = await fetch(`${server.url}/api/v1/payout-batches/${batchId}/export.csv`, {
      headers: { Authorization: `Bearer ${admin.token}`, "Accept-Language": "en" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = (await res.text()).replace(/^\ufeff/, "");
    const rows = text.trim().split("\r\n");
    expect(rows[0]).toBe(
      "Member,Tax id,Bank,Account / CLABE / IBAN,Account holder,Currency,Amount,Reference",
    );
    expect(rows.slice(1)).toEqual([
      `"'=HYPERLINK(""http://x.example"",""CCC"")",CCC,'@Bank,'-002180008888999907,'-CCC,USD,360.00,MARCH-USD-${m.CCC}`,
      `Alarmas AAA,AAA,Banorte,072180001234567897,Alarmas AAA SA de CV,USD,2520.00,MARCH-USD-${m.AAA}`,
    ]);
  });

  it("exports XLSX with text cells as text and amounts as numbers", async () => {
    const res = await fetch(`${server.url}/api/v1/payout-batches/${batchId}/export.xlsx`, {
      headers: { Authorization: `Bearer ${admin.token}`, "Accept-Language": "en" },
    });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0];
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
    expect(ccc.getCell(1).value).toBe('=HYPERLINK("http://x.example","CCC")');
    expect(ccc.getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(ccc.getCell(4).value).toBe("-002180008888999907");
    expect(ccc.getCell(7).value).toBe(360);
    expect(sheet.getRow(3).getCell(7).value).toBe(2520);
    expect(sheet.getRow(3).getCell(8).value).toBe(`MARCH-USD-${m.AAA}`);
    expect(sheet.rowCount).toBe(3);
  });
});

describe("member statements", () => {
  it("agree with the ledger and with GET /members/:id/balance", async () => {
    const res = await memberA.get(
      `/api/v1/members/${m.AAA}/statement?from=2026-01&to=${thisMonth}`,
    );
    expect(res.status).toBe(200);
    const s = res.body;
    const bal = await memberA.get(`/api/v1/members/${m.AAA}/balance`);
    expect(s.balances).toEqual([
      {
        currency: "USD",
        openingMinor: 0,
        earnedMinor: 252_000,
        paidOutMinor: 252_000,
        closingMinor: bal.body.balances[0].amountMinor,
      },
    ]);
    expect(s.programs).toEqual([
      expect.objectContaining({
        programId,
        pooledVolumeMinor: 18_100_000,
        tierIndex: 1,
        rateBps: 200,
        memberVolumeMinor: 14_000_000,
        earnedMinor: 252_000,
      }),
    ]);
    expect(
      s.programs[0].postings.map((p: { amountMinor: number; explanation: unknown }) => [
        p.amountMinor,
        p.explanation,
      ]),
    ).toEqual([
      [36_000, { code: "regular", month: "2026-01", tier: 1, rateBps: 100 }],
      [216_000, { code: "tier_up", month: "2026-02", tier: 2, from: "2026-01", to: "2026-01" }],
    ]);
    expect(s.payouts).toEqual([
      expect.objectContaining({ reference: "MARCH-USD", amountMinor: 252_000 }),
    ]);
  });

  it("opens a later range with the balance before it", async () => {
    const res = await admin.get(`/api/v1/members/${m.BBB}/statement?from=2026-02&to=2026-02`);
    expect(res.body.balances).toEqual([
      {
        currency: "USD",
        openingMinor: 18_000,
        earnedMinor: 18_000,
        paidOutMinor: 0,
        closingMinor: 36_000,
      },
    ]);
  });

  it("refuses another member's statement (403) and a backwards range (400)", async () => {
    expect((await memberB.get(`/api/v1/members/${m.AAA}/statement`)).status).toBe(403);
    const other = new BrowserSession(server.url);
    await other.login("b@member.example", "member-password-1");
    expect((await other.get(`/members/${m.AAA}/statement.xlsx`)).status).toBe(403);
    const backwards = await admin.get(`/api/v1/members/${m.AAA}/statement?from=2026-03&to=2026-01`);
    expect(backwards).toMatchObject({
      status: 400,
      body: { error: { code: "statement_range_invalid" } },
    });
  });
});

describe("the screens' data", () => {
  let adminTab: BrowserSession;
  beforeAll(async () => {
    adminTab = new BrowserSession(server.url);
    await adminTab.login(ADMIN.email, ADMIN.password);
  });

  it("refuses a negative payment typed in the receivables form, and posts nothing", async () => {
    const before = count("kind = 'supplier_payment'");
    const res = await adminTab.action("/admin/receivables", "routes/admin.receivables", {
      programId: String(programId),
      amount: "-10.00",
      receivedOn: "2026-03-30",
      reference: "TRF-3",
    });
    expect(res).toMatchObject({ status: 400, body: { code: "amount_invalid" } });
    const garbage = await adminTab.action("/admin/receivables", "routes/admin.receivables", {
      programId: String(programId),
      amount: "12.345",
      receivedOn: "2026-03-30",
      reference: "TRF-3",
    });
    expect(garbage.status).toBe(400);
    expect(count("kind = 'supplier_payment'")).toBe(before);
  });

  it("shows month close per supplier: report arrived, run posted, what is unpaid", async () => {
    const res = await adminTab.data("/admin/month-close?month=2026-02", "routes/admin.month-close");
    expect(res.status).toBe(200);
    const axion = res.body.suppliers.find(
      (s: { supplierId: number }) => s.supplierId === supplierId,
    );
    expect(axion).toMatchObject({ reportArrived: true, allPosted: true });
    expect(axion.programs).toEqual([
      expect.objectContaining({
        id: programId,
        postedMinor: 362_000,
        paidMinor: 370_000,
        owedMinor: -8_000,
      }),
    ]);
    const norte = res.body.suppliers.find(
      (s: { supplierName: string }) => s.supplierName === "Norte",
    );
    expect(norte).toMatchObject({ reports: [], reportArrived: false, allPosted: false });
  });

  it("filters the ledger by payout batch, supplier payment and entry", async () => {
    const [batch] = sql<{ id: number }>("SELECT id FROM payout_batches WHERE status = 'paid'");
    const byBatch = await adminTab.data(`/admin/ledger?batchId=${batch.id}`, "routes/admin.ledger");
    expect(
      byBatch.body.rows
        .map((r: { account: string; amountMinor: number }) => [r.account, r.amountMinor])
        .sort(),
    ).toEqual(
      [
        ["cash:USD", -288_000],
        [`member_payable:${m.AAA}`, 252_000],
        [`member_payable:${m.CCC}`, 36_000],
      ].sort(),
    );
    const byPayment = await adminTab.data("/admin/ledger?paymentId=1", "routes/admin.ledger");
    expect(byPayment.body.total).toBe(2);
    const exact = await adminTab.data(
      `/admin/ledger?account=member_payable:${m.AAA}`,
      "routes/admin.ledger",
    );
    expect(new Set(exact.body.rows.map((r: { account: string }) => r.account))).toEqual(
      new Set([`member_payable:${m.AAA}`]),
    );
  });

  it("finds money actions in the audit log by what and who", async () => {
    const res = await adminTab.data(
      "/admin/audit?action=payout_batch.approve&who=second",
      "routes/admin.audit",
    );
    expect(res.body.total ?? res.body.rows.length).toBeGreaterThanOrEqual(1);
  });

  it("gives the supplier its refunds as XLSX, the same figures as the screen", async () => {
    const tab = new BrowserSession(server.url);
    await tab.login("s@supplier.example", "member-password-1");
    const screen = await tab.data("/supplier/refunds", "routes/supplier.refunds");
    expect(screen.body.rows).toEqual([
      expect.objectContaining({ programId, pooledVolumeMinor: 18_100_000, owedMinor: -8_000 }),
    ]);
    const res = await tab.get("/supplier/refunds.xlsx");
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const row = book.worksheets[0].getRow(2);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => row.getCell(c).value)).toEqual([
      "Axion 2026",
      "USD",
      "2026-02",
      181_000,
      2,
      0.02,
      3_620,
      3_700,
      -80,
    ]);
  });
});

describe("a clawback between building and paying", () => {
  it("refuses a batch reference the bank has already seen (409)", async () => {
    const again = await admin.post("/api/v1/payout-batches", {
      currency: "USD",
      reference: "MARCH-USD",
    });
    expect(again).toMatchObject({
      status: 409,
      body: { error: { code: "batch_reference_taken" } },
    });
  });

  it("refuses to pay more than the balance now (409) and posts nothing", async () => {
    const built = await admin.post("/api/v1/payout-batches", {
      currency: "USD",
      memberIds: [m.BBB],
    });
    expect(built.status).toBe(201);
    expect((await approver.post(`/api/v1/payout-batches/${built.body.id}/approve`)).status).toBe(
      200,
    );
    // March: a credit note of 10,000.00 for BBB takes back half its refund.
    insertActiveReport(server.dbPath, supplierId, "2026-03", [
      { memberTaxId: "BBB", date: "2026-03-02", amountMinor: -1_000_000 },
    ]);
    const march = await post("2026-03");
    expect(march.members.find((x: { memberId: number }) => x.memberId === m.BBB).postingMinor).toBe(
      -18_000,
    );
    const pay = await admin.post(`/api/v1/payout-batches/${built.body.id}/pay`);
    expect(pay).toMatchObject({ status: 409, body: { error: { code: "payout_exceeds_balance" } } });
    expect(count(`payout_batch_id = ${built.body.id}`)).toBe(0);
    expect(await balance(m.BBB)).toBe(18_000);
    const s = await admin.get(`/api/v1/members/${m.BBB}/statement?from=2026-03&to=2026-03`);
    expect(s.body.programs[0].postings).toEqual([
      expect.objectContaining({
        amountMinor: -18_000,
        explanation: { code: "correction", month: "2026-03" },
      }),
    ]);
    expect((await admin.post(`/api/v1/payout-batches/${built.body.id}/cancel`)).status).toBe(200);
    await ledgerIsZero();
  });
});

describe("the audit log", () => {
  it("records every money action", () => {
    const actions = sql<{ action: string }>("SELECT action FROM audit_log").map((r) => r.action);
    for (const a of [
      "supplier_payment.record",
      "payout_batch.build",
      "payout_batch.drop",
      "payout_batch.approve",
      "payout_batch.pay",
      "payout_batch.cancel",
      "payout_batch.export",
    ])
      expect(actions).toContain(a);
    expect(actions.filter((a) => a === "payout_batch.pay")).toHaveLength(1);
  });
});
