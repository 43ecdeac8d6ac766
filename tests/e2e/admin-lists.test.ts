// The admin's lists in a browser over the demo consortium (SPEC 6): each fits a phone (390 px)
// and a desk without sideways scrolling with its sort headers, filters and download links, has a
// title and no console error; a sort header is reached and used with the keyboard and says how
// the list is sorted (aria-sort).
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, waitForHydration } from "@tests/setup/browser";
import { startServer, type TestServer } from "@tests/setup/server";

const ADMIN = "admin@tierpool.demo";
const PASSWORD = "tierpool-demo";
const DESK = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const PATHS = [
  "/admin/suppliers",
  "/admin/programs",
  "/admin/reports?sort=supplier&dir=desc",
  "/admin/matching?sort=amount&dir=desc",
  "/admin/payouts?sort=total&dir=desc",
  "/admin/receivables?rsort=owed&rdir=desc",
  "/admin/fx",
  "/admin/users?sort=scope",
  "/admin/outbox",
];

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { DEMO: "1" } }), launchBrowser()]);
  context = await browser.newContext({ locale: "es-MX", viewport: DESK });
  page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${m.text()} ${m.location().url}`);
  });
  await page.goto(`${server.url}/login`);
  await page.fill('input[name="email"]', ADMIN);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.pathname !== "/login");
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

const overflow = () =>
  page.evaluate(() => {
    const doc = document.documentElement;
    const main = document.querySelector("main");
    return {
      document: doc.scrollWidth - doc.clientWidth,
      main: main ? main.scrollWidth - main.clientWidth : 0,
    };
  });

describe("admin lists", () => {
  it("fit at 1,366 and 390 px, with titles, sort headers and downloads, and no errors", async () => {
    for (const viewport of [DESK, PHONE]) {
      await page.setViewportSize(viewport);
      for (const path of PATHS) {
        await page.goto(`${server.url}${path}`);
        await waitForHydration(page);
        const where = `${path} at ${viewport.width} px`;
        expect(await overflow(), where).toEqual({ document: 0, main: 0 });
        expect(await page.title(), where).toMatch(/^\S.* · tierpool$/);
        expect(await page.locator("th[aria-sort]").count(), where).toBeGreaterThan(0);
        expect(await page.locator('[data-testid="download-csv"]').count(), where).toBeGreaterThan(
          0,
        );
        expect(errors, where).toEqual([]);
      }
    }
  }, 240_000);

  it("sorts from the keyboard and says how the list is sorted", async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/admin/members`);
    await waitForHydration(page);
    const header = page.locator('th[data-sort="country"]');
    expect(await page.locator('th[data-sort="name"]').getAttribute("aria-sort")).toBe("ascending");
    expect(await header.getAttribute("aria-sort")).toBe("none");
    await header.locator("a").focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("sort") === "country");
    await expect.poll(() => header.getAttribute("aria-sort")).toBe("ascending");
    await header.locator("a").focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("dir") === "desc");
    await expect.poll(() => header.getAttribute("aria-sort")).toBe("descending");
    const countries = await page
      .locator('[data-testid="members"] tbody tr td:nth-child(3)')
      .allTextContents();
    expect(countries.length).toBeGreaterThan(1);
    expect([...countries].sort().reverse()).toEqual(countries);
    expect(await page.locator('[data-testid="download-csv"]').getAttribute("href")).toBe(
      "/admin/members/export?sort=country&dir=desc&format=csv",
    );
    expect(errors).toEqual([]);
  }, 120_000);
});
