// Hardening of the data (decision 042) over real HTTP: look-alike tax ids refused on the API, the
// admin form and the XLSX import, and never matched from a report; sane ranges on dates, FX rates,
// tier schedules and amounts, refused with clear reasons and nothing stored; the ledger and the
// audit log refuse INSERT OR REPLACE of an existing row; the server's connection is durable.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@db/client.server";
import { insertActiveReport, specExampleProgram } from "@tests/setup/factories";
import { ApiClient, apiAs, BrowserSession } from "@tests/setup/http";
import { ingest, uploadReport } from "@tests/setup/reports";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const MEMBER_1 = "XPY714465W4B";
const ZWSP = "\u200b";
const CYRILLIC = `\u0425PY714465W4B`; // Х, drawn like the Latin X
const GREEK = "XPY714465W4\u0392"; // Β, drawn like the Latin B
const LOOK_ALIKES = [
  [`${MEMBER_1}${ZWSP}`, "has invisible characters (U+200B); type it again without them"],
  [
    CYRILLIC,
    'may have only letters A–Z and digits 0–9 (spaces, dots, hyphens and slashes between them are dropped), not "Х" (U+0425)',
  ],
  [ZWSP, "must have letters or digits"],
] as const;
const DATE_REASON = "must be a date from 2000-01-01 to 2099-12-31";

let server: TestServer;
let admin: ApiClient;
let browser: BrowserSession;
let supplierId: number;
let member1: { id: number; name: string; taxId: string };

const read = <T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[] => {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};
const count = (table: string) => read<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0].n;
const stored = () => ({
  members: count("members"),
  programs: count("programs"),
  tiers: count("tiers"),
  fxRates: count("fx_rates"),
  payments: count("supplier_payments"),
});

const memberBody = (overrides: Record<string, unknown> = {}) => ({
  name: "Seguridad Acceso 97 Ltda",
  taxId: MEMBER_1,
  country: "MX",
  joinedOn: "2020-01-01",
  ...overrides,
});

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  browser = new BrowserSession(server.url, "en");
  await browser.login(ADMIN.email, ADMIN.password);
  supplierId = (await admin.post("/api/v1/suppliers", { name: "Axion", currency: "USD" })).body.id;
  const created = await admin.post("/api/v1/members", memberBody());
  expect(created.status).toBe(201);
  member1 = created.body;
});
afterAll(() => server.stop());

