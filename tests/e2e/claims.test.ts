// Member claims in a real browser (SPEC 5.2): a member uploads the SAT's ZIP on a phone and sees
// each invoice's outcome; the supplier accepts one and rejects one from its queue; the member
// sees the decisions, and, after the next run, the accepted purchase marked "claimed" in its
// statement.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { claimFixture, claimsPortal, type ClaimsPortal } from "@tests/setup/claims";
import { launchBrowser, pageErrors, screenshot, waitForHydration } from "@tests/setup/browser";
import { fixturePath, loadTruth } from "@tests/setup/fixtures";
import { apiAs } from "@tests/setup/http";
import { ingest } from "@tests/setup/reports";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const truth = loadTruth();
let server: TestServer;
let browser: Browser;
let portal: ClaimsPortal;
const contexts: BrowserContext[] = [];

async function signIn(email: string, password: string, width = 390): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US", viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/login")),
    page.click('button[type="submit"]'),
  ]);
  return page;
}

async function postRun(month: string) {
  const preview = await portal.admin.post("/api/v1/allocation-runs", {
    programId: portal.programIds.get("Norte 2026"),
    month,
  });
  expect(preview.status, JSON.stringify(preview.body)).toBe(201);
  expect((await portal.admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`)).status).toBe(
    200,
  );
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  portal = await claimsPortal(server.url, admin, { reports: "none" });
  const norte = truth.suppliers.find((s) => s.key === "norte")!;
  for (const m of ["2026-01", "2026-02"]) {
    const file = fixturePath(`scenario-q1/reports/${norte.reports[m]}`);
    expect((await ingest(portal.suppliers.get("norte")!.api, file, m)).status).toBe("active");
  }
  await postRun("2026-01");
}, 300_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  server?.stop();
});

describe("claims in the browser", () => {
  it("a member uploads a ZIP on a phone and sees each invoice's outcome", async () => {
    const page = await signIn("member6@claims.example", "member-password-1");
    const errors = pageErrors(page);
    await page.goto(`${server.url}/member/claims`);
    await waitForHydration(page);
    expect(await page.title()).toMatch(/My claims/);
    await page.setInputFiles(
      '[data-testid="claim-upload-form"] input[name="file"]',
      claimFixture("sat-bulk-2026-03.zip"),
    );
    await page.click('[data-testid="claim-upload-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="claim-outcomes"]', { timeout: 30_000 });
    const rows = await page.$$eval('[data-testid="claim-outcomes"] tbody tr', (trs) =>
      trs.map((tr) => tr.getAttribute("data-outcome")),
    );
    expect(rows).toEqual(["pending", "pending", "pending", "not_preferred", "skipped"]);
    expect(await page.textContent('[data-testid="claim-counts"]')).toBe(
      "0 already reported, 3 pending, 1 not from a preferred supplier, 0 refused",
    );
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await screenshot(page, "claims-member-upload");
    expect(errors).toEqual([]);
  });

  it("the supplier accepts one claim and rejects another from its queue", async () => {
    const page = await signIn("norte@claims.example", "supplier-password-1", 1200);
    await page.goto(`${server.url}/supplier`);
    expect(await page.textContent('[data-testid="pending-claims"]')).toContain("2");
    await page.goto(`${server.url}/supplier/claims`);
    await waitForHydration(page);
    const card = (n: string) => page.locator(`li[data-claim="${n}"]`);
    expect(await page.locator("li[data-claim]").count()).toBe(2);
    await card("NO-7011").locator('button[value="accept"]').click();
    await page.waitForSelector('[data-testid="decided"]');
    expect(await page.textContent('[data-testid="decided"]')).toMatch(
      /^Claim #\d+ accepted: .+'s invoice NO-7011 of .+ counts in Norte.*'s volume from the next monthly run\.$/,
    );
    await card("NO-1211").locator('select[name="reason"]').selectOption("cancelled");
    await card("NO-1211").locator('button[value="reject"]').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="decided"]')?.textContent?.includes("rejected"),
    );
    // Decided claims leave the queue of pending ones.
    await page.waitForFunction(() => document.querySelectorAll("li[data-claim]").length === 0);
    await screenshot(page, "claims-supplier-queue");
  });

  it("the member sees the decisions, and the accepted purchase in the next statement", async () => {
    await postRun("2026-02");
    const page = await signIn("member6@claims.example", "member-password-1");
    await page.goto(`${server.url}/member/claims`);
    await waitForHydration(page);
    const status = (n: string) => page.locator(`li[data-claim="${n}"]`).getAttribute("data-status");
    expect(await status("NO-7011")).toBe("accepted");
    expect(await status("NO-1211")).toBe("rejected");
    expect(
      await page.locator('li[data-claim="NO-1211"] [data-testid="claim-reason"]').textContent(),
    ).toBe("Reason: Cancelled");
    await page.goto(`${server.url}/member/statement?from=2026-01&to=2026-02`);
    const claimed = await page.$$eval('[data-testid="statement-claimed"] tbody tr', (trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll("td")].map((td) => td.textContent?.replace(/\s+/g, " ").trim()),
      ),
    );
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toEqual([
      "Norte Cableado",
      "NO-7011 · Jan 27, 2026 claimed",
      "MX$93,836.25",
    ]);
    await screenshot(page, "claims-member-statement");
  });
});
