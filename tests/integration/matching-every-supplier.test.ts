// Issue 15 item 11 (decision 082): a customer key waiting in the matching queue at several
// suppliers (a tax id is one firm everywhere) is resolved at all of them at once when the admin
// asks, and only at the row's supplier otherwise.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSampleReport } from "@imports/generate";
import { apiAs, BrowserSession, type ApiClient } from "@tests/setup/http";
import { ingest } from "@tests/setup/reports";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const QUEUE = "routes/admin.matching";
const KEY = "ZZZ010101AB1";
const ROWS = { axion: 7, norte: 5, andes: 3 };

let server: TestServer;
let scratch: string;
let admin: ApiClient;
let browser: BrowserSession;
const supplierIds: Record<string, number> = {};
let memberId = 0;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "tierpool-matching-every-"));
  server = await startServer();
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  const [member] = (
    await admin.post("/api/v1/members", [
      { name: "Firma Uno", taxId: "FUN010101AAA", country: "MX", joinedOn: "2020-01-01" },
    ])
  ).body;
  memberId = member.id;
  for (const [name, rows] of Object.entries(ROWS)) {
    supplierIds[name] = (await admin.post("/api/v1/suppliers", { name, currency: "USD" })).body.id;
    const path = join(scratch, `${name}.xlsx`);
    await writeSampleReport(path, rows, { period: "2026-01", customerKeys: [KEY] });
    expect((await ingest(admin, path, "2026-01", supplierIds[name])).status).toBe("active");
  }
  browser = new BrowserSession(server.url, "en");
  await browser.login(ADMIN.email, ADMIN.password);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const queue = async () =>
  (await browser.data(`/admin/matching?sort=supplier&dir=asc`, QUEUE)).body.rows.map(
    (r: { supplierName: string; customerKey: string; alsoWaitingAt: number }) => [
      r.supplierName,
      r.customerKey,
      r.alsoWaitingAt,
    ],
  );

describe("a key waiting at several suppliers", () => {
  it("says at how many other suppliers each row's key waits", async () => {
    expect(await queue()).toEqual([
      ["andes", KEY, 2],
      ["axion", KEY, 2],
      ["norte", KEY, 2],
    ]);
  });

  it("is resolved at the row's supplier only, unless the admin asks for every supplier", async () => {
    const one = await browser.action("/admin/matching", QUEUE, {
      intent: "member",
      supplierId: String(supplierIds.andes),
      customerKey: KEY,
      memberId: String(memberId),
    });
    expect(one.body.resolved).toMatchObject({ linesMatched: ROWS.andes, suppliers: 1 });
    expect(await queue()).toEqual([
      ["axion", KEY, 1],
      ["norte", KEY, 1],
    ]);

    const every = await browser.action("/admin/matching", QUEUE, {
      intent: "member",
      supplierId: String(supplierIds.axion),
      customerKey: KEY,
      memberId: String(memberId),
      everySupplier: "1",
    });
    expect(every.body.resolved).toMatchObject({
      linesMatched: ROWS.axion + ROWS.norte,
      suppliers: 2,
      memberName: "Firma Uno",
    });
    expect(await queue()).toEqual([]);
    const html = await (await browser.get("/admin/matching")).text();
    expect(html).toContain("No unmatched customer.");
  });
});
