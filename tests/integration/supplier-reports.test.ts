// The supplier's report screens over HTTP, as the browser calls them (route actions and loaders
// with ?_data): upload, detail figures, the problems XLSX read back cell by cell, the column
// mapping, the template, API tokens, and another supplier kept out.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePath, loadTruth } from "@tests/setup/fixtures";
import { templateHeaders } from "@imports/template";
import { ApiClient, apiAs, BrowserSession, type Json } from "@tests/setup/http";
import { reportForm } from "@tests/setup/reports";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const NEW = "routes/supplier.reports.new";
const DETAIL = "routes/supplier.reports.$id";
const JSON_ACCEPT = { Accept: "application/json" };
const PASSWORD = "supplier-password-1";

let server: TestServer;
let admin: ApiClient;
let norte: BrowserSession;
let other: BrowserSession;
let member: BrowserSession;
let norteId: number;
const truth = loadTruth();

function dbRows(sql: string, ...params: unknown[]): Json[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as Json[];
  } finally {
    db.close();
  }
}

/** Uploads through the upload screen's action as the page's script does (JSON answer). */
function uploadOnScreen(session: BrowserSession, path: string, period: string) {
  return session.action("/supplier/reports/new", NEW, reportForm(path, period), JSON_ACCEPT);
}

async function waitForDetail(session: BrowserSession, id: number): Promise<Json> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await session.data(`/supplier/reports/${id}`, DETAIL);
    expect(res.status).toBe(200);
    if (!["queued", "processing"].includes(res.body.report.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`report ${id} still ${res.body.report.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function uploadAndWait(session: BrowserSession, path: string, period: string) {
  const res = await uploadOnScreen(session, path, period);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return waitForDetail(session, res.body.report.id);
}

async function readWorkbook(body: ArrayBuffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body);
  return workbook;
}

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  norteId = (await admin.post("/api/v1/suppliers", { name: "Norte Cableado", currency: "MXN" }))
    .body.id;
  const otherId = (await admin.post("/api/v1/suppliers", { name: "Otro SA", currency: "USD" })).body
    .id;
  const members = await admin.post(
    "/api/v1/members",
    truth.members.map(({ name, taxId, country, joinedOn }) => ({ name, taxId, country, joinedOn })),
  );
  const memberId = members.body[0].id;
  const accounts = [
    ["norte@test.example", { role: "supplier", supplierId: norteId }],
    ["other@test.example", { role: "supplier", supplierId: otherId }],
    ["member@test.example", { role: "member", memberId }],
  ] as const;
  for (const [email, scope] of accounts) {
    const res = await admin.post("/api/v1/users", { email, password: PASSWORD, ...scope });
    expect(res.status).toBe(201);
  }
  [norte, other, member] = accounts.map(() => new BrowserSession(server.url));
  await norte.login("norte@test.example", PASSWORD);
  await other.login("other@test.example", PASSWORD);
  await member.login("member@test.example", PASSWORD);
}, 120_000);

afterAll(() => server?.stop());

const norteJanuary = truth.lines.filter(
  (l) => l.supplier === "norte" && l.reportMonth === "2026-01",
);
let januaryId: number;

describe("uploading on the screen", () => {
  it("takes norte's January, processes it and shows its exact figures", async () => {
    const detail = await uploadAndWait(
      norte,
      fixturePath("scenario-q1/reports/norte-2026-01.xlsx"),
      "2026-01",
    );
    januaryId = detail.report.id;
    const outside = norteJanuary.filter((l) => !l.invoiceDate.startsWith("2026-01")).length;
    // One warning per customer key that is not a member (truth: XAXX010101000).
    const unmatched = new Set(norteJanuary.filter((l) => l.member === null).map((l) => l.taxId));
    expect([outside, unmatched.size]).toEqual([0, 1]);
    expect(detail.report).toMatchObject({
      period: "2026-01",
      version: 1,
      status: "active",
      fileName: "norte-2026-01.xlsx",
      lines: 36,
      errors: 0,
      warnings: 1,
      currency: "MXN",
      supplierName: "Norte Cableado",
      totals: [{ currency: "MXN", amountMinor: 196006079 }],
      refusal: null,
      progress: null,
      held: 0,
    });
    expect(norteJanuary.length).toBe(36);
    expect(norteJanuary.reduce((a, l) => a + l.amountMinor, 0)).toBe(196006079);
    expect(detail.problemsTotal).toBe(1);
    const lines = norteJanuary.filter((l) => l.member === null).length;
    expect(detail.problems).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "unmatched_customer",
        column: "customerKey",
        message: `Customer ${[...unmatched][0]} (${lines} ${lines === 1 ? "line" : "lines"}) is not matched to a member yet; these lines count once the consortium matches it.`,
      }),
    ]);
    expect(detail.versions).toHaveLength(1);
  });

  it("sends a plain form post (no script) on to the report's page", async () => {
    const res = await norte.post(
      "/supplier/reports/new",
      reportForm(fixturePath("scenario-q1/reports/norte-2026-02.xlsx"), "2026-02"),
    );
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/supplier\/reports\/\d+$/);
    const detail = await waitForDetail(norte, Number(location.split("/").pop()));
    const lines = truth.lines.filter((l) => l.supplier === "norte" && l.reportMonth === "2026-02");
    expect(detail.report).toMatchObject({
      period: "2026-02",
      status: "active",
      lines: lines.length,
    });
    const page = await norte.get(location);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("norte-2026-02.xlsx");
  });

  it("names the field for a missing file and a bad or future month", async () => {
    const noFile = new FormData();
    noFile.set("period", "2026-01");
    let res = await norte.action("/supplier/reports/new", NEW, noFile, JSON_ACCEPT);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "bad_request", field: "file" });
    for (const period of ["2026-13", "January", "2999-01"]) {
      res = await uploadOnScreen(norte, fixturePath("bad/unknown-headers.xlsx"), period);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: "bad_request", field: "period" });
    }
    // Without a script the refusal is the page itself, with its words.
    const page = await norte.post("/supplier/reports/new", noFile);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("Elija el archivo del reporte (XLSX o CSV).");
  });

  it("refuses the same file again naming the earlier report (409)", async () => {
    const english = new BrowserSession(server.url, "en");
    await english.login("norte@test.example", PASSWORD);
    const res = await uploadOnScreen(
      english,
      fixturePath("scenario-q1/reports/norte-2026-01.xlsx"),
      "2026-03",
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "duplicate_file", reportId: januaryId });
    expect(res.body.error.message).toContain(`report #${januaryId}`);
  });

  it("refuses a file over 50 MiB (413) and a file that is not a spreadsheet (422)", async () => {
    const big = new FormData();
    big.set("period", "2026-03");
    // Just over the limit: the whole request is read, then the file refused before parsing.
    big.set("file", new Blob([new Uint8Array(50 * 1024 * 1024 + 1)]), "huge.xlsx");
    let res = await norte.action("/supplier/reports/new", NEW, big, JSON_ACCEPT);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("file_too_large");
    // Far over: refused from its declared length, and the answer still arrives (no reset).
    big.set("file", new Blob([new Uint8Array(80 * 1024 * 1024)]), "huger.xlsx");
    res = await norte.action("/supplier/reports/new", NEW, big, JSON_ACCEPT);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("file_too_large");
    res = await uploadOnScreen(norte, fixturePath("bad/not-a-spreadsheet.xlsx"), "2026-03");
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("not_a_spreadsheet");
  });
});

