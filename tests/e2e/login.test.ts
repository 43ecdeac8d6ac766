// Signs in as each demo role in a real browser and checks the landing dashboards, errors and sign-out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, screenshot } from "@tests/setup/browser";
import { startServer, type TestServer } from "@tests/setup/server";

const PASSWORD = "tierpool-demo";
const ADMIN_EMAIL = "admin@tierpool.demo";
const SUPPLIER_EMAIL = "norte@suppliers.demo";
const MEMBER_EMAIL = "compras@seguridad97.demo";

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(locale = "en-US"): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  return context.newPage();
}

async function login(page: Page, email: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
}

async function loginAs(page: Page, email: string, path: string) {
  await login(page, email, PASSWORD);
  await page.waitForURL((url) => url.pathname === path);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { DEMO: "1" } }), launchBrowser()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe("sign-in by role", () => {
  it("admin lands on /admin with the consortium counts", async () => {
    const page = await newPage();
    await loginAs(page, ADMIN_EMAIL, "/admin");
    await expect.poll(() => page.locator("h1").first().textContent()).toBe("Consortium overview");
    expect((await page.getByTestId("count-members").textContent())?.trim()).toBe("12");
    expect((await page.getByTestId("count-suppliers").textContent())?.trim()).toBe("4");
    expect((await page.getByTestId("count-users").textContent())?.trim()).toBe("8");
    await screenshot(page, "admin-dashboard");
  });

  it.each([
    ["es", "Resumen del consorcio"],
    ["pt-BR", "Visão geral do consórcio"],
  ])("admin dashboard heading in %s", async (locale, heading) => {
    const page = await newPage(locale);
    await loginAs(page, ADMIN_EMAIL, "/admin");
    await expect.poll(() => page.locator("h1").first().textContent()).toBe(heading);
  });

  it("supplier lands on /supplier with its name", async () => {
    const page = await newPage();
    await loginAs(page, SUPPLIER_EMAIL, "/supplier");
    await expect
      .poll(() => page.getByTestId("supplier-name").textContent())
      .toContain("Norte Cableado");
    await screenshot(page, "supplier-dashboard");
  });

  it("member lands on /member with its name", async () => {
    const page = await newPage();
    await loginAs(page, MEMBER_EMAIL, "/member");
    await expect
      .poll(() => page.getByTestId("member-name").textContent())
      .toContain("Seguridad Acceso 97");
    await screenshot(page, "member-dashboard");
  });
});

describe("sign-in errors and access", () => {
  it("a wrong password shows the alert and stays on /login", async () => {
    const page = await newPage();
    await login(page, ADMIN_EMAIL, "not-the-password");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe("Wrong e-mail or password.");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("a member opening /admin gets the 403 page", async () => {
    const page = await newPage();
    await loginAs(page, MEMBER_EMAIL, "/member");
    const response = await page.goto(`${server.url}/admin`);
    expect(response?.status()).toBe(403);
    expect(await page.locator("h1").first().textContent()).toBe("403");
    expect((await page.getByRole("alert").textContent())?.trim()).toBe(
      "You may not see this page.",
    );
  });

  it("signing out returns to /login and /member then redirects to /login", async () => {
    const page = await newPage();
    await loginAs(page, MEMBER_EMAIL, "/member");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await page.goto(`${server.url}/member`);
    expect(new URL(page.url()).pathname).toBe("/login");
  });
});