describe("look-alike tax ids", () => {
  it("are refused on the API, one member or a list, naming the field; nothing is stored", async () => {
    const before = stored();
    for (const [taxId, message] of LOOK_ALIKES) {
      const one = await admin.post("/api/v1/members", memberBody({ taxId }));
      expect(one.status, JSON.stringify(taxId)).toBe(400);
      expect(one.body.error).toMatchObject({
        code: "bad_request",
        details: [{ path: "taxId", message }],
      });
      const list = await admin.post("/api/v1/members", [
        memberBody({ name: "Otra", taxId: "OPU927128K5W" }),
        memberBody({ taxId }),
      ]);
      expect(list.status).toBe(400);
      expect(list.body.error.details).toEqual([{ path: "1.taxId", message }]);
    }
    expect(stored()).toEqual(before);
    const [row] = read("SELECT name, tax_id, tax_id_normalized FROM members");
    expect(row).toEqual({
      name: "Seguridad Acceso 97 Ltda",
      tax_id: MEMBER_1,
      tax_id_normalized: MEMBER_1,
    });
  });

  it("are refused on the admin form, new or edited, in the reader's language", async () => {
    for (const [taxId, message] of LOOK_ALIKES) {
      const res = await browser.action("/admin/members/new", "routes/admin.members.new", {
        ...memberBody({ taxId }),
        leftOn: "",
      });
      expect(res.status, JSON.stringify(taxId)).toBe(400);
      expect(res.body.details).toEqual([{ path: "taxId", message }]);
    }
    const edit = await browser.action(`/admin/members/${member1.id}`, "routes/admin.members.$id", {
      ...memberBody({ taxId: GREEK }),
      leftOn: "",
    });
    expect(edit.status).toBe(400);
    expect(edit.body.details[0].message).toContain('"Β" (U+0392)');
    const spanish = new BrowserSession(server.url, "es");
    await spanish.login(ADMIN.email, ADMIN.password);
    const es = await spanish.action("/admin/members/new", "routes/admin.members.new", {
      ...memberBody({ taxId: `${MEMBER_1}${ZWSP}` }),
      leftOn: "",
    });
    expect(es.body.details).toEqual([
      {
        path: "taxId",
        message: "tiene caracteres invisibles (U+200B); escríbela de nuevo sin ellos",
      },
    ]);
    expect(count("members")).toBe(1);
  });

  it("are refused by the member XLSX import, row by row, and nothing is imported", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Miembros");
    ws.addRow(["Nombre", "RFC", "País", "Fecha de ingreso"]);
    ws.addRow(["Buena", "BUE010101AA1", "MX", "2024-01-15"]);
    ws.addRow(["Parecida", CYRILLIC, "MX", "2024-01-15"]);
    ws.addRow(["Vacía", ZWSP, "MX", "2024-01-15"]);
    const path = join(server.dir, "members.xlsx");
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    const form = new FormData();
    form.set("file", new Blob([readFileSync(path)]), "members.xlsx");
    const res = await browser.action("/admin/members/import", "routes/admin.members.import", form);
    expect(res.body.created).toBe(0);
    expect(res.body.problems).toEqual([
      { row: 3, column: "taxId", message: `taxId ${LOOK_ALIKES[1][1]}` },
      { row: 4, column: "taxId", message: "taxId must have letters or digits" },
    ]);
    expect(count("members")).toBe(1);
  });

  it("in a report never match member 1: their lines stay unmatched, with a warning", async () => {
    const keys = [
      MEMBER_1,
      `${MEMBER_1}${ZWSP}`, // the same tax id with an invisible character: member 1's
      "ＸＰＹ７１４４６５Ｗ４Ｂ", // full-width: NFKC makes it member 1's
      CYRILLIC,
      GREEK,
      "XPY714465W4ß",
    ];
    const csv = [
      "Invoice Date,Invoice Number,Tax ID,Customer,Net Amount",
      ...keys.map((key, i) => `2026-11-0${i + 1},F-${i + 1},${key},Seguridad Acceso 97,100.00`),
    ].join("\n");
    const path = join(server.dir, "axion-2026-11.csv");
    writeFileSync(path, `${csv}\n`);
    const report = await ingest(admin, path, "2026-11", supplierId);
    expect(report.status).toBe("active");
    const lines = read<{ invoice_number: string; customer_key: string; member_id: number | null }>(
      "SELECT invoice_number, customer_key, member_id FROM report_lines WHERE report_id = ? ORDER BY row",
      report.id,
    );
    expect(lines.map((l) => [l.invoice_number, l.member_id])).toEqual([
      ["F-1", member1.id],
      ["F-2", member1.id],
      ["F-3", member1.id],
      ["F-4", null],
      ["F-5", null],
      ["F-6", null],
    ]);
    expect(lines[3].customer_key).toBe(CYRILLIC);
    const warnings = report.problems.filter(
      (p: { code: string }) => p.code === "customer_key_not_tax_id",
    );
    expect(warnings.map((p: { row: number }) => p.row)).toEqual([5, 6, 7]);
    expect(warnings[0]).toMatchObject({
      severity: "warning",
      column: "customerKey",
      message: expect.stringContaining('"Х" (U+0425)'),
    });
  });
});

