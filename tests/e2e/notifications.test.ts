// A member's notifications in a real browser, over the demo consortium (whose history told them
// of runs posted, tiers near and a payout): the bell's count, the list, marking one read,
// following one to its screen; and the list at 390 px without sideways scrolling.
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchBrowser,
  pageErrors,
  screenshot,
  signIn,
  waitForHydration,
} from "@tests/setup/browser";
import { startServer, type TestServer } from "@tests/setup/server";

const MEMBER = "compras@seguridad97.demo";
const PASSWORD = "tierpool-demo";

let server: TestServer;
let browser: Browser;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const unread = () =>
  query<{ n: number }>(
    `SELECT count(*) n FROM notifications n JOIN users u ON u.id = n.user_id
      WHERE u.email = ? AND n.read_at IS NULL`,
    MEMBER,
  )[0].n;

beforeAll(async () => {
  server = await startServer({ env: { DEMO: "1" } });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function memberPage(width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: "en-US", viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signIn(page, server.url, MEMBER, PASSWORD);
  return { context, page };
}

const bellCount = async (page: Page) =>
  (await page.getByTestId("unread-count").count()) === 0
    ? 0
    : Number(await page.getByTestId("unread-count").innerText());

describe("the demo's history", () => {
  it("told the member firms, and its outbox holds the e-mails in each reader's language", () => {
    const kinds = query<{ kind: string }>(
      `SELECT DISTINCT n.kind FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE u.email = ? ORDER BY n.kind`,
      MEMBER,
    ).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(["batch_paid", "run_posted"]));
    const locales = query<{ locale: string }>(
      `SELECT DISTINCT locale FROM outbox WHERE kind = 'run_posted' ORDER BY locale`,
    ).map((r) => r.locale);
    expect(locales).toEqual(["en", "es", "pt-BR"]);
    expect(unread()).toBe(4);
  });
});

describe("a member's notifications", () => {
  it("shows the bell's count, opens the list, marks one read and follows another", async () => {
    const { context, page } = await memberPage(1280);
    const errors = pageErrors(page);
    await waitForHydration(page);
    expect(await bellCount(page)).toBe(4);
    await page.getByRole("link", { name: "Notifications: 4 unread" }).click();
    await page.waitForURL((url) => url.pathname === "/notifications");
    await waitForHydration(page);
    await expect(page.title()).resolves.toBe("Notifications · tierpool");
    expect(await page.locator(".notification-list li.unread").count()).toBe(4);
    await screenshot(page, "notifications-member");

    await page
      .locator(".notification-list li.unread")
      .first()
      .getByRole("button", { name: "Mark read" })
      .click();
    await page.getByRole("status").waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll(".notification-list li.unread").length === 3,
    );
    expect(await bellCount(page)).toBe(3);
    expect(unread()).toBe(3);

    const next = page.locator(".notification-list li.unread").first();
    const id = Number(await next.getAttribute("data-id"));
    const link = query<{ link: string }>(`SELECT link FROM notifications WHERE id = ?`, id)[0].link;
    await next.locator(".open button").click();
    await page.waitForURL((url) => url.pathname + url.search === link);
    await waitForHydration(page);
    expect(await bellCount(page)).toBe(2);
    expect(query(`SELECT read_at IS NOT NULL AS read FROM notifications WHERE id = ?`, id)).toEqual(
      [{ read: 1 }],
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it("fits 390 px without sideways scrolling", async () => {
    const { context, page } = await memberPage(390);
    await page.goto(`${server.url}/notifications`);
    await waitForHydration(page);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await screenshot(page, "notifications-member-390");
    await page.goto(`${server.url}/account/notifications`);
    await waitForHydration(page);
    await screenshot(page, "notification-preferences-390");
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      ),
    ).toBe(true);
    await context.close();
  });
});
