// The admin reads the history of allocation runs in a real browser (issue 15 item 7), over the demo
// consortium: a late April report from Axion is trued up in October; the admin opens the history,
// filters it to Axion's program and posted runs, opens the true-up and reads why it posted what it
// did. Also at 390 px: the page never scrolls sideways.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "~/i18n/format";
import {
  launchBrowser,
  pageErrors,
  screenshot,
  waitForHydration,
  signIn as signInAs,
} from "@tests/setup/browser";
import { apiAs, type ApiClient, type Json } from "@tests/setup/http";
import { ingest } from "@tests/setup/reports";
import { startServer, type TestServer } from "@tests/setup/server";

const PASSWORD = "tierpool-demo";
const ADMIN_EMAIL = "admin@tierpool.demo";

let server: TestServer;
let browser: Browser;
let admin: ApiClient;
let program: { id: number; name: string; supplierId: number };
let trueUp: Json;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { DEMO: "1" } }), launchBrowser()]);
  admin = await apiAs(server.url, ADMIN_EMAIL, PASSWORD);
  const suppliers = (await admin.get("/api/v1/suppliers")).body as Json[];
  const axion = suppliers.find((s) => s.name.startsWith("Axion"));
  const programs = (await admin.get("/api/v1/programs")).body as Json[];
  program = programs.find((p) => p.supplierId === axion.id && p.name === `${axion.name} 2026`);
  // Axion finds April invoices it never reported and sends them in December.
  const csv = [
    "Invoice Date,Invoice Number,Tax ID,Customer,Net Amount",
    "2026-04-08,AX-LATE-1,XPY714465W4B,Seguridad Acceso 97,25000.00",
    "2026-04-22,AX-LATE-2,XPY714465W4B,Seguridad Acceso 97,15000.00",
  ].join("\n");
  const path = join(server.dir, "axion-late-april.csv");
  writeFileSync(path, `${csv}\n`);
  const supplier = await apiAs(server.url, "axion@suppliers.demo", PASSWORD);
  expect((await ingest(supplier, path, "2026-04")).status).toBe("active");
  const preview = await admin.post("/api/v1/allocation-runs", {
    programId: program.id,
    month: "2026-10",
  });
  expect(preview.status).toBe(201);
  trueUp = (await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`)).body;
  expect(trueUp.status).toBe("posted");
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function signIn(width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: "en-US", viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, server.url, ADMIN_EMAIL, PASSWORD);
  return { context, page };
}

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe("the run history", () => {
  it("filters to a program's postings, opens the true-up and says why it posted what it did", async () => {
    const { context, page } = await signIn(1366);
    const errors = pageErrors(page);
    await page.goto(`${server.url}/admin/runs/history`);
    await waitForHydration(page);
    expect(await page.title()).not.toBe("");
    await page.selectOption('select[name="programId"]', String(program.id));
    await page.selectOption('select[name="status"]', "posted");
    await page.click('[data-testid="history-filters"] button[type="submit"]');
    await page.waitForURL((url) => url.searchParams.get("programId") === String(program.id));
    const rows = page.locator('[data-testid="run-history"] tbody tr');
    await expect.poll(() => rows.first().getAttribute("data-run")).toBe(String(trueUp.id));
    expect(await rows.first().innerText()).toContain("True-up");
    // Every row is this program's and posted.
    const statuses = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.getAttribute("data-status")),
    );
    expect(new Set(statuses)).toEqual(new Set(["posted"]));
    expect(await rows.count()).toBe(7); // May to October, and October again
    await screenshot(page, "run-history");

    await rows.first().locator("a").first().click();
    await page.waitForURL((url) => url.pathname === `/admin/runs/${trueUp.id}`);
    await waitForHydration(page);
    const why = page.getByTestId("run-why");
    await expect
      .poll(() => why.innerText())
      .toContain("Compared with the posting for October 2026");
    const report = why.locator('[data-testid="why-report"][data-period="2026-04"]');
    expect(await report.getAttribute("data-kind")).toBe("late");
    expect(await report.innerText()).toContain(
      "A late report for April 2026: $40,000.00 in 2 lines",
    );
    // The volume moved by the late report and by whatever else counted since the October run
    // (the demo's claims accepted after it, each listed).
    const runs = (await admin.get(`/api/v1/allocation-runs?programId=${program.id}`))
      .body as Json[];
    const previous = runs.find(
      (r) => r.month === "2026-10" && r.status === "posted" && r.id < trueUp.id,
    );
    const usd = (minor: number) => formatMoney(minor, "USD", "en-US");
    expect(await why.getByTestId("why-volume").innerText()).toBe(
      `The pooled volume went from ${usd(previous.pooledVolumeMinor)} to ${usd(trueUp.pooledVolumeMinor)} (${usd(trueUp.pooledVolumeMinor - previous.pooledVolumeMinor)}).`,
    );
    const claims = query<{ n: number }>(
      `SELECT count(*) AS n FROM claims WHERE supplier_id = ? AND status = 'accepted'
          AND decided_at > ? AND invoice_date <= '2026-10-31'`,
      program.supplierId,
      previous.postedAt,
    )[0].n;
    await expect(why.getByTestId("why-claim").count()).resolves.toBe(claims);
    expect(await page.locator("[data-posting-gross]").innerText()).toBe(
      formatMoney(trueUp.posting.grossMinor, "USD", "en-US"),
    );
    await screenshot(page, "run-history-true-up");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("fits a 390 px phone without sideways scrolling", async () => {
    const { context, page } = await signIn(390);
    const errors = pageErrors(page);
    for (const path of ["/admin/runs/history", `/admin/runs/${trueUp.id}`]) {
      await page.goto(`${server.url}${path}`);
      await waitForHydration(page);
      expect(await noSidewaysScroll(page)).toBe(true);
    }
    await screenshot(page, "run-history-true-up-phone");
    expect(errors).toEqual([]);
    await context.close();
  });
});
