// The e-mail pages in a real browser, at 390 px and in each language, without sideways scrolling:
// "forgot password" from the sign-in page through the reset link to signing in again, the
// unsubscribe confirmation, and the admin's Outbox with a message's text opened.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, pageErrors, screenshot, waitForHydration } from "@tests/setup/browser";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";
import { translate, type Locale, type MessageKey } from "~/i18n/locale";
import { unsubscribeToken } from "~/mail/unsubscribe.server";

const LOCALES = [
  ["en-US", "en"],
  ["es-MX", "es"],
  ["pt-BR", "pt-BR"],
] as const;

let server: TestServer;
let browser: Browser;

const sql = <T>(query: string, ...args: unknown[]) => server.sql<T>(query, ...args);

async function phone(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 } });
  return context.newPage();
}

/** The page's title in `lang` (decision 060: "<page> · tierpool"). */
const titled = (lang: Locale, key: MessageKey) =>
  translate(lang, "shell.title", { page: translate(lang, key) });

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

beforeAll(async () => {
  // The server signs unsubscribe links with this secret (tests/setup/server.ts sets it).
  process.env.SESSION_SECRET = "test-secret";
  server = await startServer({ env: { PUBLIC_URL: "http://portal.test" } });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("forgot password at 390 px", () => {
  it.each(LOCALES)("goes from the sign-in page to a new password (%s)", async (locale, lang) => {
    const page = await phone(locale);
    const errors = pageErrors(page);
    await page.goto(`${server.url}/login`);
    await waitForHydration(page);
    await page.locator('a[href="/forgot-password"]').click();
    await page.waitForURL(/\/forgot-password$/);
    await expect.poll(() => page.title()).toBe(titled(lang, "forgot.title"));
    await page.fill('input[name="email"]', ADMIN.email);
    await page.click('button[type="submit"]');
    await page.locator(".notice").waitFor();
    expect(await sideways(page)).toBe(0);
    await screenshot(page, `forgot-password-390-${lang}`);

    const [mail] = sql<{ text: string; locale: string }>(
      "SELECT text, locale FROM outbox WHERE kind = 'password_reset' ORDER BY id DESC LIMIT 1",
    );
    expect(mail.locale).toBe(lang);
    const path = /http:\/\/portal\.test(\/reset-password\/[\w-]+)/.exec(mail.text)![1];
    await page.goto(server.url + path);
    await waitForHydration(page);
    expect(await page.title()).toBe(titled(lang, "reset.title"));
    await page.fill('input[name="password"]', ADMIN.password);
    expect(await sideways(page)).toBe(0);
    await screenshot(page, `reset-password-390-${lang}`);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/login\?reset=1$/);
    await page.locator(".notice").waitFor();
    await page.fill('input[name="email"]', ADMIN.email);
    await page.fill('input[name="password"]', ADMIN.password);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.pathname === "/admin");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("unsubscribe at 390 px", () => {
  it.each(LOCALES)("confirms, then says it is done (%s)", async (locale, lang) => {
    const page = await phone(locale);
    await page.goto(`${server.url}/unsubscribe/${unsubscribeToken(1, "batch_awaiting_approval")}`);
    await waitForHydration(page);
    expect(await page.title()).toBe(titled(lang, "unsubscribe.title"));
    expect(await sideways(page)).toBe(0);
    await page.click('button[type="submit"]');
    await page.locator(".notice").waitFor();
    expect(await sideways(page)).toBe(0);
    await screenshot(page, `unsubscribe-390-${lang}`);
    expect(
      sql(
        "SELECT email FROM notification_preferences WHERE user_id = 1 AND kind = ?",
        "batch_awaiting_approval",
      ),
    ).toEqual([{ email: 0 }]);
    await page.context().close();
  });
});

describe("the Outbox at 390 px", () => {
  it("lists messages and opens one's text without sideways scrolling", async () => {
    sql(
      `INSERT INTO outbox (key, user_id, to_address, kind, locale, subject, text, html, state, attempts, last_reply, next_attempt_ms)
       VALUES ('long', 1, ?, 'batch_paid', 'en', ?, ?, 'h', 'failed', 1, ?, 0)`,
      ADMIN.email,
      "You were paid USD 1,234.56 (payout PAY-2026-000123-WITH-A-VERY-LONG-REFERENCE)",
      `A long line without spaces: ${"x".repeat(300)}\nand a second line.`,
      `550 5.1.1 <${"y".repeat(120)}@example.test>: Recipient address rejected`,
    );
    const page = await phone("en-US");
    const errors = pageErrors(page);
    await page.goto(`${server.url}/login`);
    await page.fill('input[name="email"]', ADMIN.email);
    await page.fill('input[name="password"]', ADMIN.password);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.pathname === "/admin");
    await page.goto(`${server.url}/admin/outbox?kind=batch_paid`);
    await waitForHydration(page);
    expect(await page.title()).toBe("Outbox · tierpool");
    await page.locator("summary").first().click();
    await page.locator("pre.mail-text").first().waitFor();
    expect(await sideways(page)).toBe(0);
    await screenshot(page, "outbox-390-en");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
