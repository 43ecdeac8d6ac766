// A member of a program with components (SPEC 3.7) in a real browser: a growth program (SPEC
// 3.7's growth tiers over last year's report) with a Q1 cameras bonus and an Access mix bonus,
// January and February posted over the API. The member sees each component's share, the growth
// over last year with what the next growth tier would add, what the mix bonus still needs, and
// each posting split by component on the statement and in its XLSX. Every figure is computed
// here from the lines, with arithmetic of its own, never by the app's code.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoReport, type DemoLine } from "@db/seed/demo-reports";
import { formatBps, formatMoney } from "~/i18n/locale";
import { launchBrowser, pageErrors, screenshot, waitForHydration } from "@tests/setup/browser";
import { apiAs, type ApiClient } from "@tests/setup/http";
import { ingest } from "@tests/setup/reports";
import { ADMIN, startServer, type TestServer } from "@tests/setup/server";

const YEAR = new Date().getUTCFullYear();
const PASSWORD = "components-member-1";
const EMAIL = "member@components.example";
const usd = (minor: number) => formatMoney(minor, "USD", "en");

let server: TestServer;
let browser: Browser;
let admin: ApiClient;
let programId: number;
let memberId: number;
const dir = mkdtempSync(join(tmpdir(), "components-member-"));

type Sale = { taxId: string; date: string; category: string; amountMinor: number };

// Last year's January: 100,000.00, the baseline B of both runs.
const PRIOR: Sale[] = [
  { taxId: "CMPAAA", date: `${YEAR - 1}-01-15`, category: "Other", amountMinor: 4_000_000 },
  { taxId: "CMPBBB", date: `${YEAR - 1}-01-20`, category: "Other", amountMinor: 6_000_000 },
];
const JANUARY: Sale[] = [
  { taxId: "CMPAAA", date: `${YEAR}-01-10`, category: "Cameras", amountMinor: 4_000_000 },
  { taxId: "CMPAAA", date: `${YEAR}-01-11`, category: "Access", amountMinor: 500_000 },
  { taxId: "CMPBBB", date: `${YEAR}-01-12`, category: "Cameras", amountMinor: 1_000_000 },
  { taxId: "CMPBBB", date: `${YEAR}-01-13`, category: "Access", amountMinor: 1_000_000 },
  { taxId: "CMPBBB", date: `${YEAR}-01-14`, category: "Other", amountMinor: 3_800_000 },
];
const FEBRUARY: Sale[] = [
  { taxId: "CMPAAA", date: `${YEAR}-02-03`, category: "Other", amountMinor: 50_000 },
];

async function upload(supplierId: number, period: string, sales: Sale[]) {
  const lines: DemoLine[] = sales.map((s, i) => ({
    date: s.date,
    invoice: `CM-${period}-${i + 1}`,
    key: s.taxId,
    name: `Firm ${s.taxId}`,
    sku: "SKU-1",
    category: s.category,
    quantity: 1,
    amountMinor: s.amountMinor,
    currency: "USD",
  }));
  const file = await writeDemoReport(dir, "axion", period, lines);
  const report = await ingest(admin, join(dir, file), period, supplierId);
  expect(report.status).toBe("active");
}

// ---- The figures, from the lines, with this file's own arithmetic. ----

/** round(n / d) half away from zero. */
function div(n: bigint, d: bigint): number {
  const q = n / d;
  const r = n % d;
  const away = 2n * (r < 0n ? -r : r) >= d;
  return Number(away ? q + (n < 0n ? -1n : 1n) : q);
}
const bpsOf = (x: number, bps: number) => div(BigInt(x) * BigInt(bps), 10_000n);
/** Largest remainder over weights (ties to the larger weight): the members' shares of a pool. */
function split(pool: number, weights: Map<string, number>): Map<string, number> {
  const sum = [...weights.values()].filter((w) => w > 0).reduce((a, b) => a + b, 0);
  const out = new Map<string, number>();
  if (sum <= 0) return new Map([...weights.keys()].map((k) => [k, 0]));
  const rows = [...weights].map(([k, w]) => {
    const exact = BigInt(pool) * BigInt(Math.max(0, w));
    return { k, w, floor: Number(exact / BigInt(sum)), rem: exact % BigInt(sum) };
  });
  let left = pool - rows.reduce((a, r) => a + r.floor, 0);
  rows.sort((a, b) => (a.rem === b.rem ? b.w - a.w : a.rem > b.rem ? -1 : 1));
  for (const r of rows) out.set(r.k, r.floor + (left-- > 0 ? 1 : 0));
  return out;
}
const sumWhere = (sales: Sale[], keep: (s: Sale) => boolean, by: string[]) =>
  new Map(
    by.map((k) => [
      k,
      sales.filter((s) => s.taxId === k && keep(s)).reduce((a, s) => a + s.amountMinor, 0),
    ]),
  );
const MEMBERS = ["CMPAAA", "CMPBBB"];
const GROWTH_TIERS = [
  { thresholdBps: 0, rateBps: 0 },
  { thresholdBps: 200, rateBps: 125 },
  { thresholdBps: 400, rateBps: 175 },
];

