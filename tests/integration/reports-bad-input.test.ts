// Bad uploads over HTTP: each bad fixture is refused with a message naming the problem, and the
// supplier's active version of the month stays exactly as it was; tricky files are accepted;
// scope, period, size and double-click mistakes are refused with the right status.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixturePath, loadTruth } from "@tests/setup/fixtures";
import { apiAs, type ApiClient, type Json } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import { ingest, reportForm, uploadReport, waitForReport } from "@tests/setup/reports";

const MONTH = "2026-03";
const GOOD = fixturePath("scenario-q1/reports/axion-2026-03.xlsx");
const today = () => new Date().toISOString().slice(0, 10);

let server: TestServer;
/** The server's temp dir for uploads in flight (TMPDIR), to see that refused files leave nothing. */
let uploadsTmp: string;
let scratch: string;
let admin: ApiClient;
let axion: ApiClient;
let norte: ApiClient;
let member: ApiClient;
const ids = { axion: 0, norte: 0, good: 0 };

function query<T = Json>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Everything that makes the good version count: its status, its lines and its totals. */
function goodVersionState() {
  return {
    active: query(
      `SELECT id FROM reports WHERE supplier_id = ? AND period = ? AND status = 'active'`,
      ids.axion,
      MONTH,
    ),
    lines: query(`SELECT * FROM report_lines WHERE supplier_id = ? ORDER BY id`, ids.axion),
    totals: query(`SELECT * FROM line_totals WHERE supplier_id = ? ORDER BY rowid`, ids.axion),
  };
}
let before: ReturnType<typeof goodVersionState>;

function storedFiles(): string[] {
  const dir = join(server.dir, "reports");
  return readdirSync(dir).sort();
}

function uploadsInFlight(): string[] {
  const dir = join(uploadsTmp, "tierpool-uploads");
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "tierpool-bad-input-"));
  uploadsTmp = join(dir, "tmp");
  mkdirSync(uploadsTmp);
  scratch = mkdtempSync(join(tmpdir(), "tierpool-bad-input-files-"));
  server = await startServer({ dir, env: { TMPDIR: uploadsTmp } });
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  ids.axion = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" })).body.id;
  ids.norte = (await admin.post("/api/v1/suppliers", { name: "Norte", currency: "USD" })).body.id;
  const truth = loadTruth();
  const members = await admin.post(
    "/api/v1/members",
    truth.members.map(({ name, taxId, country, joinedOn }) => ({ name, taxId, country, joinedOn })),
  );
  const users = [
    {
      email: "s@axion.example",
      password: "axion-password-1",
      role: "supplier",
      supplierId: ids.axion,
    },
    {
      email: "s@norte.example",
      password: "norte-password-1",
      role: "supplier",
      supplierId: ids.norte,
    },
    {
      email: "m@member.example",
      password: "member-password-1",
      role: "member",
      memberId: members.body[0].id,
    },
  ];
  for (const user of users) expect((await admin.post("/api/v1/users", user)).status).toBe(201);
  axion = await apiAs(server.url, users[0].email, users[0].password);
  norte = await apiAs(server.url, users[1].email, users[1].password);
  member = await apiAs(server.url, users[2].email, users[2].password);

  const good = await ingest(axion, GOOD, MONTH);
  expect([good.status, good.errors]).toEqual(["active", 0]);
  ids.good = good.id;
  before = goodVersionState();
  expect(before.active).toEqual([{ id: good.id }]);
  expect(before.lines.length).toBe(good.lines);
  expect(before.totals.length).toBeGreaterThan(0);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function expectGoodVersionUnchanged() {
  expect(goodVersionState()).toEqual(before);
}

