// The admin builds a program of components in the editor (SPEC 3.7) by typing amounts and
// percentages — in English, then a second bonus in Brazilian Portuguese — saves it, previews
// January's run and reads every component's figures, worked out here independently of the
// engine. The editor fits a 390 px phone without sideways scrolling.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  launchBrowser,
  pageErrors,
  screenshot,
  waitForHydration,
  signIn as signInAs,
} from "@tests/setup/browser";
import { bpsOf, componentSales, MEMBERS, SALES } from "@tests/setup/component-sales";
import { apiAs, type ApiClient } from "@tests/setup/http";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

let server: TestServer;
let browser: Browser;
let admin: ApiClient;
let programId: number;
const contexts: BrowserContext[] = [];

async function signIn(locale: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors = pageErrors(page);
  await signInAs(page, server.url, ADMIN.email, ADMIN.password, "/admin");
  return { page, errors };
}

/** The text box of an amount or percentage whose hidden field is `name`. */
const box = (page: Page, name: string) => page.locator(`input[data-name="${name}"]`);
/** What the editor says under that box (Intl's no-break spaces read as spaces). */
const means = async (page: Page, name: string) =>
  (await page.locator(`label:has(input[data-name="${name}"]) small`).textContent())?.replace(
    /\s/g,
    " ",
  );
const hidden = (page: Page, name: string) =>
  page.locator(`input[type="hidden"][name="${name}"]`).inputValue();

const usd = (minor: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(minor / 100);

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  await componentSales(admin, server.dir, ["2026-01"]);
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await server?.stop();
});