describe("sane ranges", () => {
  it("refuse 0000-01-01 and 9999-12-31 wherever a date is typed or sent", async () => {
    const before = stored();
    for (const joinedOn of ["0000-01-01", "9999-12-31", "1999-12-31", "2100-01-01"]) {
      const res = await admin.post(
        "/api/v1/members",
        memberBody({ taxId: "NEW010101AA1", joinedOn }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: "joinedOn", message: DATE_REASON }]);
    }
    const program = await admin.post("/api/v1/programs", {
      ...specExampleProgram(supplierId),
      start: "0000-01-01",
      end: "9999-12-31",
    });
    expect(program.status).toBe(400);
    expect(program.body.error.details).toEqual([
      { path: "start", message: DATE_REASON },
      { path: "end", message: DATE_REASON },
    ]);
    const form = await browser.action("/admin/members/new", "routes/admin.members.new", {
      ...memberBody({ taxId: "NEW010101AA1", joinedOn: "0000-01-01" }),
      leftOn: "9999-12-31",
    });
    expect(form.status).toBe(400);
    expect(form.body.details).toEqual([
      { path: "joinedOn", message: DATE_REASON },
      { path: "leftOn", message: DATE_REASON },
    ]);
    const fx = await admin.put("/api/v1/fx-rates", [
      { month: "1999-12", from: "BRL", to: "USD", rate: "0.18" },
    ]);
    expect(fx.status).toBe(400);
    expect(fx.body.error.details).toEqual([
      { path: "0.month", message: "must be a month from 2000-01 to 2099-12" },
    ]);
    expect(stored()).toEqual(before);
  });

  it("refuse an FX rate of 1,000 digits, and store nothing of the list", async () => {
    const before = stored();
    const res = await admin.put("/api/v1/fx-rates", [
      { month: "2026-01", from: "BRL", to: "USD", rate: "0.180196" },
      { month: "2026-01", from: "MXN", to: "USD", rate: "9".repeat(1000) },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      {
        path: "1.rate",
        message: "must have at most 9 digits before the decimal point and 8 after it",
      },
    ]);
    expect(stored()).toEqual(before);
    const form = await browser.action("/admin/fx", "routes/admin.fx", {
      month: "2026-01",
      from: "MXN",
      to: "USD",
      rate: `1${"0".repeat(999)}`,
    });
    expect(form.status).toBe(400);
    expect(stored()).toEqual(before);
  });

  it("refuse a program of 5,000 tiers, sent or typed, and store nothing", async () => {
    const before = stored();
    const tiers = Array.from({ length: 5000 }, (_, i) => ({
      thresholdMinor: i * 100,
      rateBps: Math.min(10_000, i),
    }));
    const res = await admin.post("/api/v1/programs", { ...specExampleProgram(supplierId), tiers });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: "tiers", message: "may have at most 20 tiers" },
    ]);
    const typed = await browser.action("/admin/programs", "routes/admin.programs._index", {
      supplierId: String(supplierId),
      name: "Many tiers",
      currency: "USD",
      start: "2026-01-01",
      end: "2026-12-31",
      method: "all-units",
      feeBps: "0",
      tiers: tiers.map((t) => `${t.thresholdMinor};${t.rateBps}`).join("\n"),
      includeCategories: "",
      excludeCategories: "",
    });
    expect(typed.status).toBe(400);
    expect(typed.body.details).toEqual([{ path: "tiers", message: "may have at most 20 tiers" }]);
    expect(stored()).toEqual(before);
  });

  it("refuse amounts and thresholds past 10^15 minor units", async () => {
    const before = stored();
    const program = await admin.post("/api/v1/programs", {
      ...specExampleProgram(supplierId),
      tiers: [
        { thresholdMinor: 0, rateBps: 100 },
        { thresholdMinor: 1e20, rateBps: 200 },
      ],
    });
    expect(program.status).toBe(400);
    expect(program.body.error.details).toEqual([
      {
        path: "tiers.1.thresholdMinor",
        message: "must be at most 1000000000000000 minor units (cents)",
      },
    ]);
    const payment = await admin.post("/api/v1/supplier-payments", {
      programId: 1,
      amountMinor: 1e18,
      receivedOn: "2026-01-31",
      reference: "T-1",
    });
    expect(payment.status).toBe(400);
    expect(stored()).toEqual(before);
  });

  it("make a report line dated before 2000 a row error that rejects the version", async () => {
    const path = join(server.dir, "axion-2026-10.csv");
    writeFileSync(
      path,
      [
        "Invoice Date,Invoice Number,Tax ID,Net Amount",
        `2026-10-01,F-1,${MEMBER_1},100.00`,
        `1999-12-31,F-2,${MEMBER_1},100.00`,
        "",
      ].join("\n"),
    );
    const report = await ingest(admin, path, "2026-10", supplierId);
    expect(report.status).toBe("rejected");
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        row: 3,
        severity: "error",
        code: "date_out_of_range",
        message: expect.stringContaining("1999-12-31"),
      }),
    );
    expect(count(`report_lines WHERE report_id = ${Number(report.id)}`)).toBe(0);
    const early = await uploadReport(admin, path, "1999-12", supplierId);
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({
      code: "bad_request",
      message: "period: The period cannot be a month before 2000-01.",
    });
  });
});

