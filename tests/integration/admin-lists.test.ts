// SPEC 6 "every table sorts and filters, and every list downloads as CSV/XLSX" over HTTP: the
// admin's lists sort by a whitelisted column (anything else is the default, never SQL), filter in
// SQL, and download exactly the filtered, sorted rows.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertActiveReport, specExampleProgram } from "@tests/setup/factories";
import { ApiClient, apiAs, BrowserSession, type Json } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

let server: TestServer;
let admin: ApiClient;
let session: BrowserSession;
const ids: Record<string, number> = {};

/** A CSV download's rows (BOM and CRLF removed). */
async function csvRows(path: string): Promise<string[][]> {
  const res = await session.get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/csv");
  expect(res.headers.get("content-disposition")).toContain("attachment");
  const text = (await res.text()).replace(/^\ufeff/, "").trimEnd();
  return text.split("\r\n").map(splitCsv);
}

/** One CSV line's cells as written (quotes kept, so the quoting itself is asserted). */
function splitCsv(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === "," && !quoted) {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

async function xlsxRows(path: string): Promise<unknown[][]> {
  const res = await session.get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("spreadsheetml");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const names = (rows: Json[]) => rows.map((r) => r.name);

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  for (const [name, currency] of [
    ["Axion", "USD"],
    ["Bravo Redes", "MXN"],
    ["Cielo 50% Sur", "BRL"],
  ]) {
    const res = await admin.post("/api/v1/suppliers", { name, currency });
    expect(res.status).toBe(201);
    ids[name] = res.body.id;
  }
  const members = [
    { name: "Seguridad 97", taxId: "AAA010101AAA", country: "MX", joinedOn: "2020-01-01" },
    { name: "Vigilancia 10", taxId: "BBB010101BBB", country: "MX", joinedOn: "2021-06-15" },
    { name: "=1+1 Alarmas", taxId: "900123456", country: "CO", joinedOn: "2019-03-01" },
    {
      name: 'Cámaras "Sul", Ltda',
      taxId: "12345678000195",
      country: "BR",
      joinedOn: "2018-02-01",
      leftOn: "2025-12-31",
    },
    { name: "Redes 100% Seguras", taxId: "CCC010101CCC", country: "MX", joinedOn: "2022-01-01" },
  ];
  expect((await admin.post("/api/v1/members", members)).status).toBeLessThan(300);
  const a = await admin.post("/api/v1/programs", specExampleProgram(ids.Axion));
  expect(a.status).toBe(201);
  const b = await admin.post("/api/v1/programs", {
    ...specExampleProgram(ids["Bravo Redes"]),
    name: "Bravo 2025",
    currency: "MXN",
    start: "2025-01-01",
    end: "2025-12-31",
    feeBps: 500,
  });
  expect(b.status).toBe(201);
  session = new BrowserSession(server.url, "en");
  await session.login(ADMIN.email, ADMIN.password);
}, 120_000);
afterAll(() => server.stop());