describe("bad files are refused and change nothing", () => {
  it.each([
    [
      "bad/not-a-spreadsheet.xlsx",
      "not_a_spreadsheet",
      '"not-a-spreadsheet.xlsx" is named like an Excel file but is not one (it is not an XLSX workbook). Open it in Excel and save it as .xlsx, or upload it as CSV.',
    ],
    ["bad/empty.csv", "file_empty", "The file is empty."],
    [
      "bad/truncated.xlsx",
      "truncated_file",
      "The file is damaged or incomplete (its zip directory cannot be read). Save it again from Excel and upload it again.",
    ],
    [
      "bad/zip-bomb.xlsx",
      "zip_bomb",
      'The workbook part "xl/worksheets/sheet1.xml" would expand 1029 times (the limit is 100); the file looks like a zip bomb and was not opened.',
    ],
  ])("%s is refused at once: 422 %s, no report", async (file, code, message) => {
    const reportsBefore = query(`SELECT id FROM reports`);
    const files = storedFiles();
    const res = await uploadReport(axion, fixturePath(file), MONTH);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ error: { code, message } });
    expect(query(`SELECT id FROM reports`)).toEqual(reportsBefore);
    expect(storedFiles()).toEqual(files);
    expect(uploadsInFlight()).toEqual([]);
    expectGoodVersionUnchanged();
  });

  it("bad-values.xlsx is read and rejected, every problem listed with its sheet, row and column", async () => {
    const res = await uploadReport(axion, fixturePath("bad/bad-values.xlsx"), MONTH);
    expect(res.status).toBe(202);
    const report = await waitForReport(axion, res.body.id);
    expect(report).toMatchObject({
      status: "rejected",
      period: MONTH,
      rows: 7,
      lines: 0,
      errors: 6,
      warnings: 0,
      message:
        "6 errors found: nothing of this version counts, and the previous version (if any) stays active. Fix the rows listed and upload the file again.",
    });
    const problem = (row: number, column: string, code: string, message: string) => ({
      sheet: "Sales",
      row,
      column,
      severity: "error",
      code,
      message: `Row ${row}, column "${column}": ${message}`,
    });
    expect(report.problems).toEqual([
      problem(
        3,
        "Invoice Date",
        "invalid_date",
        '"32/13/2026" is not a valid date (use dd/mm/yyyy or yyyy-mm-dd).',
      ),
      problem(
        4,
        "Net Amount",
        "invalid_amount",
        '"twelve" is not a valid amount (write it like 1,234.56).',
      ),
      problem(5, "Invoice Number", "missing_value", "the invoice number is missing."),
      problem(6, "Customer Tax ID", "missing_value", "the customer tax id or account is missing."),
      problem(
        7,
        "Invoice Date",
        "future_date",
        `the invoice date 2099-01-01 is after today (${today()}).`,
      ),
      problem(
        8,
        "Currency",
        "unknown_currency",
        '"XYZ" is not a currency we know. Use a 3-letter code such as USD, MXN or BRL.',
      ),
    ]);
    expect(query(`SELECT count(*) AS n FROM report_lines WHERE report_id = ?`, report.id)).toEqual([
      { n: 0 },
    ]);
    expectGoodVersionUnchanged();
  });

  it("unknown-headers.xlsx is rejected, asking for a column mapping", async () => {
    const res = await uploadReport(axion, fixturePath("bad/unknown-headers.xlsx"), MONTH);
    expect(res.status).toBe(202);
    const report = await waitForReport(axion, res.body.id);
    expect(report).toMatchObject({
      status: "rejected",
      rows: 0,
      lines: 0,
      errors: 1,
      problems: [],
      message:
        "We could not find the header row in the first 30 rows of any sheet (no column found for: invoice date, invoice number, customer tax id or account, net amount). Tell us once which column holds what; we will remember it.",
    });
    expectGoodVersionUnchanged();
  });

  it("after all of them the good version is still the one active, with exactly its lines", async () => {
    const statuses = query(
      `SELECT id, status FROM reports WHERE supplier_id = ? AND period = ? ORDER BY id`,
      ids.axion,
      MONTH,
    );
    expect(statuses).toEqual([
      { id: ids.good, status: "active" },
      { id: ids.good + 1, status: "rejected" },
      { id: ids.good + 2, status: "rejected" },
    ]);
    expect((await axion.get(`/api/v1/reports/${ids.good}`)).body.status).toBe("active");
    expectGoodVersionUnchanged();
  });
});

describe("tricky files are accepted", () => {
  it("formula-injection.xlsx: formula-looking texts are stored as the same text", async () => {
    const report = await ingest(norte, fixturePath("tricky/formula-injection.xlsx"), MONTH);
    expect(report).toMatchObject({ status: "active", rows: 1, lines: 1, errors: 0 });
    expect(
      query(
        `SELECT invoice_number AS invoiceNumber, customer_name AS customerName, sku, category
           FROM report_lines WHERE report_id = ?`,
        report.id,
      ),
    ).toEqual([
      {
        invoiceNumber: '=HYPERLINK("http://example.invalid","x")',
        customerName: "@SUM(1+1)*cmd|' /C calc'!A0",
        sku: "+SKU",
        category: "-Cameras",
      },
    ]);
  });

  it("header-only.csv: an active nil report with a nil_report warning", async () => {
    const report = await ingest(norte, fixturePath("tricky/header-only.csv"), "2026-04");
    expect(report).toMatchObject({ status: "active", rows: 0, lines: 0, errors: 0, warnings: 1 });
    expect(report.problems).toEqual([
      {
        sheet: "CSV",
        row: 1,
        column: "",
        severity: "warning",
        code: "nil_report",
        message: "The report has no sales lines: it is recorded as a nil report for the month.",
      },
    ]);
    expect(report.totals).toEqual({ currency: "USD", amountMinor: 0 });
  });
});

