// The admin's review journey in a real browser: find a report with a held duplicate, accept it,
// then work the matching queue (a suggestion, the member picker, "not a member").
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { fixturePath, loadTruth } from "@tests/setup/fixtures";
import { launchBrowser, screenshot, signIn } from "@tests/setup/browser";
import { apiAs } from "@tests/setup/http";
import { ingest } from "@tests/setup/reports";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const truth = loadTruth();
let server: TestServer;
let browser: Browser;
let page: Page;
const supplierIds = new Map<string, number>();
let heldReportId: number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  for (const s of truth.suppliers) {
    const res = await admin.post("/api/v1/suppliers", { name: s.name, currency: s.currency });
    supplierIds.set(s.key, res.body.id);
  }
  await admin.post(
    "/api/v1/members",
    truth.members.map(({ name, taxId, country, joinedOn }) => ({ name, taxId, country, joinedOn })),
  );
  await ingest(
    admin,
    fixturePath("scenario-q1/reports/axion-2026-01.xlsx"),
    "2026-01",
    supplierIds.get("axion"),
  );
  await ingest(
    admin,
    fixturePath("scenario-q1/reports/andes-2026-01.xlsx"),
    "2026-01",
    supplierIds.get("andes"),
  );
  const line = truth.lines.find((l) => l.supplier === "axion" && l.invoiceNumber === "AX-1000")!;
  const path = join(server.dir, "axion-2026-02.csv");
  writeFileSync(
    path,
    [
      "Invoice Date;Invoice;Tax ID;Customer;SKU;Category;Qty;Net Amount",
      `${line.invoiceDate};${line.invoiceNumber};${line.display};${line.customerName};${line.sku};${line.category};${line.quantity};${Math.trunc(line.amountMinor / 100)}.${String(line.amountMinor % 100).padStart(2, "0")}`,
    ].join("\n"),
  );
  heldReportId = (await ingest(admin, path, "2026-02", supplierIds.get("axion"))).id;
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 1400, height: 900 },
  });
  page = await context.newPage();
  await signIn(page, server.url, ADMIN.email, ADMIN.password, "/admin");
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the admin reviews reports", () => {
  it("filters the reports list and opens the report with a held line", async () => {
    await page.goto(`${server.url}/admin/reports`);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(3);
    await page.selectOption('select[name="supplierId"]', String(supplierIds.get("axion")));
    await page.click('form[method="get"] button[type="submit"]');
    await page.waitForURL(
      (url) => url.searchParams.get("supplierId") === String(supplierIds.get("axion")),
    );
    await expect.poll(() => page.locator("tbody tr").count()).toBe(2);
    await screenshot(page, "admin-reports-list");
    await page.click("text=axion-2026-02.csv");
    await page.waitForURL((url) => url.pathname === `/admin/reports/${heldReportId}`);
    await expect.poll(() => page.locator("h2").first().textContent()).toBe("Held duplicate lines");
    await screenshot(page, "admin-report-held");
  });

  it("accepts the held line after confirming, and a second acceptance changes nothing", async () => {
    page.once("dialog", (dialog) => dialog.accept());
    await page.click("text=Accept duplicates");
    await expect
      .poll(() => page.locator('[role="status"]').textContent())
      .toContain("1 held line accepted");
    await expect.poll(() => page.locator("text=No line of this report is held.").count()).toBe(1);
    await screenshot(page, "admin-report-accepted");
  });
});

describe("the admin works the matching queue", () => {
  it("matches a key with one click on a suggestion", async () => {
    await page.goto(`${server.url}/admin/matching?supplierId=${supplierIds.get("andes")}`);
    await screenshot(page, "admin-matching-queue");
    const row = page.locator("tr", { has: page.locator("code", { hasText: /^C10007$/ }) });
    await row.locator("button", { hasText: truth.members[0].name }).click();
    await expect
      .poll(() => page.locator('[role="status"]').textContent())
      .toMatch(/^C10007 is now matched to Seguridad Acceso 97 Ltda: \d+ lines? matched\.$/);
    await expect.poll(() => page.locator("code", { hasText: /^C10007$/ }).count()).toBe(0);
  });

  it("finds a member by tax id in a row's picker and matches it", async () => {
    const member = truth.members[1];
    let row = page.locator("tr", { has: page.locator("code", { hasText: /^C10014$/ }) });
    await row.locator('input[name="memberQ"]').fill(member.taxId);
    await row.locator("button", { hasText: "Find" }).click();
    await page.waitForURL((url) => url.searchParams.get("memberQ") === member.taxId);
    row = page.locator("tr", { has: page.locator("code", { hasText: /^C10014$/ }) });
    await expect.poll(() => row.locator('select[name="memberId"] option').count()).toBe(1);
    await screenshot(page, "admin-matching-picker");
    await row.locator("button", { hasText: /^Match$/ }).click();
    await expect
      .poll(() => page.locator('[role="status"]').textContent())
      .toContain(`C10014 is now matched to ${member.name}`);
  });

  it("marks a key as not a member after confirming", async () => {
    const row = page.locator("tr", { has: page.locator("code", { hasText: /^C99999$/ }) });
    page.once("dialog", (dialog) => dialog.accept());
    await row.locator("button", { hasText: "Not a member" }).click();
    await expect
      .poll(() => page.locator('[role="status"]').textContent())
      .toBe("C99999 is marked as not a member: its lines stay unmatched.");
    await expect.poll(() => page.locator("code", { hasText: /^C99999$/ }).count()).toBe(0);
    await screenshot(page, "admin-matching-resolved");
  });
});
