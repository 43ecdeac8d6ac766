// The member's and supplier's lists in a browser over the demo consortium (issue 15 item 11): the
// claims lists with their filter form, the supplier's months with sortable headers, on a desk and
// on a phone: no sideways scrolling, a title, no console error; a header click sorts.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, waitForHydration } from "@tests/setup/browser";
import { startServer, type TestServer } from "@tests/setup/server";

const PASSWORD = "tierpool-demo";
const SUPPLIER = "norte@suppliers.demo";
const MEMBER = "compras@seguridad97.demo";
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { DEMO: "1" } }), launchBrowser()]);
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

async function signIn(email: string) {
  const context = await browser.newContext({ locale: "en-US", viewport: VIEWPORTS[0] });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${m.text()} ${m.location().url}`);
  });
  await page.goto(`${server.url}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.pathname !== "/login");
  return { page, errors };
}

function sideways(page: Page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const main = document.querySelector("main");
    return [doc.scrollWidth - doc.clientWidth, main ? main.scrollWidth - main.clientWidth : 0];
  });
}

describe("lists on a desk and on a phone", () => {
  for (const [email, paths] of [
    [MEMBER, ["/member/claims", "/member/claims?status=&sort=amount&dir=desc"]],
    [SUPPLIER, ["/supplier/claims?status=", "/supplier?show=counted&sort=total&dir=desc"]],
  ] as const) {
    it(`${email}: fit, titled, without errors`, async () => {
      const { page, errors } = await signIn(email);
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        for (const path of paths) {
          await page.goto(`${server.url}${path}`);
          await waitForHydration(page);
          expect(await sideways(page), `${path} at ${viewport.width} px`).toEqual([0, 0]);
          expect(await page.title()).toMatch(/^\S.* · tierpool$/);
          expect(await page.locator('a[download][data-testid="download-csv"]').count()).toBe(1);
        }
      }
      expect(errors).toEqual([]);
    }, 120_000);
  }

  it("sorts the supplier's months by a header click, then the other way", async () => {
    const { page, errors } = await signIn(SUPPLIER);
    await page.goto(`${server.url}/supplier`);
    await waitForHydration(page);
    const total = page.locator('th[data-sort="total"]');
    await total.locator("a").click();
    await page.waitForURL((url) => url.searchParams.get("sort") === "total");
    expect(new URL(page.url()).searchParams.get("dir")).toBe("desc");
    await expect.poll(() => total.getAttribute("aria-sort")).toBe("descending");
    await total.locator("a").click();
    await page.waitForURL((url) => url.searchParams.get("dir") === "asc");
    await expect.poll(() => total.getAttribute("aria-sort")).toBe("ascending");
    expect(errors).toEqual([]);
  }, 120_000);
});
