// Issue 15 item 11 over HTTP: the member's claims and the supplier's claims queue and reports sort,
// filter and download as CSV/XLSX with the screen's filter and order, each role seeing only its
// own rows.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specExampleProgram } from "@tests/setup/factories";
import { ApiClient, apiAs, BrowserSession, type Json } from "@tests/setup/http";
import { ingest } from "@tests/setup/reports";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const PASSWORD = "lists-pass-1";
let server: TestServer;
let admin: ApiClient;
let member: BrowserSession;
let supplier: BrowserSession;
let axionId: number;

// member, supplier, invoice, date, currency, amount, status, created (minutes after 10:00)
const CLAIMS = [
  ["AAA", "axion", "F-100", "2026-02-10", "USD", 150_000, "pending", 1],
  ["AAA", "axion", "F-200", "2026-03-05", "USD", 90_000, "accepted", 2],
  ["AAA", "norte", "N-300", "2026-03-15", "MXN", 500_000, "pending", 3],
  ["BBB", "axion", "F-400", "2026-03-20", "USD", 120_000, "pending", 4],
  ["AAA", "axion", "F-500", "2026-03-25", "USD", 30_000, "rejected", 5],
] as const;

function insertClaims(suppliers: Record<string, number>) {
  const db = new Database(server.dbPath);
  try {
    const insert = db.prepare(
      `INSERT INTO claims (member_id, supplier_id, format, invoice_number, invoice_key, invoice_date,
         currency, amount_minor, status, reason, due_on, created_at)
       VALUES ((SELECT id FROM members WHERE tax_id_normalized = ?), ?, 'typed', ?, ?, ?, ?, ?, ?, ?,
         '2026-12-20', ?)`,
    );
    for (const [taxId, s, invoice, date, currency, amount, status, minute] of CLAIMS)
      insert.run(
        taxId,
        suppliers[s],
        invoice,
        invoice,
        date,
        currency,
        amount,
        status,
        status === "rejected" ? "cancelled" : null,
        `2026-11-01T10:0${minute}:00.000Z`,
      );
  } finally {
    db.close();
  }
}

const invoices = (body: Json) => body.claims.map((c: Json) => c.invoiceNumber);

/** A CSV download's text: it starts with a UTF-8 byte order mark (for Excel), read off here. */
async function text(session: BrowserSession, path: string) {
  const res = await session.get(path);
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes.slice(3));
}

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  axionId = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" })).body.id;
  const norteId = (await admin.post("/api/v1/suppliers", { name: "Norte", currency: "MXN" })).body
    .id;
  const members = await admin.post(
    "/api/v1/members",
    [
      ["AAA", "Seguridad 97"],
      ["BBB", "Vigilancia 10"],
    ].map(([taxId, name]) => ({ name, taxId, country: "MX", joinedOn: "2020-01-01" })),
  );
  await admin.post("/api/v1/programs", specExampleProgram(axionId));
  await admin.post("/api/v1/users", {
    email: "aaa@member.example",
    password: PASSWORD,
    role: "member",
    memberId: members.body[0].id,
  });
  await admin.post("/api/v1/users", {
    email: "axion@supplier.example",
    password: PASSWORD,
    role: "supplier",
    supplierId: axionId,
  });
  insertClaims({ axion: axionId, norte: norteId });
  member = new BrowserSession(server.url, "en-US");
  await member.login("aaa@member.example", PASSWORD);
  supplier = new BrowserSession(server.url, "en-US");
  await supplier.login("axion@supplier.example", PASSWORD);
}, 120_000);
afterAll(() => server?.stop());