describe("the months of the year", () => {
  it("shows each month's latest version and marks past months without a report", async () => {
    const res = await norte.data("/supplier?year=2026", "routes/supplier._index");
    expect(res.status).toBe(200);
    const currentMonth = new Date().toISOString().slice(0, 7);
    const months: Json[] = res.body.months;
    expect(months.map((m) => m.period)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`),
    );
    expect(months[0].latest).toMatchObject({
      id: januaryId,
      status: "active",
      lines: 36,
      totals: [{ currency: "MXN", amountMinor: 196006079 }],
    });
    expect(months[0].missing).toBe(false);
    expect(months[1].latest.status).toBe("active");
    for (const m of months.slice(2)) {
      // March on is only uploaded by later tests; nothing counts for it yet.
      expect(m.missing).toBe(m.period < currentMonth && m.latest === null);
      expect(m.notDue).toBe(m.period >= currentMonth);
    }
    const page = await norte.get("/supplier?year=2026");
    const html = await page.text();
    expect(html).toContain('data-testid="supplier-name"');
    expect(html).toContain('href="/supplier/reports/new?period=2026-03"');
  });
});

describe("problems", () => {
  let badId: number;

  it("rejects bad-values.xlsx and lists every problem with sheet, row and column", async () => {
    const detail = await uploadAndWait(norte, fixturePath("bad/bad-values.xlsx"), "2026-03");
    badId = detail.report.id;
    expect(detail.report).toMatchObject({
      status: "rejected",
      lines: 0,
      errors: 6,
      warnings: 0,
      hasProblemFile: true,
    });
    expect(
      detail.problems.map((p: Json) => [p.sheet, p.row, p.column, p.severity, p.code]),
    ).toEqual([
      ["Sales", 3, "Invoice Date", "error", "invalid_date"],
      ["Sales", 4, "Net Amount", "error", "invalid_amount"],
      ["Sales", 5, "Invoice Number", "error", "missing_value"],
      ["Sales", 6, "Customer Tax ID", "error", "missing_value"],
      ["Sales", 7, "Invoice Date", "error", "future_date"],
      ["Sales", 8, "Currency", "error", "unknown_currency"],
    ]);
  });

  it("gives the problems XLSX: the original rows cell by cell plus each row's problems", async () => {
    const res = await norte.get(`/reports/${badId}/problems.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="bad-values-problems.xlsx"; filename*=UTF-8''bad-values-problems.xlsx`,
    );
    const sheet = (await readWorkbook(await res.arrayBuffer())).worksheets[0];
    const original = new ExcelJS.Workbook();
    await original.xlsx.readFile(fixturePath("bad/bad-values.xlsx"));
    const source = original.worksheets[0];
    const detail = await norte.data(`/supplier/reports/${badId}`, DETAIL);
    const messages = new Map<number, string>(
      detail.body.problems.map((p: Json) => [p.row, `Error: ${p.message}`]),
    );
    expect(sheet.rowCount).toBe(8);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      ...(source.getRow(1).values as unknown[]).slice(1),
      "Problem",
      "Original row",
    ]);
    for (let r = 2; r <= 8; r++) {
      const got = sheet.getRow(r);
      const want = source.getRow(r);
      for (let c = 1; c <= 9; c++) {
        const expected = want.getCell(c).value;
        expect(got.getCell(c).value, `row ${r} col ${c}`).toEqual(
          expected === "" ? null : expected,
        );
      }
      expect(got.getCell(10).value ?? null).toBe(messages.get(r) ?? null);
      expect(got.getCell(11).value).toBe(r);
    }
    expect(sheet.getRow(2).getCell(10).value).toBeNull();
    expect(sheet.getRow(3).getCell(10).value).toMatch(/^Error: /);
  });

  it("keeps formula-like texts as text in the problems XLSX", async () => {
    const detail = await uploadAndWait(
      norte,
      fixturePath("tricky/formula-injection.xlsx"),
      "2026-04",
    );
    expect(detail.report.status).toBe("active");
    const res = await norte.get(`/reports/${detail.report.id}/problems.xlsx`);
    expect(res.status).toBe(200);
    const sheet = (await readWorkbook(await res.arrayBuffer())).worksheets[0];
    const row = sheet.getRow(2);
    const texts = [
      [2, '=HYPERLINK("http://example.invalid","x")'],
      [4, "@SUM(1+1)*cmd|' /C calc'!A0"],
      [5, "+SKU"],
      [6, "-Cameras"],
    ] as const;
    for (const [col, text] of texts) {
      const cell = row.getCell(col);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeUndefined();
    }
  });

  it("pages the problems table 50 at a time", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tierpool-problems-"));
    const path = join(dir, "many-bad-amounts.csv");
    const rows = Array.from({ length: 60 }, (_, i) => `2026-06-01,F-${i + 1},ABC010101XYZ,abc`);
    writeFileSync(
      path,
      ["Invoice Date,Invoice Number,Customer Tax ID,Net Amount", ...rows].join("\n"),
    );
    const first = await uploadAndWait(norte, path, "2026-06");
    rmSync(dir, { recursive: true, force: true });
    expect(first.report).toMatchObject({ status: "rejected", errors: 60 });
    const total = first.report.errors + first.report.warnings;
    expect(first).toMatchObject({ problemsTotal: total, page: 1, pageSize: 50 });
    expect(first.problems).toHaveLength(50);
    const second = (await norte.data(`/supplier/reports/${first.report.id}?page=2`, DETAIL)).body;
    expect(second.page).toBe(2);
    expect(second.problems).toHaveLength(total - 50);
    const errorRows = [...first.problems, ...second.problems]
      .filter((p: Json) => p.code === "invalid_amount")
      .map((p: Json) => p.row);
    expect(errorRows).toEqual(Array.from({ length: 60 }, (_, i) => i + 2));
  });

  it("keeps another supplier, a member and strangers out of the report and its file", async () => {
    expect((await other.get(`/supplier/reports/${januaryId}`)).status).toBe(403);
    expect((await other.data(`/supplier/reports/${januaryId}`, DETAIL)).status).toBe(403);
    expect((await other.get(`/reports/${badId}/problems.xlsx`)).status).toBe(403);
    expect((await member.get(`/reports/${badId}/problems.xlsx`)).status).toBe(403);
    expect((await norte.get("/supplier/reports/999999")).status).toBe(404);
    expect((await norte.get("/supplier/reports/not-a-number")).status).toBe(404);
    expect((await norte.get("/reports/999999/problems.xlsx")).status).toBe(404);
    const stranger = await new BrowserSession(server.url).get(`/reports/${badId}/problems.xlsx`);
    expect(stranger.status).toBe(302);
    const adminSession = new BrowserSession(server.url);
    await adminSession.login(ADMIN.email, ADMIN.password);
    expect((await adminSession.data(`/supplier/reports/${badId}`, DETAIL)).status).toBe(200);
    expect((await adminSession.get(`/reports/${badId}/problems.xlsx`)).status).toBe(200);
  });
});

describe("column mapping", () => {
  const MAPPING = "routes/supplier.mapping";
  const picks = {
    "col.0": "invoiceDate",
    "col.1": "invoiceNumber",
    "col.2": "customerKey",
    "col.3": "customerName",
    "col.4": "sku",
    "col.5": "category",
    "col.6": "quantity",
    "col.7": "netAmount",
    "col.8": "currency",
  };

  it("shows the first rows of a file whose header was not found, with the missing fields", async () => {
    const refused = await uploadAndWait(norte, fixturePath("bad/unknown-headers.xlsx"), "2026-05");
    expect(refused.report).toMatchObject({
      status: "rejected",
      refusal: {
        code: "header_not_found",
        missing: ["invoiceDate", "invoiceNumber", "customerKey", "netAmount"],
      },
      hasProblemFile: false,
    });
    const res = await norte.data("/supplier/mapping", MAPPING);
    expect(res.status).toBe(200);
    expect(res.body.saved).toEqual([]);
    expect(res.body.preview).toMatchObject({
      reportId: refused.report.id,
      period: "2026-05",
      fileName: "unknown-headers.xlsx",
      headerRow: 1,
      missing: ["invoiceDate", "invoiceNumber", "customerKey", "netAmount"],
    });
    expect(res.body.preview.rows[0]).toEqual({
      row: 1,
      cells: ["Col A", "Col B", "Col C", "Col D", "Col E", "Col F", "Col G", "Col H", "Col I"],
    });
    expect(res.body.required).toEqual(["invoiceDate", "invoiceNumber", "customerKey", "netAmount"]);
    // The problems file needs rows read under a header: there is none.
    expect((await norte.get(`/reports/${refused.report.id}/problems.xlsx`)).status).toBe(404);
  });

  it("refuses a mapping without every required field, or with a field twice", async () => {
    const { preview } = (await norte.data("/supplier/mapping", MAPPING)).body;
    const res = await norte.action("/supplier/mapping", MAPPING, {
      intent: "save",
      reportId: String(preview.reportId),
      headerRow: "1",
      "col.0": "invoiceDate",
      "col.1": "invoiceDate",
      "col.7": "netAmount",
    });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([
      { path: "col.0", message: "field_twice", field: "invoiceDate" },
      { path: "col.1", message: "field_twice", field: "invoiceDate" },
      { path: "form", message: "required_missing", field: "invoiceNumber" },
      { path: "form", message: "required_missing", field: "customerKey" },
    ]);
    expect((await norte.data("/supplier/mapping", MAPPING)).body.saved).toEqual([]);
  });

  it("saves the mapping (audited); the same file uploaded again becomes active", async () => {
    const { preview } = (await norte.data("/supplier/mapping", MAPPING)).body;
    const res = await norte.action("/supplier/mapping", MAPPING, {
      intent: "save",
      then: "save",
      reportId: String(preview.reportId),
      headerRow: "1",
      ...picks,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ saved: true });
    const saved = (await norte.data("/supplier/mapping", MAPPING)).body.saved;
    expect(saved).toEqual([
      { header: "col a", field: "invoiceDate" },
      { header: "col b", field: "invoiceNumber" },
      { header: "col c", field: "customerKey" },
      { header: "col d", field: "customerName" },
      { header: "col e", field: "sku" },
      { header: "col f", field: "category" },
      { header: "col g", field: "quantity" },
      { header: "col h", field: "netAmount" },
      { header: "col i", field: "currency" },
    ]);
    const audit = dbRows(
      `SELECT actor_email AS who, target_id AS target FROM audit_log WHERE action = 'supplier.mapping.save'`,
    );
    expect(audit).toEqual([{ who: "norte@test.example", target: String(norteId) }]);
    const again = await uploadAndWait(norte, fixturePath("bad/unknown-headers.xlsx"), "2026-05");
    expect(again.report).toMatchObject({
      status: "active",
      version: 2,
      lines: 1,
      errors: 0,
      totals: [{ currency: "USD", amountMinor: 150050 }],
    });
    expect((await norte.data("/supplier/mapping", MAPPING)).body.preview).toBeNull();
  });

  it("saves and processes the stored file again in one step", async () => {
    const refused = await uploadAndWait(other, fixturePath("bad/unknown-headers.xlsx"), "2026-05");
    expect(refused.report.status).toBe("rejected");
    // Another supplier's refused report is not this one's to map.
    const foreign = await norte.action("/supplier/mapping", MAPPING, {
      intent: "save",
      reportId: String(refused.report.id),
      headerRow: "1",
      ...picks,
    });
    expect(foreign.status).toBe(404);
    const res = await other.post("/supplier/mapping", {
      intent: "save",
      then: "reprocess",
      reportId: String(refused.report.id),
      headerRow: "1",
      ...picks,
    });
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("location")!.split("/").pop());
    const detail = await waitForDetail(other, id);
    expect(detail.report).toMatchObject({ status: "active", version: 2, lines: 1 });
  });
});

describe("the template", () => {
  it.each(["en", "es", "pt-BR"] as const)(
    "downloads in %s with the supplier's currency",
    async (lang) => {
      const res = await norte.get(`/supplier/template.xlsx?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      );
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.xlsx"$/);
      const sheet = (await readWorkbook(await res.arrayBuffer())).worksheets[0];
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(templateHeaders(lang));
      expect(sheet.getRow(2).getCell(9).value).toBe("MXN");
    },
  );

  it("defaults to the user's language (Spanish without a setting or browser hint)", async () => {
    const res = await norte.get("/supplier/template.xlsx");
    const sheet = (await readWorkbook(await res.arrayBuffer())).worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(templateHeaders("es"));
  });
});