describe("who may upload, and for whom", () => {
  it("a member may not upload: 403", async () => {
    const res = await uploadReport(member, GOOD, "2026-01");
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });

  it("a supplier may not upload for another supplier: 403", async () => {
    const res = await uploadReport(
      norte,
      fixturePath("scenario-q1/reports/axion-2026-01.xlsx"),
      "2026-01",
      ids.axion,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
  });

  it("a wrong report id is 404; another supplier's report is 403", async () => {
    const missing = await axion.get(`/api/v1/reports/999999`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({
      code: "not_found",
      message: "That report was not found.",
    });
    const others = await norte.get(`/api/v1/reports/${ids.good}`);
    expect(others.status).toBe(403);
    expect(others.body.error.code).toBe("forbidden");
  });
});

describe("malformed uploads", () => {
  const nextMonth = () => {
    const d = new Date();
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
  };
  const badPeriod = (message: string) => ({
    status: 400,
    body: {
      error: {
        code: "bad_request",
        message: `period: ${message}`,
        details: [{ path: "period", message }],
      },
    },
  });
  const NOT_A_MONTH = 'The period must be a month written YYYY-MM, e.g. "2026-03".';

  it.each(["2026-13", "March 2026", "2026-3", ""])("period %j → 400", async (period) => {
    const res = await axion.post("/api/v1/reports", reportForm(GOOD, period));
    expect(res).toMatchObject(badPeriod(NOT_A_MONTH));
  });

  it("no period → 400", async () => {
    const form = reportForm(GOOD, MONTH);
    form.delete("period");
    const res = await axion.post("/api/v1/reports", form);
    expect(res).toMatchObject(
      badPeriod('Say which month the report covers in "period", as YYYY-MM.'),
    );
  });

  it("a month that has not started yet → 400", async () => {
    const res = await uploadReport(axion, GOOD, nextMonth());
    expect(res).toMatchObject(badPeriod("The period cannot be a month that has not started yet."));
  });

  it("not multipart, or multipart without a file → 400", async () => {
    const json = await axion.post("/api/v1/reports", { period: MONTH });
    expect(json).toMatchObject({
      status: 400,
      body: {
        error: {
          code: "bad_request",
          message: 'Send the file as multipart/form-data in a field named "file".',
        },
      },
    });
    const noFile = new FormData();
    noFile.set("period", MONTH);
    expect(await axion.post("/api/v1/reports", noFile)).toMatchObject({
      status: 400,
      body: { error: { code: "bad_request", message: 'Attach the file in a field named "file".' } },
    });
  });

  it.each([
    ["one byte over 50 MiB", 50 * 1024 * 1024 + 1],
    ["60 MiB", 60 * 1024 * 1024],
  ])("a file %s → 413, nothing stored", async (_, size) => {
    const path = join(scratch, `big-${size}.xlsx`);
    writeFileSync(path, "");
    truncateSync(path, size);
    const reportsBefore = query(`SELECT id FROM reports`);
    const files = storedFiles();
    const res = await uploadReport(axion, path, MONTH);
    expect(res).toMatchObject({
      status: 413,
      body: {
        error: {
          code: "file_too_large",
          message: "The file is larger than 50 MiB, the most we accept.",
        },
      },
    });
    expect(query(`SELECT id FROM reports`)).toEqual(reportsBefore);
    expect(storedFiles()).toEqual(files);
    expect(uploadsInFlight()).toEqual([]);
    rmSync(path);
  });

  it("a file of exactly 50 MiB passes the size limit (and is then judged on its content)", async () => {
    const path = join(scratch, "exactly-50-mib.csv");
    writeFileSync(path, "");
    truncateSync(path, 50 * 1024 * 1024);
    const res = await uploadReport(axion, path, MONTH);
    expect(res).toMatchObject({
      status: 422,
      body: {
        error: {
          code: "not_a_spreadsheet",
          message: "This file is neither an XLSX workbook nor a CSV text file.",
        },
      },
    });
    expect(uploadsInFlight()).toEqual([]);
    rmSync(path);
  });

  it("a double click: the same file posted twice at once → one 202, one 409, one report", async () => {
    const path = fixturePath("scenario-q1/reports/axion-2026-02.xlsx");
    const both = await Promise.all([
      uploadReport(axion, path, "2026-02"),
      uploadReport(axion, path, "2026-02"),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([202, 409]);
    const accepted = both.find((r) => r.status === 202)!.body;
    const refused = both.find((r) => r.status === 409)!.body;
    expect(refused).toEqual({
      error: {
        code: "duplicate_file",
        message: `This file was already uploaded as report #${accepted.id} (2026-02, version 1, axion-2026-02.xlsx).`,
        details: { reportId: accepted.id },
      },
    });
    expect((await waitForReport(axion, accepted.id)).status).toBe("active");
    expect(
      query(`SELECT id FROM reports WHERE supplier_id = ? AND period = '2026-02'`, ids.axion),
    ).toEqual([{ id: accepted.id }]);
  });
});