describe("members list", () => {
  const data = (q: string) => session.data(`/admin/members?${q}`, "routes/admin.members._index");

  it("sorts by name ascending by default, and by any whitelisted column both ways", async () => {
    const first = await data("");
    expect(first.status).toBe(200);
    expect(first.body.sorted).toEqual({ sort: "name", dir: "asc" });
    expect(names(first.body.rows)).toEqual([
      "=1+1 Alarmas",
      'Cámaras "Sul", Ltda',
      "Redes 100% Seguras",
      "Seguridad 97",
      "Vigilancia 10",
    ]);
    const byJoined = await data("sort=joinedOn&dir=desc");
    expect(names(byJoined.body.rows)).toEqual([
      "Redes 100% Seguras",
      "Vigilancia 10",
      "Seguridad 97",
      "=1+1 Alarmas",
      'Cámaras "Sul", Ltda',
    ]);
    const byCountry = await data("sort=country&dir=asc");
    expect(byCountry.body.rows.map((r: Json) => r.country)).toEqual(["BR", "CO", "MX", "MX", "MX"]);
  });

  it("treats an unknown or hostile sort as the default, never as SQL", async () => {
    for (const sort of [
      "name; DROP TABLE members; --",
      "(SELECT password_hash FROM users)",
      "1",
      "passwordHash",
      "constructor",
    ]) {
      const res = await data(
        `sort=${encodeURIComponent(sort)}&dir=${encodeURIComponent("desc; --")}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.sorted).toEqual({ sort: "name", dir: "asc" });
      expect(names(res.body.rows)[0]).toBe("=1+1 Alarmas");
    }
    const csv = await csvRows(
      `/admin/members/export?format=csv&sort=${encodeURIComponent("name desc --")}`,
    );
    expect(csv.map((r) => r[0])).toEqual([
      "Name",
      "'=1+1 Alarmas",
      '"Cámaras ""Sul"", Ltda"',
      "Redes 100% Seguras",
      "Seguridad 97",
      "Vigilancia 10",
    ]);
    expect((await data("")).body.total).toBe(5);
  });

  it("filters by name or tax id (LIKE wildcards are literal), country and status, in SQL", async () => {
    expect(names((await data("q=100%25")).body.rows)).toEqual(["Redes 100% Seguras"]);
    expect(names((await data("q=_")).body.rows)).toEqual([]);
    expect(names((await data("q=bbb010101")).body.rows)).toEqual(["Vigilancia 10"]);
    expect(names((await data("country=mx&sort=name&dir=desc")).body.rows)).toEqual([
      "Vigilancia 10",
      "Seguridad 97",
      "Redes 100% Seguras",
    ]);
    const left = await data("state=left");
    expect(names(left.body.rows)).toEqual(['Cámaras "Sul", Ltda']);
    expect(left.body.total).toBe(1);
  });

  it("pages in SQL: a page holds pageSize rows and the total counts them all", async () => {
    const res = await data("page=2");
    expect(res.body.page).toBe(2);
    expect(res.body.rows).toEqual([]);
    expect(res.body.total).toBe(5);
  });

  it("downloads the filtered, sorted list: CSV quoted and guarded against formulas", async () => {
    const rows = await csvRows("/admin/members/export?format=csv&sort=joinedOn&dir=asc&page=3");
    expect(rows).toEqual([
      ["Name", "Tax id", "Country", "Joined on", "Left on"],
      ['"Cámaras ""Sul"", Ltda"', "12345678000195", "BR", "2018-02-01", "2025-12-31"],
      ["'=1+1 Alarmas", "900123456", "CO", "2019-03-01", ""],
      ["Seguridad 97", "AAA010101AAA", "MX", "2020-01-01", ""],
      ["Vigilancia 10", "BBB010101BBB", "MX", "2021-06-15", ""],
      ["Redes 100% Seguras", "CCC010101CCC", "MX", "2022-01-01", ""],
    ]);
    const mx = await csvRows("/admin/members/export?format=csv&country=MX&sort=name&dir=desc");
    expect(mx.map((r) => r[0])).toEqual([
      "Name",
      "Vigilancia 10",
      "Seguridad 97",
      "Redes 100% Seguras",
    ]);
  });

  it("downloads XLSX with the same rows, in the reader's language", async () => {
    const es = new BrowserSession(server.url, "es");
    await es.login(ADMIN.email, ADMIN.password);
    const res = await es.get("/admin/members/export?format=xlsx&state=left");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("miembros.xlsx");
    const rows = await xlsxRows("/admin/members/export?format=xlsx&q=seg");
    expect(rows).toEqual([
      ["Name", "Tax id", "Country", "Joined on", "Left on"],
      ["Redes 100% Seguras", "CCC010101CCC", "MX", "2022-01-01"],
      ["Seguridad 97", "AAA010101AAA", "MX", "2020-01-01"],
    ]);
  });
});

describe("suppliers and programs lists", () => {
  it("sorts and filters suppliers, and downloads what the screen shows", async () => {
    const data = (q: string) =>
      session.data(`/admin/suppliers?${q}`, "routes/admin.suppliers._index");
    expect(names((await data("sort=currency&dir=desc")).body.suppliers)).toEqual([
      "Axion",
      "Bravo Redes",
      "Cielo 50% Sur",
    ]);
    expect(names((await data("sort=currency&dir=asc")).body.suppliers)).toEqual([
      "Cielo 50% Sur",
      "Bravo Redes",
      "Axion",
    ]);
    expect(names((await data("q=50%25")).body.suppliers)).toEqual(["Cielo 50% Sur"]);
    expect(names((await data("currency=mxn")).body.suppliers)).toEqual(["Bravo Redes"]);
    expect(await csvRows("/admin/suppliers/export?format=csv&sort=name&dir=desc")).toEqual([
      ["Name", "Currency", "Date order in reports", "Language"],
      ["Cielo 50% Sur", "BRL", "dd/mm/yyyy", "Español"],
      ["Bravo Redes", "MXN", "dd/mm/yyyy", "Español"],
      ["Axion", "USD", "dd/mm/yyyy", "Español"],
    ]);
  });

  it("says which supplier was created", async () => {
    const res = await session.action("/admin/suppliers", "routes/admin.suppliers._index", {
      name: "Delta Cámaras",
      currency: "COP",
      dateOrder: "dmy",
      language: "es",
    });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe("Delta Cámaras");
    const page = await (await session.get("/admin/suppliers")).text();
    expect(page).not.toContain("Done.");
  });

  it("sorts programs by fee and downloads them with their schedules", async () => {
    const data = (q: string) =>
      session.data(`/admin/programs?${q}`, "routes/admin.programs._index");
    expect(names((await data("sort=feeBps&dir=asc")).body.rows)).toEqual([
      "Bravo 2025",
      "Axion 2026",
    ]);
    expect(names((await data("sort=start&dir=desc")).body.rows)).toEqual([
      "Axion 2026",
      "Bravo 2025",
    ]);
    expect(names((await data(`supplierId=${ids["Bravo Redes"]}`)).body.rows)).toEqual([
      "Bravo 2025",
    ]);
    expect(names((await data("q=axion")).body.rows)).toEqual(["Axion 2026"]);
    expect(await csvRows("/admin/programs/export?format=csv&q=axion")).toEqual([
      [
        "Name",
        "Supplier",
        "Currency",
        "Start",
        "End",
        "Tier method",
        "Consortium fee (%)",
        "Tiers",
      ],
      [
        "Axion 2026",
        "Axion",
        "USD",
        "2026-01-01",
        "2026-12-31",
        "All units (retroactive)",
        "10.00",
        "0.00: 1%; 100000.00: 2%; 250000.00: 3%",
      ],
    ]);
  });
});

describe("money and settings lists", () => {
  const rowsOf = async (path: string, route: string, key: string) =>
    (await session.data(path, route)).body[key] as Json[];

  beforeAll(async () => {
    const programs = (await session.data("/admin/programs", "routes/admin.programs._index")).body
      .rows as Json[];
    const program = (name: string) => programs.find((p) => p.name === name).id;
    for (const payment of [
      {
        programId: program("Axion 2026"),
        amountMinor: 530_321,
        receivedOn: "2026-03-01",
        reference: "TRF-A",
        overpaymentNote: "advance",
      },
      {
        programId: program("Axion 2026"),
        amountMinor: 12_000,
        receivedOn: "2026-04-01",
        reference: "TRF-B",
        overpaymentNote: "advance",
      },
      {
        programId: program("Bravo 2025"),
        amountMinor: 1_050,
        receivedOn: "2026-02-15",
        reference: "=SUM(A1)",
        overpaymentNote: "advance",
      },
    ]) {
      const res = await admin.post("/api/v1/supplier-payments", payment);
      expect(res.status).toBe(201);
    }
    const rates = await admin.put("/api/v1/fx-rates", [
      { month: "2026-01", from: "MXN", to: "USD", rate: "0.058" },
      { month: "2026-02", from: "EUR", to: "USD", rate: "1.0825" },
      { month: "2026-02", from: "BRL", to: "USD", rate: "0.2" },
    ]);
    expect(rates.status).toBe(200);
  });

  it("sorts and filters supplier payments in SQL and downloads exact amounts", async () => {
    const route = "routes/admin.receivables";
    const refs = (rows: Json[]) => rows.map((p) => p.reference);
    expect(refs(await rowsOf("/admin/receivables", route, "payments"))).toEqual([
      "TRF-B",
      "TRF-A",
      "=SUM(A1)",
    ]);
    expect(
      refs(await rowsOf("/admin/receivables?sort=amount&dir=desc", route, "payments")),
    ).toEqual(["TRF-A", "TRF-B", "=SUM(A1)"]);
    expect(refs(await rowsOf("/admin/receivables?q=bravo", route, "payments"))).toEqual([
      "=SUM(A1)",
    ]);
    expect(
      refs(
        await rowsOf(`/admin/receivables?supplierId=${ids.Axion}&sort=amount`, route, "payments"),
      ),
    ).toEqual(["TRF-B", "TRF-A"]);
    // The receivables table sorts on its own parameters (rsort, rdir) beside the payments'.
    const owed = await rowsOf(
      "/admin/receivables?rsort=paid&rdir=desc&sort=amount",
      route,
      "receivables",
    );
    expect(owed.map((r) => [r.programName, r.paidMinor, r.owedMinor])).toEqual([
      ["Axion 2026", 542_321, -542_321],
      ["Bravo 2025", 1_050, -1_050],
    ]);
    expect(
      await csvRows("/admin/receivables/payments/export?format=csv&sort=amount&dir=asc"),
    ).toEqual([
      ["Received on", "Supplier", "Program", "Reference", "Currency", "Amount", "Note"],
      ["2026-02-15", "Bravo Redes", "Bravo 2025", "'=SUM(A1)", "MXN", "10.50", "advance"],
      ["2026-04-01", "Axion", "Axion 2026", "TRF-B", "USD", "120.00", "advance"],
      ["2026-03-01", "Axion", "Axion 2026", "TRF-A", "USD", "5303.21", "advance"],
    ]);
    expect(await xlsxRows("/admin/receivables/export?format=xlsx&q=axion")).toEqual([
      ["Supplier", "Program", "Currency", "Pooled volume", "Refund posted", "Paid", "Owed"],
      ["Axion", "Axion 2026", "USD", 0, 0, 5423.21, -5423.21],
    ]);
  });

  it("says whose payment of how much was recorded", async () => {
    const programs = (await session.data("/admin/programs?q=axion", "routes/admin.programs._index"))
      .body.rows as Json[];
    const res = await session.action("/admin/receivables", "routes/admin.receivables", {
      programId: String(programs[0].id),
      amountMinor: "530321",
      receivedOn: "2026-05-02",
      reference: "TRF-C",
      overpaymentNote: "advance",
    });
    expect(res.status).toBe(200);
    expect(res.body.supplier).toBe("Axion");
    expect(res.body.payment).toMatchObject({
      reference: "TRF-C",
      amountMinor: 530_321,
      currency: "USD",
    });
  });

  it("sorts and filters FX rates and downloads the rates as entered", async () => {
    const route = "routes/admin.fx";
    const keys = (rows: Json[]) => rows.map((r) => `${r.month} ${r.from}`);
    expect(keys(await rowsOf("/admin/fx", route, "rates"))).toEqual([
      "2026-02 BRL",
      "2026-02 EUR",
      "2026-01 MXN",
    ]);
    expect(keys(await rowsOf("/admin/fx?sort=from&dir=desc", route, "rates"))).toEqual([
      "2026-01 MXN",
      "2026-02 EUR",
      "2026-02 BRL",
    ]);
    expect(keys(await rowsOf("/admin/fx?currency=eur", route, "rates"))).toEqual(["2026-02 EUR"]);
    expect(keys(await rowsOf("/admin/fx?month=2026-01", route, "rates"))).toEqual(["2026-01 MXN"]);
    const csv = await csvRows("/admin/fx/export?format=csv&month=2026-02&sort=from");
    expect(csv.map((r) => r.slice(0, 4))).toEqual([
      ["Month", "From currency", "To currency", "Rate"],
      ["2026-02", "BRL", "USD", "0.2"],
      ["2026-02", "EUR", "USD", "1.0825"],
    ]);
  });

  it("filters users by role and text, sorts them, and never exports a password hash", async () => {
    for (const [email, role, scope] of [
      ["clerk@axion.example", "supplier", { supplierId: ids.Axion }],
      ["clerk@bravo.example", "supplier", { supplierId: ids["Bravo Redes"] }],
    ] as const) {
      const res = await admin.post("/api/v1/users", {
        email,
        password: "clerk-pass-123",
        role,
        ...scope,
      });
      expect(res.status).toBe(201);
    }
    const route = "routes/admin.users";
    const emails = (rows: Json[]) => rows.map((u) => u.email);
    expect(
      emails(await rowsOf("/admin/users?role=supplier&sort=email&dir=desc", route, "users")),
    ).toEqual(["clerk@bravo.example", "clerk@axion.example"]);
    expect(emails(await rowsOf("/admin/users?q=bravo", route, "users"))).toEqual([
      "clerk@bravo.example",
    ]);
    expect(
      emails(await rowsOf("/admin/users?sort=scope&dir=asc&role=supplier", route, "users")),
    ).toEqual(["clerk@axion.example", "clerk@bravo.example"]);
    const res = await session.get("/admin/users/export?format=csv&role=supplier");
    const text = await res.text();
    expect(text).not.toMatch(/scrypt|argon|\$2[aby]\$/);
    expect(
      text
        .replace(/^\ufeff/, "")
        .trim()
        .split("\r\n")
        .map((l) => l.split(",").slice(0, 5)),
    ).toEqual([
      ["E-mail", "Name", "Role", "For", "Status"],
      ["clerk@axion.example", "", "Supplier", "Axion", "Active"],
      ["clerk@bravo.example", "", "Supplier", "Bravo Redes", "Active"],
    ]);
  });

  it("answers an empty file with only the header when nothing matches", async () => {
    expect(await csvRows("/admin/payouts/export?format=csv&status=paid")).toEqual([
      ["Reference", "Built", "Status", "Paid on", "Currency", "Members", "Total"],
    ]);
  });
});

describe("matching queue", () => {
  it("sorts unmatched keys by lines or amount and downloads them", async () => {
    insertActiveReport(server.dbPath, ids.Axion, "2026-02", [
      { memberTaxId: "ZZZ1", date: "2026-02-01", amountMinor: 10_000 },
      { memberTaxId: "ZZZ1", date: "2026-02-02", amountMinor: 20_000 },
      { memberTaxId: "ZZZ1", date: "2026-02-03", amountMinor: 30_000 },
      { memberTaxId: "YYY2", date: "2026-02-04", amountMinor: 900_050 },
    ]);
    const keys = async (q: string) =>
      (
        (await session.data(`/admin/matching?${q}`, "routes/admin.matching")).body.rows as Json[]
      ).map((r) => r.customerKey);
    expect(await keys("")).toEqual(["ZZZ1", "YYY2"]);
    expect(await keys("sort=amount&dir=desc")).toEqual(["YYY2", "ZZZ1"]);
    expect(await keys("sort=key&dir=asc")).toEqual(["YYY2", "ZZZ1"]);
    expect(await keys("sort=lines%20DESC%3B--&dir=asc")).toEqual(["ZZZ1", "YYY2"]);
    expect(await csvRows("/admin/matching/export?format=csv&sort=amount&dir=asc")).toEqual([
      ["Supplier", "Customer key", "Names seen", "Lines", "Currency", "Amount"],
      ["Axion", "ZZZ1", "", "3", "USD", "600.00"],
      ["Axion", "YYY2", "", "1", "USD", "9000.50"],
    ]);
  });
});

describe("the list toolkit's filter fields and tables, as the screens render them", () => {
  const html = async (path: string) => {
    const res = await session.get(path);
    expect(res.status, path).toBe(200);
    return res.text();
  };
  /** A filter's select: its label, and each option as [value, words, selected]. */
  const choice = (page: string, name: string) => {
    const field = new RegExp(
      `<label class="field"><span>([^<]*)</span><select name="${name}">(.*?)</select></label>`,
    ).exec(page);
    expect(field, name).not.toBeNull();
    const options = [
      ...field![2].matchAll(/<option value="([^"]*)"( selected="")?>(.*?)<\/option>/g),
    ];
    return { label: field![1], options: options.map((o) => [o[1], o[3], Boolean(o[2])]) };
  };
  /** A table's sort headers in order: [key, aria-sort]. */
  const headers = (page: string, testId: string) => {
    const table = new RegExp(`<table data-testid="${testId}">(.*?)</thead>`).exec(page);
    expect(table, testId).not.toBeNull();
    return [...table![1].matchAll(/aria-sort="(\w+)" data-sort="(\w+)"/g)].map((h) => [h[2], h[1]]);
  };

  it("labels each filter, offers every row first and shows the value the screen was opened with", async () => {
    const outbox = await html("/admin/outbox?state=failed&kind=batch_paid&to=ops%40test.example");
    const state = choice(outbox, "state");
    expect(state.label).toBe("State");
    expect(state.options[0]).toEqual(["", "All", false]);
    expect(state.options.filter((o) => o[2])).toEqual([["failed", "failed", true]]);
    expect(choice(outbox, "kind").options.filter((o) => o[2])).toEqual([
      ["batch_paid", "Payout paid", true],
    ]);
    expect(outbox).toContain(
      '<label class="field"><span>Recipient</span><input type="email" name="to" value="ops@test.example"/></label>',
    );
    // A value the list does not hold chooses nothing; no value chooses the empty first option.
    const payouts = await html("/admin/payouts?currency=MXN");
    expect(choice(payouts, "currency").options).toEqual([["", "All currencies", false]]);
    expect(choice(payouts, "status").options).toEqual([
      ["", "All statuses", true],
      ["draft", "Draft", false],
      ["approved", "Approved", false],
      ["paid", "Paid", false],
      ["cancelled", "Cancelled", false],
    ]);
    const supplier = choice(await html(`/admin/reports?supplierId=${ids.Axion}`), "supplierId");
    expect(supplier.options.filter((o) => o[2])).toEqual([[String(ids.Axion), "Axion", true]]);
  });

  it("shows two lists on one screen, each sorted by its own parameters, and 'nothing' for none", async () => {
    const page = await html("/admin/receivables?rsort=paid&rdir=desc");
    expect(headers(page, "receivables")).toEqual([
      ["supplier", "none"],
      ["program", "none"],
      ["volume", "none"],
      ["posted", "none"],
      ["paid", "descending"],
      ["owed", "none"],
    ]);
    expect(headers(page, "payments")).toEqual([
      ["receivedOn", "descending"],
      ["supplier", "none"],
      ["program", "none"],
      ["reference", "none"],
      ["amount", "none"],
    ]);
    expect(page).toContain('href="/admin/receivables?rsort=owed&amp;rdir=desc"');
    expect(page).toContain(
      'href="/admin/receivables?rsort=paid&amp;rdir=desc&amp;sort=amount&amp;dir=desc"',
    );
    expect(page.match(/<tr data-program="\d+">/g)).toHaveLength(2);
    expect(page.match(/<tr data-payment="\d+">/g)).toHaveLength(4);
    expect(page).toContain('aria-label="pagination rpage"');
    expect(page).toContain('aria-label="pagination"');
    const none = await html("/admin/receivables?q=nothing-matches-this");
    expect(none).not.toContain("<table");
    expect(none.match(/<p>Nothing here yet\.<\/p>/g)).toHaveLength(2);
  });

  it("says what a setting means under it, and reads it with the field", async () => {
    const page = await html("/admin/settings");
    for (const name of ["claimDeadlineDays", "reportDueDay"]) {
      expect(page).toMatch(
        new RegExp(
          `<input name="${name}" aria-describedby="${name}-hint"[^>]*/></label><p class="muted" id="${name}-hint">[^<]+</p>`,
        ),
      );
    }
  });
});
