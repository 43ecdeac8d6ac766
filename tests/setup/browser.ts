// Launches Debian's Chromium through playwright-core for the browser tests, and saves screenshots.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ROOT } from "./server";

export const ARTIFACTS = join(ROOT, "tests", "artifacts");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Saves a full-page PNG to tests/artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits until React has hydrated the page (root.tsx marks <html data-hydrated>). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector("html[data-hydrated]", { state: "attached" });
}

/** Collects the page's uncaught errors (hydration mismatches among them) from now on. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/**
 * Signs in through the login form and waits for the signed-in page itself: Remix changes the URL
 * before React has drawn the new page (the render runs in a transition), so waiting for the URL
 * alone leaves the login form on screen for a moment and a count read then reads the wrong page.
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
  landing?: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) =>
    landing === undefined ? url.pathname !== "/login" : url.pathname === landing,
  );
  await page.waitForSelector('input[name="password"]', { state: "detached" });
  await waitForHydration(page);
}
