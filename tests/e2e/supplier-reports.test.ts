// A supplier uploads its monthly reports in a real browser: progress bars to the end, the result,
// the problems of a bad file on screen and in the downloaded problems XLSX.
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "~/i18n/locale";
import { fixturePath, loadTruth } from "@tests/setup/fixtures";
import { ARTIFACTS, launchBrowser, screenshot, signIn } from "@tests/setup/browser";
import { ApiClient, apiAs, type Json } from "@tests/setup/http";
import { startServer, type TestServer } from "@tests/setup/server";

const EMAIL = "norte@suppliers.demo";
const PASSWORD = "tierpool-demo";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let api: ApiClient;

const truth = loadTruth();
const january = truth.lines.filter((l) => l.supplier === "norte" && l.reportMonth === "2026-01");
const januaryTotal = january.reduce((sum, l) => sum + l.amountMinor, 0);

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { DEMO: "1" } }), launchBrowser()]);
  context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  await signIn(page, server.url, EMAIL, PASSWORD, "/supplier");
  api = await apiAs(server.url, EMAIL, PASSWORD);
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

async function upload(path: string, period: string) {
  await page.goto(`${server.url}/supplier/reports/new`);
  // Hydrated: the page's script sends the file (with progress) instead of a plain post.
  await page.waitForFunction(() => document.querySelector("form.upload-form") !== null);
  await page.waitForLoadState("networkidle");
  await page.fill('input[name="period"]', period);
  await page.setInputFiles('input[name="file"]', path);
  await page.getByRole("button", { name: "Upload" }).click();
  await page.getByTestId("upload-progress").waitFor();
  const result = page.getByTestId("upload-result");
  await result.waitFor({ timeout: 60_000 });
  return result;
}

const percentOf = (testId: string) =>
  page.getByTestId(testId).locator("progress").getAttribute("data-percent");

describe("a supplier uploads its reports", () => {
  it("uploads January, watches both bars reach the end and reads the result", async () => {
    const result = await upload(fixturePath("scenario-q1/reports/norte-2026-01.xlsx"), "2026-01");
    expect(await percentOf("upload-progress")).toBe("100");
    expect(await percentOf("processing-progress")).toBe("100");
    expect(new URL(page.url()).pathname).toBe("/supplier/reports/new");
    expect(await result.getByTestId("report-status").textContent()).toBe("Accepted");
    expect(await result.getByTestId("report-lines").textContent()).toBe(String(january.length));
    expect(january.length).toBe(36);
    expect(await result.getByTestId("report-total").textContent()).toBe(
      formatMoney(januaryTotal, "MXN", "en"),
    );
    expect(await result.getByTestId("report-errors").textContent()).toBe("0");
    await screenshot(page, "supplier-upload-january");
  });

  it("shows January on the months of the year and the past months still missing", async () => {
    await page.goto(`${server.url}/supplier?year=2026`);
    const jan = page.locator('tr[data-period="2026-01"]');
    expect(await jan.locator("[data-status]").getAttribute("data-status")).toBe("active");
    expect(await jan.locator("td").nth(2).textContent()).toBe("36");
    const currentMonth = new Date().toISOString().slice(0, 7);
    if ("2026-02" < currentMonth) {
      const feb = page.locator('tr[data-period="2026-02"]');
      expect(await feb.getAttribute("class")).toBe("missing");
      expect(await feb.getByRole("link", { name: "Upload" }).getAttribute("href")).toBe(
        "/supplier/reports/new?period=2026-02",
      );
    }
    await screenshot(page, "supplier-months");
  });

  it("uploads bad-values.xlsx, sees it rejected and every problem listed", async () => {
    const result = await upload(fixturePath("bad/bad-values.xlsx"), "2026-03");
    expect(await result.getByTestId("report-status").textContent()).toBe("Rejected");
    expect(await result.getByTestId("report-errors").textContent()).toBe("6");
    await screenshot(page, "supplier-upload-rejected");
    await result.getByRole("link", { name: "See the 6 problems" }).click();
    await page.waitForURL((url) => /^\/supplier\/reports\/\d+$/.test(url.pathname));
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const fromApi: Json = (await api.get(`/api/v1/reports/${id}`)).body;
    expect(fromApi.problems).toHaveLength(6);
    const rows = page.getByTestId("problems").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(6);
    for (const [i, p] of (fromApi.problems as Json[]).entries()) {
      const cells = await rows.nth(i).locator("td").allTextContents();
      expect(cells).toEqual([p.sheet, String(p.row), p.column, "Error", p.message]);
    }
    await screenshot(page, "supplier-report-problems");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download the rows with their problems (XLSX)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("bad-values-problems.xlsx");
    const saved = join(ARTIFACTS, "supplier-bad-values-problems.xlsx");
    await download.saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(10).value).toBe("Problem");
    expect(sheet.getRow(1).getCell(11).value).toBe("Original row");
    expect(sheet.rowCount).toBe(8);
    expect(sheet.getRow(2).getCell(10).value).toBeNull();
    for (const p of fromApi.problems as Json[]) {
      const row = sheet.getRow(p.row);
      expect(row.getCell(10).value).toBe(`Error: ${p.message}`);
      expect(row.getCell(11).value).toBe(p.row);
    }
    expect(sheet.getRow(4).getCell(8).value).toBe("twelve");
  });

  it("maps the columns of a file nobody recognizes, then the same file is processed again", async () => {
    const result = await upload(fixturePath("bad/unknown-headers.xlsx"), "2026-02");
    expect(await result.getByTestId("report-status").textContent()).toBe("Rejected");
    await result.getByRole("link", { name: "Tell us which column holds what" }).click();
    await page.waitForURL((url) => url.pathname === "/supplier/mapping");
    const preview = page.getByTestId("mapping-preview");
    await preview.waitFor();
    const fields = [
      "invoiceDate",
      "invoiceNumber",
      "customerKey",
      "customerName",
      "sku",
      "category",
      "quantity",
      "netAmount",
      "currency",
    ];
    // The required fields are marked in every column's choices.
    expect(await page.locator('select[name="col.0"] option[value="netAmount"]').textContent()).toBe(
      "Net amount (required)",
    );
    for (const [i, field] of fields.entries()) {
      await page.selectOption(`select[name="col.${i}"]`, field);
    }
    await screenshot(page, "supplier-mapping");
    await page.getByRole("button", { name: "Save and process the file again" }).click();
    await page.waitForURL((url) => /^\/supplier\/reports\/\d+$/.test(url.pathname));
    await expect
      .poll(() => page.getByTestId("report-status").textContent(), { timeout: 30_000 })
      .toBe("Accepted");
    expect(await page.getByTestId("report-lines").textContent()).toBe("1");
    expect(await page.locator("h1").textContent()).toBe("Report for February 2026 · upload 2");
    await screenshot(page, "supplier-mapped-report");
  });

  it("creates an API token shown once, then revokes it", async () => {
    await page.goto(`${server.url}/supplier/tokens`);
    await page.fill('input[name="name"]', "ERP nightly");
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByTestId("new-token");
    await shown.waitFor();
    const token = (await shown.locator("code").textContent())!.trim();
    expect(token).toMatch(/^tp_/);
    const erp = new ApiClient(server.url, token);
    expect((await erp.get("/api/v1/reports")).status).toBe(200);
    const row = page.locator("tr", { hasText: "ERP nightly" });
    await screenshot(page, "supplier-tokens");
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect.poll(() => row.locator("td").nth(3).textContent()).toMatch(/^Revoked on /);
    expect((await erp.get("/api/v1/reports")).status).toBe(401);
  });
});