describe("the member's claims", () => {
  it("sorts by amount, largest first, within an invoice month; only the member's own", async () => {
    const { body } = await member.data(
      "/member/claims?month=2026-03&sort=amount&dir=desc",
      "routes/member.claims",
    );
    expect(invoices(body)).toEqual(["N-300", "F-200", "F-500"]);
    expect([body.total, body.sorted]).toEqual([3, { sort: "amount", dir: "desc" }]);
  });

  it("searches by invoice number, newest first by default, and filters by status", async () => {
    const found = await member.data("/member/claims?q=f-", "routes/member.claims");
    expect(invoices(found.body)).toEqual(["F-500", "F-200", "F-100"]);
    const pending = await member.data("/member/claims?status=pending", "routes/member.claims");
    expect(invoices(pending.body)).toEqual(["N-300", "F-100"]);
  });

  it("ignores a sort that is not one of the list's", async () => {
    const { body } = await member.data(
      "/member/claims?sort=member_id;drop&dir=asc",
      "routes/member.claims",
    );
    expect(body.sorted).toEqual({ sort: "createdAt", dir: "desc" });
    expect(invoices(body)).toEqual(["F-500", "N-300", "F-200", "F-100"]);
  });

  it("downloads the screen's list as CSV, in the same order", async () => {
    const csv = await text(member, "/member/claims/export?month=2026-03&sort=amount&dir=desc");
    expect(csv).toBe(
      [
        "Claim,Invoice,Invoice date,Member,Supplier,Currency,Amount,Status,Reason,Comment,Answer by,Decided on",
        "3,N-300,2026-03-15,Seguridad 97,Norte,MXN,5000.00,Pending,,,2026-12-20,",
        "2,F-200,2026-03-05,Seguridad 97,Axion,USD,900.00,Accepted,,,2026-12-20,",
        "5,F-500,2026-03-25,Seguridad 97,Axion,USD,300.00,Rejected,Cancelled,,2026-12-20,",
      ].join("\r\n") + "\r\n",
    );
  });
});

describe("the member's notifications", () => {
  beforeAll(() => {
    const db = new Database(server.dbPath);
    try {
      const user = db.prepare("SELECT id FROM users WHERE email = 'aaa@member.example'").get() as {
        id: number;
      };
      const insert = db.prepare(
        `INSERT INTO notifications (user_id, kind, key, params, link, created_at, read_at)
         VALUES (?, 'report_due', ?, '{"supplier":"Axion","month":"2026-03"}', '/member', ?, ?)`,
      );
      insert.run(user.id, "n1", "2026-11-01T10:01:00.000Z", null);
      insert.run(user.id, "n2", "2026-11-01T10:02:00.000Z", "2026-11-02T09:00:00.000Z");
      insert.run(user.id, "n3", "2026-11-01T10:03:00.000Z", null);
    } finally {
      db.close();
    }
  });

  const sentTimes = (body: Json) => body.rows.map((n: Json) => n.createdAt.slice(11, 16));

  it("lists newest first, unread first when sorted by reading, and filters unread", async () => {
    const newest = await member.data("/notifications", "routes/notifications");
    expect(sentTimes(newest.body)).toEqual(["10:03", "10:02", "10:01"]);
    const byReading = await member.data(
      "/notifications?sort=readAt&dir=asc",
      "routes/notifications",
    );
    expect(sentTimes(byReading.body)).toEqual(["10:01", "10:03", "10:02"]);
    const unread = await member.data(
      "/notifications?unread=1&sort=createdAt&dir=asc",
      "routes/notifications",
    );
    expect([sentTimes(unread.body), unread.body.total]).toEqual([["10:01", "10:03"], 2]);
  });

  it("downloads the same list as CSV", async () => {
    const csv = await text(member, "/notifications/export?sort=readAt&dir=asc");
    const title = "Report due,Axion: the sales report for March 2026 is due";
    expect(csv.trimEnd().split("\r\n")).toEqual([
      "Sent (UTC),Kind,Notification,Read (UTC)",
      `2026-11-01 10:01,${title},`,
      `2026-11-01 10:03,${title},`,
      `2026-11-01 10:02,${title},2026-11-02 09:00`,
    ]);
  });
});

