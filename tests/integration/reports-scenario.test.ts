// The scenario's supplier reports go through the real pipeline over HTTP; the lines that land in
// the database equal truth.json field by field, and exactly the right ones stay unmatched.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedLine, fixturePath, loadTruth, type TruthLine } from "@tests/setup/fixtures";
import { normalizeCustomerKey } from "@imports/values";
import { apiAs, type ApiClient, type Json } from "@tests/setup/http";
import { createScenarioParties, ingestScenarioReports } from "@tests/setup/scenario";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import { ingest, uploadReport } from "@tests/setup/reports";

const truth = loadTruth();
let server: TestServer;
let admin: ApiClient;
const supplierIds = new Map<string, number>();
const memberIds = new Map<number, number>();
const reports: Json[] = [];

function dbLines(reportId: number) {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT invoice_date AS invoiceDate, invoice_number AS invoiceNumber,
                customer_key AS customerKey, customer_name AS customerName, sku, category,
                quantity, amount_minor AS amountMinor, currency, member_id AS memberId
           FROM report_lines WHERE report_id = ? ORDER BY id`,
      )
      .all(reportId) as Json[];
  } finally {
    db.close();
  }
}

const withMember = (line: TruthLine) => ({
  ...expectedLine(line),
  memberId: line.member === null ? null : memberIds.get(line.member)!,
});

beforeAll(async () => {
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  const parties = await createScenarioParties(admin);
  for (const [key, id] of parties.supplierIds) supplierIds.set(key, id);
  for (const [ref, id] of parties.memberIds) memberIds.set(ref, id);
  reports.push(...(await ingestScenarioReports(admin, supplierIds)));
}, 180_000);

afterAll(() => server?.stop());

describe("the scenario's reports over HTTP", () => {
  it("every report becomes active with its rows and totals", () => {
    expect(reports.map((r) => [r.key, r.period, r.status, r.version, r.errors])).toEqual(
      truth.suppliers.flatMap((s) =>
        Object.keys(s.reports).map((month) => [s.key, month, "active", 1, 0]),
      ),
    );
    for (const r of reports) {
      const lines = truth.lines.filter((l) => l.supplier === r.key && l.reportMonth === r.period);
      expect(r.lines).toBe(lines.length);
      const currency = truth.suppliers.find((s) => s.key === r.key)!.currency;
      const sum = lines
        .filter((l) => l.currency === currency)
        .reduce((a, l) => a + l.amountMinor, 0);
      expect(r.totals).toEqual({ currency, amountMinor: sum });
    }
  });

  it("the lines read back from the database equal truth.json, field by field", () => {
    for (const r of reports) {
      const expected = truth.lines
        .filter((l) => l.supplier === r.key && l.reportMonth === r.period)
        .map((l) => ({
          ...withMember(l),
          memberId: r.key === "andes" ? null : withMember(l).memberId,
        }));
      expect(dbLines(r.id)).toEqual(expected);
    }
  });

  it("lists the andes accounts and the non-members as unmatched, with names, lines and amounts", async () => {
    const res = await admin.get("/api/v1/unmatched");
    expect(res.status).toBe(200);
    const unmatchedLines = truth.lines.filter((l) => l.supplier === "andes" || l.member === null);
    const expectedKeys = new Map<string, { lines: number; amountMinor: number }>();
    for (const l of unmatchedLines) {
      const key = `${supplierIds.get(l.supplier)}:${expectedLine(l).customerKey}`;
      const entry = expectedKeys.get(key) ?? { lines: 0, amountMinor: 0 };
      entry.lines += 1;
      entry.amountMinor += l.amountMinor;
      expectedKeys.set(key, entry);
    }
    const got = new Map<string, { lines: number; amountMinor: number }>(
      res.body.map((u: Json) => [
        `${u.supplierId}:${u.customerKey}`,
        { lines: u.lines, amountMinor: u.amountMinor },
      ]),
    );
    expect(got).toEqual(expectedKeys);
  });

  it("resolving the andes aliases matches those lines to their members, past lines included", async () => {
    const andes = supplierIds.get("andes")!;
    for (const alias of truth.aliases) {
      const body =
        "notMember" in alias
          ? { supplierId: andes, customerKey: alias.customerKey, notMember: true }
          : {
              supplierId: andes,
              customerKey: alias.customerKey,
              memberId: memberIds.get(alias.member),
            };
      const res = await admin.post("/api/v1/aliases", body);
      expect(res.status).toBe(201);
      expect(res.body.customerKey).toBe(normalizeCustomerKey(alias.customerKey));
    }
    for (const r of reports.filter((x) => x.key === "andes")) {
      const expected = truth.lines
        .filter((l) => l.supplier === "andes" && l.reportMonth === r.period)
        .map(withMember);
      expect(dbLines(r.id)).toEqual(expected);
    }
    const left = await admin.get("/api/v1/unmatched");
    expect(left.body.filter((u: Json) => u.supplierId === andes)).toEqual([]);
  });

  it("the corrected report supersedes the earlier version; the same file again is refused", async () => {
    const axion = supplierIds.get("axion")!;
    const path = fixturePath(`scenario-q1/reports/${truth.correction.file}`);
    const corrected = await ingest(admin, path, truth.correction.month, axion);
    expect([corrected.status, corrected.version]).toEqual(["active", 2]);
    expect(dbLines(corrected.id)).toEqual(truth.correction.lines.map(withMember));
    const earlier = reports.find((r) => r.key === "axion" && r.period === truth.correction.month);
    expect((await admin.get(`/api/v1/reports/${earlier.id}`)).body.status).toBe("superseded");
    const again = await uploadReport(admin, path, truth.correction.month, axion);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("duplicate_file");
    expect(again.body.error.message).toContain(`report #${corrected.id}`);
  });
});
