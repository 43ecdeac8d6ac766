// Pages under their Content-Security-Policy (decision 040): Remix's inline scripts carry the
// render's nonce, so the app hydrates and navigates on the client, and the browser reports no
// violation on the way (sign-in, a dashboard with charts, a client-side link).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "@tests/setup/browser";
import { startServer, type TestServer } from "@tests/setup/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { DEMO: "1" } }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

declare global {
  interface Window {
    __violations?: string[];
    __sameDocument?: boolean;
    __remixRouter?: unknown;
  }
}

describe("pages under the CSP", () => {
  it("hydrate, sign in and navigate on the client with no violation", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    // Injected by the browser itself (not subject to the page's CSP), before any page script.
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        window.__violations!.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    const res = await page.goto(`${server.url}/login`);
    expect(res?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
    await page.waitForFunction(() => window.__remixRouter !== undefined);
    await page.fill('input[name="email"]', "admin@tierpool.demo");
    await page.fill('input[name="password"]', "tierpool-demo");
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.pathname === "/admin");
    await page.locator("h1").first().waitFor();

    // A link followed by the client router keeps the same document.
    await page.evaluate(() => (window.__sameDocument = true));
    await page.locator('nav a[href="/admin/members"]').first().click();
    await page.waitForURL((url) => url.pathname === "/admin/members");
    expect(await page.evaluate(() => window.__sameDocument)).toBe(true);

    expect(await page.evaluate(() => window.__violations)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