describe("the supplier's claims queue", () => {
  it("opens on pending claims of its own, sorted by member name", async () => {
    const { body } = await supplier.data(
      "/supplier/claims?sort=member&dir=desc",
      "routes/supplier.claims",
    );
    expect(invoices(body)).toEqual(["F-400", "F-100"]);
    expect(body.claims.map((c: Json) => c.memberName)).toEqual(["Vigilancia 10", "Seguridad 97"]);
  });

  it("downloads every status as XLSX, oldest invoice first", async () => {
    const res = await supplier.get("/supplier/claims/export?status=&sort=invoiceDate&format=xlsx");
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1, 9)));
    expect(rows).toEqual([
      ["Claim", "Invoice", "Invoice date", "Member", "Supplier", "Currency", "Amount", "Status"],
      [1, "F-100", "2026-02-10", "Seguridad 97", "Axion", "USD", 1500, "Pending"],
      [2, "F-200", "2026-03-05", "Seguridad 97", "Axion", "USD", 900, "Accepted"],
      [4, "F-400", "2026-03-20", "Vigilancia 10", "Axion", "USD", 1200, "Pending"],
      [5, "F-500", "2026-03-25", "Seguridad 97", "Axion", "USD", 300, "Rejected"],
    ]);
  });
});

describe("the supplier's reports", () => {
  beforeAll(async () => {
    const api = await apiAs(server.url, "axion@supplier.example", PASSWORD);
    const file = (name: string, rows: string[]) => {
      const path = join(server.dir, name);
      writeFileSync(
        path,
        ["Invoice Date,Invoice Number,Tax ID,Customer,Net Amount", ...rows].join("\n") + "\n",
      );
      return path;
    };
    await ingest(api, file("a-01.csv", ["2026-01-14,F-0114,AAA,Seguridad 97,1900.00"]), "2026-01");
    await ingest(
      api,
      file("a-02.csv", [
        "2026-02-03,F-0203,AAA,Seguridad 97,2500.00",
        "2026-02-04,F-0204,BBB,Vigilancia 10,100.00",
      ]),
      "2026-02",
    );
    await ingest(api, file("a-03.csv", ["2026-03-03,F-0303,AAA,Seguridad 97,abc"]), "2026-03");
  }, 120_000);

  it("sorts the months by total, largest first, and shows those waiting for the run", async () => {
    const { body } = await supplier.data(
      "/supplier?year=2026&show=waiting&sort=total&dir=desc",
      "routes/supplier._index",
    );
    expect(body.months.map((m: Json) => [m.period, m.latest.lines])).toEqual([
      ["2026-02", 2],
      ["2026-01", 1],
    ]);
    const refused = await supplier.data(
      "/supplier?year=2026&show=refused",
      "routes/supplier._index",
    );
    expect(refused.body.months.map((m: Json) => m.period)).toEqual(["2026-03"]);
  });

  it("downloads every upload of the year as CSV", async () => {
    const csv = await text(supplier, "/supplier/reports/export?year=2026");
    const lines = csv.trimEnd().split("\r\n");
    // Uploaded today, the day the test runs; each file's one warning: no quantity column.
    const uploadedOn = new Date().toISOString().slice(0, 10);
    expect(lines).toEqual([
      "Month,Upload,Status,Counted,Counted in the run of,File,Uploaded on,Rows read,Lines,Currency,Total,Warnings,Errors",
      `2026-01,1,Accepted,"Accepted, waiting for the monthly run",,a-01.csv,${uploadedOn},1,1,USD,1900.00,1,0`,
      `2026-02,1,Accepted,"Accepted, waiting for the monthly run",,a-02.csv,${uploadedOn},2,2,USD,2600.00,1,0`,
      `2026-03,1,Rejected,,,a-03.csv,${uploadedOn},1,0,USD,0.00,1,1`,
    ]);
  });
});