describe("API tokens", () => {
  const TOKENS = "routes/supplier.tokens";

  it("creates a token shown once, lists it with its last use, and revokes it (audited)", async () => {
    const created = await norte.action("/supplier/tokens", TOKENS, {
      intent: "create",
      name: "ERP",
    });
    expect(created.status).toBe(200);
    const { id, token, name } = created.body.created;
    expect(name).toBe("ERP");
    expect(token).toMatch(/^tp_/);
    const api = new ApiClient(server.url, token);
    expect((await api.get("/api/v1/reports")).status).toBe(200);
    const listed = (await norte.data("/supplier/tokens", TOKENS)).body.tokens;
    const row = listed.find((x: Json) => x.id === id);
    expect(row).toMatchObject({ name: "ERP", revokedAt: null });
    expect(row.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(listed)).not.toContain(token);
    // Another supplier cannot revoke it.
    const foreign = await other.action("/supplier/tokens", TOKENS, {
      intent: "revoke",
      tokenId: String(id),
    });
    expect(foreign.status).toBe(404);
    expect((await api.get("/api/v1/reports")).status).toBe(200);
    const revoked = await norte.action("/supplier/tokens", TOKENS, {
      intent: "revoke",
      tokenId: String(id),
    });
    expect(revoked.body).toEqual({ revoked: id });
    expect((await api.get("/api/v1/reports")).status).toBe(401);
    const audit = dbRows(
      `SELECT action, target_id AS target FROM audit_log WHERE action LIKE 'token.%' ORDER BY id`,
    );
    expect(audit).toEqual([
      { action: "token.create", target: String(id) },
      { action: "token.revoke", target: String(id) },
    ]);
    const empty = await norte.action("/supplier/tokens", TOKENS, { intent: "create", name: " " });
    expect(empty.status).toBe(400);
  });
});

describe("the upload page itself", () => {
  it("defaults to last month and links the template", async () => {
    const html = await (await norte.get("/supplier/reports/new")).text();
    const now = new Date();
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 7);
    expect(html).toContain(`value="${last}"`);
    expect(html).toContain('href="/supplier/template.xlsx"');
    expect(readFileSync(fixturePath("bad/bad-values.xlsx")).length).toBeGreaterThan(0);
  });
});
