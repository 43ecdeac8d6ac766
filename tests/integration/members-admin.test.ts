// Members through the admin screens: XLSX import (all or nothing) and a list of 100,000 rows.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import { BrowserSession } from "@tests/setup/http";

let server: TestServer;
let admin: BrowserSession;
beforeAll(async () => {
  server = await startServer();
  admin = new BrowserSession(server.url, "en");
  await admin.login(ADMIN.email, ADMIN.password);
});
afterAll(() => server.stop());

const memberCount = () => {
  const db = new Database(server.dbPath, { readonly: true });
  const n = (db.prepare("SELECT count(*) n FROM members").get() as { n: number }).n;
  db.close();
  return n;
};

async function upload(rows: unknown[][], name = "members.xlsx") {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Miembros");
  ws.addRow(["Nombre", "RFC", "País", "Fecha de ingreso", "Cuenta bancaria"]);
  rows.forEach((r) => ws.addRow(r));
  const path = join(server.dir, name);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  const form = new FormData();
  form.set("file", new Blob([await import("node:fs").then((fs) => fs.readFileSync(path))]), name);
  return admin.action("/admin/members/import", "routes/admin.members.import", form);
}

describe("member import", () => {
  it("imports every row of a clean file", async () => {
    const res = await upload([
      ["Seguridad Uno", "SEU010101AA1", "MX", "2024-01-15", "012345678901234567"],
      ["Redes Dos", "900.123.456-7", "co", new Date(Date.UTC(2023, 5, 1)), ""],
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 2, updated: 0, problems: [] });
    expect(memberCount()).toBe(2);
  });

  it("refuses the whole file when a row lacks a tax id or repeats one, naming the rows", async () => {
    const res = await upload([
      ["Tres", "TRE010101AA1", "MX", "2024-01-15"],
      ["Cuatro", "", "MX", "2024-01-15"],
      ["Cinco", "TRE-010101-AA1", "MX", "2024-01-15"],
    ]);
    expect(res.body.created).toBe(0);
    expect(res.body.problems).toEqual([
      { row: 3, column: "taxId", message: "taxId is required" },
      { row: 4, column: "taxId", message: "tax id TRE-010101-AA1 is already on row 2" },
    ]);
    expect(memberCount()).toBe(2);
  });

  it("refuses a file that is not a spreadsheet with a clear message", async () => {
    const form = new FormData();
    form.set("file", new Blob(["just some text"]), "members.xlsx");
    const res = await admin.action("/admin/members/import", "routes/admin.members.import", form);
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(
      '"members.xlsx" is named like an Excel file but is not one (it is not an XLSX workbook). Open it in Excel and save it as .xlsx, or upload it as CSV.',
    );
    expect(memberCount()).toBe(2);
  });
});

describe("member list at 100,000 rows", () => {
  it("filters, sorts and pages", async () => {
    const db = new Database(server.dbPath);
    const insert = db.prepare(
      "INSERT INTO members (name, tax_id, tax_id_normalized, country, joined_on) VALUES (?, ?, ?, ?, ?)",
    );
    db.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        const id = `BULK${String(i).padStart(6, "0")}`;
        insert.run(
          `Bulk Member ${String(i).padStart(6, "0")}`,
          id,
          id,
          i % 2 ? "BR" : "CO",
          "2024-01-01",
        );
      }
    })();
    db.close();
    const page = await admin.data(
      "/admin/members?q=Bulk&country=BR&sort=name&dir=desc&page=3",
      "routes/admin.members._index",
    );
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(50_000);
    expect(page.body.rows).toHaveLength(50);
    expect(page.body.rows[0].name).toBe("Bulk Member 099799");
    const byTaxId = await admin.data("/admin/members?q=bulk-012345", "routes/admin.members._index");
    expect(byTaxId.body.rows.map((m: { name: string }) => m.name)).toEqual(["Bulk Member 012345"]);
  });
});