describe("the admin edits a program's components", () => {
  it("builds a growth program with a bonus by typing amounts and percentages in English", async () => {
    const { page, errors } = await signIn("en-US");
    await page.goto(`${server.url}/admin/programs`);
    await waitForHydration(page);
    await page.selectOption('.program-form select[name="supplierId"]', { label: "Axion (USD)" });
    await expect.poll(() => page.inputValue('input[name="currency"]')).toBe("USD");
    await page.fill('input[name="name"]', "Axion growth 2026");
    await page.fill('input[name="start"]', "2026-01-01");
    await page.fill('input[name="end"]', "2026-12-31");
    await box(page, "feeBps").fill("10");
    await page.selectOption('select[name="basis"]', "growth");
    await box(page, "tiers.0.rateBps").fill("0");
    await page.click("text=Add a tier");
    await box(page, "tiers.1.thresholdBps").fill("2");
    await box(page, "tiers.1.rateBps").fill("1.25");
    await page.click("text=Add a tier");
    await box(page, "tiers.2.thresholdBps").fill("4");
    await box(page, "tiers.2.rateBps").fill("1.75");
    // A Brazilian-looking amount is not guessed at in English: the reason shows under it.
    await box(page, "refundCapMinor").fill("1.000,00");
    await expect
      .poll(() => means(page, "refundCapMinor"))
      .toBe("The separators do not match your format: write it like 5,303.21.");
    expect(await hidden(page, "refundCapMinor")).toBe("");
    await box(page, "refundCapMinor").fill("1,000.00");
    await expect.poll(() => means(page, "refundCapMinor")).toBe("$1,000.00");
    expect(await hidden(page, "refundCapMinor")).toBe("100000");
    await page.click("text=Add a month");
    await page.fill('input[name="baselines.0.month"]', "2025-01");
    await box(page, "baselines.0.amountMinor").fill("57,000");
    await expect.poll(() => means(page, "baselines.0.amountMinor")).toBe("$57,000.00");
    await page.click("text=Add a bonus");
    const card = page.locator('section[aria-label="Bonus 1"]');
    await card.locator('input[name="bonuses.0.name"]').fill("Q1 cameras");
    await card.locator('input[name="bonuses.0.categories"]').fill("Cameras");
    await card.locator('input[type="month"]').nth(0).fill("2026-01");
    await card.locator('input[type="month"]').nth(1).fill("2026-03");
    await expect.poll(() => hidden(page, "bonuses.0.end")).toBe("2026-03-31");
    await box(page, "bonuses.0.rateBps").fill("1.5");
    await expect.poll(() => means(page, "bonuses.0.rateBps")).toBe("1.5%");
    // A window past the program's end is the server's refusal, shown at the field it names.
    await card.locator('input[type="month"]').nth(1).fill("2027-01");
    await page.click('button[name="intent"][value="create"]');
    const refusal = "must be a date from 2026-01-01 to 2026-12-31";
    await expect
      .poll(() => card.locator("label:has(input[type=month]) em.error").allTextContents())
      .toEqual([refusal]);
    expect(await page.locator('[role="alert"] li').allTextContents()).toEqual([
      `Bonus 1 · To month: ${refusal}`,
    ]);
    await card.locator('input[type="month"]').nth(1).fill("2026-03");
    await expect.poll(() => hidden(page, "bonuses.0.end")).toBe("2026-03-31");
    await screenshot(page, "components-admin-editor");
    await page.click('button[name="intent"][value="create"]');
    await expect
      .poll(() => page.locator('[role="status"]').textContent())
      .toBe("Program Axion growth 2026 created.");
    const program = (await admin.get("/api/v1/programs")).body.find(
      (p: { name: string }) => p.name === "Axion growth 2026",
    );
    programId = program.id;
    expect(program).toMatchObject({
      feeBps: 1000,
      basis: "growth",
      growthPays: "whole",
      tiers: [
        { thresholdBps: 0, rateBps: 0 },
        { thresholdBps: 200, rateBps: 125 },
        { thresholdBps: 400, rateBps: 175 },
      ],
      refundCapMinor: 100_000,
      baselines: [{ month: "2025-01", amountMinor: 5_700_000 }],
      bonuses: [
        {
          name: "Q1 cameras",
          categories: ["Cameras"],
          start: "2026-01-01",
          end: "2026-03-31",
          rateBps: 150,
          perUnitMinor: null,
        },
      ],
    });
    expect(errors).toEqual([]);
  });

  it("adds a per-unit bonus with a mix condition typed in Brazilian format", async () => {
    const { page, errors } = await signIn("pt-BR");
    await page.goto(`${server.url}/admin/programs/${programId}`);
    await waitForHydration(page);
    expect(await box(page, "refundCapMinor").inputValue()).toBe("1.000,00");
    expect(await box(page, "tiers.2.rateBps").inputValue()).toBe("1,75");
    await page.click("text=Adicionar um bônus");
    const card = page.locator('section[aria-label="Bônus 2"]');
    await card.locator('input[name="bonuses.1.name"]').fill("Access mix");
    await card.locator('input[name="bonuses.1.categories"]').fill("Access");
    await card.locator('input[type="radio"][value="perUnit"]').check();
    await box(page, "bonuses.1.perUnitMinor").fill("2,50");
    await expect.poll(() => means(page, "bonuses.1.perUnitMinor")).toBe("US$ 2,50");
    await card.locator("text=Adicionar uma condição").click();
    await card.locator('input[name="bonuses.1.requires.0.category"]').fill("Cameras");
    await box(page, "bonuses.1.requires.0.minVolumeMinor").fill("50.000,00");
    expect(await hidden(page, "bonuses.1.requires.0.minVolumeMinor")).toBe("5000000");
    await page.click('button[name="intent"][value="edit"]');
    await expect
      .poll(() => page.locator('[role="status"]').textContent())
      .toBe("Axion growth 2026 salvo.");
    const program = (await admin.get("/api/v1/programs")).body.find(
      (p: { id: number }) => p.id === programId,
    );
    expect(program.bonuses[1]).toEqual({
      name: "Access mix",
      categories: ["Access"],
      skus: [],
      start: null,
      end: null,
      rateBps: null,
      perUnitMinor: 250,
      requires: [{ category: "Cameras", minVolumeMinor: 5_000_000 }],
    });
    expect(errors).toEqual([]);
  });

  it("previews January's run and sees each component's figures and limit", async () => {
    const { page, errors } = await signIn("en-US");
    await page.goto(`${server.url}/admin/runs`);
    await waitForHydration(page);
    await page.selectOption('select[name="programId"]', String(programId));
    await page.fill('input[name="month"]', "2026-01");
    await page.click('button:has-text("Preview")');
    await page.waitForSelector("article[data-component]");
    // Worked independently from the month's lines.
    const lines = SALES["2026-01"];
    const v = lines.reduce((a, l) => a + l.amountMinor, 0);
    const baseline = 5_700_000;
    expect(v * 10_000 >= baseline * 10_400).toBe(true); // 4 % growth reached: 175 bp
    const tierGross = Math.min(bpsOf(v, 175), 100_000);
    const cameras = lines.filter((l) => l.category === "Cameras");
    const q1Basis = cameras.reduce((a, l) => a + l.amountMinor, 0);
    const q1Gross = bpsOf(q1Basis, 150);
    const units = lines.filter((l) => l.category === "Access").reduce((a, l) => a + l.qty, 0);
    const mixGross = q1Basis >= 5_000_000 ? units * 250 : 0;
    const fee = (g: number) => bpsOf(g, 1000);
    const field = (component: string, name: string) =>
      page.locator(`article[data-component="${component}"] dd[data-field="${name}"]`).textContent();
    const expected: Record<string, Record<string, string>> = {
      tier: {
        basis: usd(v),
        baseline: `${usd(baseline)} · growth 5.26%`,
        rate: "Tier 3 · 1.75%",
        gross: usd(tierGross),
        fee: usd(fee(tierGross)),
        net: usd(tierGross - fee(tierGross)),
        limit: "Refund cap",
      },
      "Q1 cameras": {
        basis: usd(q1Basis),
        rate: "1.5%",
        gross: usd(q1Gross),
        fee: usd(fee(q1Gross)),
        net: usd(q1Gross - fee(q1Gross)),
      },
      "Access mix": {
        basis: usd(units * 250),
        rate: "$2.50 per unit",
        gross: usd(mixGross),
        fee: usd(fee(mixGross)),
        net: usd(mixGross - fee(mixGross)),
        mix: `Cameras: ${usd(q1Basis)} of $50,000.00 — met`,
      },
    };
    for (const [component, fields] of Object.entries(expected))
      for (const [name, text] of Object.entries(fields))
        expect(await field(component, name), `${component} ${name}`).toBe(text);
    expect(expected.tier.gross).toBe("$1,000.00");
    // Each member's share of each component: the tier by volume, the bonuses by own weights.
    const v1 = lines.filter((l) => l.member === 0).reduce((a, l) => a + l.amountMinor, 0);
    const tierNet = tierGross - fee(tierGross);
    const q1Net = q1Gross - fee(q1Gross);
    const m1 = [
      Math.floor((tierNet * v1) / v),
      Math.floor((q1Net * cameras.filter((l) => l.member === 0)[0].amountMinor) / q1Basis),
      0,
    ];
    const m2 = [tierNet - m1[0], q1Net - m1[1], mixGross - fee(mixGross)];
    const shares = await page
      .locator('[data-testid="member-components"] tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) =>
          [...r.querySelectorAll("td")].map((td) => td.firstChild?.textContent?.trim() ?? ""),
        ),
      );
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    expect(shares).toEqual([
      [MEMBERS[0].name, ...m1.map(usd), usd(sum(m1))],
      [MEMBERS[1].name, ...m2.map(usd), usd(sum(m2))],
    ]);
    expect(m1.map(usd)).toEqual(["$600.00", "$540.00", "$0.00"]);
    await screenshot(page, "components-admin-run");
    expect(errors).toEqual([]);
  });

  it("compares the saved program with an edit on past volume before saving it", async () => {
    const { page, errors } = await signIn("en-US");
    await page.goto(`${server.url}/admin/programs/${programId}`);
    await waitForHydration(page);
    await box(page, "refundCapMinor").fill("");
    await page.click('button[name="intent"][value="simulate"]');
    await page.waitForSelector('[data-testid="offers"]');
    const rows = await page
      .locator('[data-testid="offers"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent)),
      );
    // Through December only January was reported: without the cap the growth tier pays
    // 1.75 % of the whole 60,000.00; the bonuses are the same in both offers.
    const lines = SALES["2026-01"];
    const v = lines.reduce((a, l) => a + l.amountMinor, 0);
    const q1 = bpsOf(
      lines.filter((l) => l.category === "Cameras").reduce((a, l) => a + l.amountMinor, 0),
      150,
    );
    const mix = 20 * 250;
    expect(rows).toEqual([
      ["Growth refund", usd(100_000), usd(bpsOf(v, 175)), usd(bpsOf(v, 175) - 100_000)],
      ["Q1 cameras", usd(q1), usd(q1), usd(0)],
      ["Access mix", usd(mix), usd(mix), usd(0)],
      [
        "Total",
        usd(100_000 + q1 + mix),
        usd(bpsOf(v, 175) + q1 + mix),
        usd(bpsOf(v, 175) - 100_000),
      ],
    ]);
    await screenshot(page, "components-admin-offers");
    await page.reload();
    await waitForHydration(page);
    expect(await box(page, "refundCapMinor").inputValue()).toBe("1,000.00");
    expect(errors).toEqual([]);
  });

  it("fits the editor and the run preview on a 390 px phone without sideways scrolling", async () => {
    const { page, errors } = await signIn("en-US");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/admin/programs/${programId}`);
    await waitForHydration(page);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.client).toBe(390);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await screenshot(page, "components-admin-editor-390");
    await page.goto(`${server.url}/admin/runs`);
    await waitForHydration(page);
    await page.selectOption('select[name="programId"]', String(programId));
    await page.fill('input[name="month"]', "2026-01");
    await page.click('button:has-text("Preview")');
    await page.waitForSelector("article[data-component]");
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      ),
    ).toBe(true);
    await screenshot(page, "components-admin-run-390");
    expect(errors).toEqual([]);
  });
});