/** The member's figures after a run over `sales` (year to date). */
function expected(sales: Sale[]) {
  const B = PRIOR.reduce((a, s) => a + s.amountMinor, 0);
  const volumes = sumWhere(sales, () => true, MEMBERS);
  const V = [...volumes.values()].reduce((a, b) => a + b, 0);
  const reached = (v: number) =>
    GROWTH_TIERS.filter((t) => BigInt(v) * 10_000n >= BigInt(B) * BigInt(10_000 + t.thresholdBps));
  const net = (gross: number) => gross - bpsOf(gross, 1000);
  const tierNet = (v: number) => net(bpsOf(v, reached(v).at(-1)!.rateBps));
  const tier = split(tierNet(V), volumes);
  const cameras = sumWhere(
    sales,
    (s) => s.category === "Cameras" && s.date <= `${YEAR}-03-31`,
    MEMBERS,
  );
  const camerasPool = net(
    bpsOf(
      [...cameras.values()].reduce((a, b) => a + b, 0),
      150,
    ),
  );
  const access = sumWhere(sales, (s) => s.category === "Access", MEMBERS);
  const accessSum = [...access.values()].reduce((a, b) => a + b, 0);
  const camerasSum = [...cameras.values()].reduce((a, b) => a + b, 0);
  const mixMet = camerasSum >= 5_000_000 && accessSum >= 2_000_000;
  const growthBps = Number(((BigInt(V) - BigInt(B)) * 10_000n) / BigInt(B));
  const next = GROWTH_TIERS[reached(V).length];
  const target = Number((BigInt(B) * BigInt(10_000 + next.thresholdBps) + 9_999n) / 10_000n);
  const own = volumes.get("CMPAAA")!;
  return {
    tier: tier.get("CMPAAA")!,
    cameras: split(camerasPool, cameras).get("CMPAAA")!,
    mix: mixMet ? split(net(bpsOf(accessSum, 50)), access).get("CMPAAA")! : 0,
    growthBps,
    next,
    needed: target - V,
    extra: div(BigInt(tierNet(target) - tierNet(V)) * BigInt(own), BigInt(V)),
    accessNeeded: 2_000_000 - accessSum,
    mixGain: div(
      BigInt(net(bpsOf(accessSum, 50))) * BigInt(access.get("CMPAAA")!),
      BigInt(accessSum),
    ),
  };
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  admin = await apiAs(server.url, ADMIN.email, ADMIN.password);
  const supplier = await admin.post("/api/v1/suppliers", {
    name: "Components Supplier",
    currency: "USD",
  });
  expect(supplier.body.id).toBeGreaterThan(0);
  const members = await admin.post(
    "/api/v1/members",
    MEMBERS.map((taxId) => ({
      name: `Firm ${taxId}`,
      taxId,
      country: "MX",
      joinedOn: "2020-01-01",
    })),
  );
  memberId = members.body.find((m: { taxId: string }) => m.taxId === "CMPAAA").id;
  const program = await admin.post("/api/v1/programs", {
    supplierId: supplier.body.id,
    name: `Growth and cameras ${YEAR}`,
    currency: "USD",
    start: `${YEAR}-01-01`,
    end: `${YEAR}-12-31`,
    basis: "growth",
    method: "all-units",
    feeBps: 1000,
    tiers: GROWTH_TIERS,
    bonuses: [
      {
        name: "Q1 cameras",
        categories: ["Cameras"],
        start: `${YEAR}-01-01`,
        end: `${YEAR}-03-31`,
        rateBps: 150,
      },
      {
        name: "Access mix",
        categories: ["Access"],
        rateBps: 50,
        requires: [
          { category: "Cameras", minVolumeMinor: 5_000_000 },
          { category: "Access", minVolumeMinor: 2_000_000 },
        ],
      },
    ],
  });
  expect(program.body.id, JSON.stringify(program.body)).toBeGreaterThan(0);
  programId = program.body.id;
  const user = await admin.post("/api/v1/users", {
    email: EMAIL,
    password: PASSWORD,
    role: "member",
    memberId,
  });
  expect(user.body.id).toBeGreaterThan(0);
  await upload(supplier.body.id, `${YEAR - 1}-01`, PRIOR);
  for (const [month, sales] of [
    [`${YEAR}-01`, JANUARY],
    [`${YEAR}-02`, FEBRUARY],
  ] as const) {
    await upload(supplier.body.id, month, sales);
    const preview = await admin.post("/api/v1/allocation-runs", { programId, month });
    expect(preview.body.id, JSON.stringify(preview.body)).toBeGreaterThan(0);
    const posted = await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
    expect(posted.body.status).toBe("posted");
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(width: number): Promise<Page> {
  const context = await browser.newContext({ locale: "en-US", viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.fill('input[name="email"]', EMAIL);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.pathname !== "/login");
  return page;
}

const janFigures = expected(JANUARY);
const febFigures = expected([...JANUARY, ...FEBRUARY]);

describe("a member of a program with components", () => {
  it("the figures this test expects are SPEC 3.7's arithmetic", () => {
    // January: V 103,000.00 over B 100,000.00 is 3 %: 125 bp, N 1,158.75, 45/103 of it 506.25;
    // Q1 cameras 750.00 less 75.00, 4/5 of it 540.00; the Access mix unmet.
    expect(janFigures).toMatchObject({ tier: 50_625, cameras: 54_000, mix: 0, growthBps: 300 });
    // February: 103,500.00 is 3.5 %: N 1,164.37, the member's 511.87; 500.00 more reaches 4 %.
    expect(febFigures).toMatchObject({ tier: 51_187, growthBps: 350, needed: 50_000 });
    expect(febFigures.next.thresholdBps).toBe(400);
    expect(febFigures.accessNeeded).toBe(500_000);
  });

  it("sees each component, the growth over last year and the mix still needed on the dashboard", async () => {
    const page = await signIn(1280);
    const errors = pageErrors(page);
    await page.goto(`${server.url}/member`);
    await waitForHydration(page);
    expect(errors).toEqual([]);
    const card = page.getByTestId(`tier-card-${programId}`);
    const shares = card.getByTestId("component-shares");
    await expect(shares.locator('[data-component="tier"] [data-amount]').innerText()).resolves.toBe(
      usd(febFigures.tier),
    );
    await expect(
      shares.locator('[data-component="Q1 cameras"] [data-amount]').innerText(),
    ).resolves.toBe(usd(febFigures.cameras));
    await expect(
      shares.locator('[data-component="Access mix"] [data-amount]').innerText(),
    ).resolves.toBe(usd(0));
    await expect(shares.innerText()).resolves.toContain("Growth refund");
    const growth = await card.getByTestId("growth-now").innerText();
    expect(growth).toContain(
      `The group is ${formatBps(febFigures.growthBps, "en")} above last year`,
    );
    expect(growth).toContain(usd(10_000_000));
    const next = await card.getByTestId("next-tier").innerText();
    expect(next).toContain(formatBps(400, "en"));
    expect(next).toContain(usd(febFigures.needed));
    expect(next).toContain(formatBps(175, "en"));
    await expect(card.getByTestId("member-extra").innerText()).resolves.toContain(
      usd(febFigures.extra),
    );
    expect(Number(await card.getByRole("progressbar").getAttribute("aria-valuenow"))).toBe(
      Math.floor((febFigures.growthBps * 1000) / 400),
    );
    const mix = await card.getByTestId("mix-conditions").innerText();
    expect(mix).toContain(
      `Access needs ${usd(febFigures.accessNeeded)} more to switch the Access mix bonus on.`,
    );
    expect(mix).toContain(`It would pay you about ${usd(febFigures.mixGain)}.`);
    await screenshot(page, "components-member-dashboard");
    await page.context().close();
  });

  it("sees each posting split by component on the statement and in its XLSX", async () => {
    const page = await signIn(1280);
    await page.goto(`${server.url}/member/statement?from=${YEAR}-01&to=${YEAR}-12`);
    await waitForHydration(page);
    const postings = page.getByTestId("posting-components");
    await expect(postings.count()).resolves.toBe(2);
    const splits = [
      { month: `${YEAR}-01`, tier: janFigures.tier, cameras: janFigures.cameras, mix: 0 },
      {
        month: `${YEAR}-02`,
        tier: febFigures.tier - janFigures.tier,
        cameras: febFigures.cameras - janFigures.cameras,
        mix: 0,
      },
    ];
    for (const [i, s] of splits.entries()) {
      const list = postings.nth(i);
      await expect(list.locator('[data-component="tier"]').innerText()).resolves.toBe(
        `Growth refund: ${usd(s.tier)}`,
      );
      await expect(list.locator('[data-component="Q1 cameras"]').innerText()).resolves.toBe(
        `Q1 cameras: ${usd(s.cameras)}`,
      );
    }
    await screenshot(page, "components-member-statement");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("statement-xlsx").click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.getWorksheet("Postings by component");
    expect(sheet).toBeDefined();
    const rows: unknown[][] = [];
    sheet!.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    const program = `Growth and cameras ${YEAR}`;
    expect(rows).toEqual(
      splits.flatMap((s) => [
        [program, s.month, "USD", "Growth refund", s.tier / 100],
        [program, s.month, "USD", "Q1 cameras", s.cameras / 100],
        [program, s.month, "USD", "Access mix", s.mix / 100],
      ]),
    );
    // The postings add up to what the ledger credited the member.
    const balance = await admin.get(`/api/v1/members/${memberId}/balance`);
    expect(balance.body.balances).toEqual([
      { currency: "USD", amountMinor: febFigures.tier + febFigures.cameras },
    ]);
    await page.context().close();
  });

  it("at 390 px the dashboard and the statement do not scroll sideways", async () => {
    const page = await signIn(390);
    for (const path of ["/member", `/member/statement?from=${YEAR}-01&to=${YEAR}-12`]) {
      await page.goto(`${server.url}${path}`);
      await waitForHydration(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(390);
    }
    await screenshot(page, "components-member-390");
    await page.context().close();
  });
});