describe("the ledger and the audit log", () => {
  it("refuse INSERT OR REPLACE of an existing row; the trial balance still sums to zero", async () => {
    const program = await admin.post("/api/v1/programs", specExampleProgram(supplierId));
    expect(program.status).toBe(201);
    insertActiveReport(server.dbPath, supplierId, "2026-01", [
      { memberTaxId: MEMBER_1, date: "2026-01-10", amountMinor: 8_000_000 },
    ]);
    const preview = await admin.post("/api/v1/allocation-runs", {
      programId: program.body.id,
      month: "2026-01",
    });
    expect((await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`)).status).toBe(200);
    const balance = (await admin.get("/api/v1/ledger/trial-balance")).body;
    expect(balance.totals).toEqual([{ currency: "USD", amountMinor: 0 }]);

    // A connection opened as the server opens its own.
    const db = openDatabase(server.dbPath);
    const sql = db.$client;
    try {
      const line = sql.prepare("SELECT * FROM journal_lines ORDER BY id LIMIT 1").get() as {
        id: number;
        entry_id: number;
      };
      const entry = sql.prepare("SELECT * FROM journal_entries LIMIT 1").get() as { id: number };
      const audit = sql.prepare("SELECT id FROM audit_log LIMIT 1").pluck().get() as number;
      for (const statement of [
        `INSERT OR REPLACE INTO journal_lines (id, entry_id, account, currency, amount_minor)
           VALUES (${line.id}, ${line.entry_id}, 'fee_income', 'USD', 123456789)`,
        `REPLACE INTO journal_lines (id, entry_id, account, currency, amount_minor)
           VALUES (${line.id}, ${line.entry_id}, 'fee_income', 'USD', 0)`,
        `INSERT OR REPLACE INTO journal_entries (id, kind, currency, memo)
           VALUES (${entry.id}, 'allocation', 'USD', 'rewritten')`,
        `INSERT OR REPLACE INTO audit_log (id, action) VALUES (${audit}, 'nothing.happened')`,
        `INSERT INTO audit_log (id, action) VALUES (${audit}, 'x')
           ON CONFLICT (id) DO UPDATE SET action = excluded.action`,
      ])
        expect(() => sql.prepare(statement).run(), statement).toThrow(/append-only/);
    } finally {
      sql.close();
    }
    expect((await admin.get("/api/v1/ledger/trial-balance")).body).toEqual(balance);
    expect(read("SELECT action FROM audit_log WHERE action = 'nothing.happened'")).toEqual([]);
  });
});

describe("the server's connection", () => {
  it("is WAL with synchronous FULL (2), recursive triggers and foreign keys on", () => {
    const line = server
      .output()
      .split("\n")
      .find((l) => l.startsWith("database: "));
    expect(line).toBe(
      "database: journal_mode=wal synchronous=2 foreign_keys=1 recursive_triggers=1 busy_timeout=5000",
    );
  });
});
