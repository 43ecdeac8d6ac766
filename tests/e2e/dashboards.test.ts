// Each role's dashboard in a real browser, over the demo consortium (its six months of reports and
// posted runs): the figures on screen are checked against values computed here independently,
// from the API (balances, trial balance) and from the database's posted runs and journal, never
// by calling the dashboard code. If the demo has posted no run, a consortium is seeded through the
// API instead (SPEC 3.3's worked example), and the same checks run over it.
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney, pickLocale, type Locale } from "~/i18n/locale";
import { membersPool } from "~/refunds/forecast";
import { convertMinor, parseRate } from "~/refunds/fx";
import type { Tier, TierMethod } from "~/refunds/tiers";
import {
  launchBrowser,
  pageErrors,
  screenshot,
  waitForHydration,
  signIn as signInAs,
} from "@tests/setup/browser";
import { insertActiveReport, specExampleProgram } from "@tests/setup/factories";
import { ApiClient, apiAs, type Json } from "@tests/setup/http";
import { startServer, type TestServer } from "@tests/setup/server";

const DEMO_PASSWORD = "tierpool-demo";
const ADMIN_EMAIL = "admin@tierpool.demo";
const YEAR = new Date().getUTCFullYear();

let server: TestServer;
let browser: Browser;
let admin: ApiClient;
let logins: { member: string; supplier: string; password: string };

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function userOf(email: string) {
  return query<{ id: number; memberId: number | null; supplierId: number | null; locale: string }>(
    `SELECT id, member_id AS memberId, supplier_id AS supplierId, locale FROM users WHERE email = ?`,
    email,
  )[0];
}

/** The language the page will use: the user's setting, else the browser's (en-US here). */
function localeOf(email: string): Locale {
  return pickLocale(userOf(email).locale, "en-US");
}

/** SPEC 3.3's example over the API, when the demo has no posted run to look at. */
async function seedOwnConsortium(): Promise<typeof logins> {
  const password = "dashboards-e2e-1";
  const supplierId = (
    await admin.post("/api/v1/suppliers", { name: "Axion Dashboards", currency: "USD" })
  ).body.id;
  const members = (
    await admin.post(
      "/api/v1/members",
      ["DSHAAA", "DSHBBB", "DSHCCC"].map((taxId) => ({
        name: `Firm ${taxId}`,
        taxId,
        country: "MX",
        joinedOn: "2020-01-01",
      })),
    )
  ).body;
  const program = await admin.post("/api/v1/programs", {
    ...specExampleProgram(supplierId),
    name: `Axion ${YEAR}`,
    start: `${YEAR}-01-01`,
    end: `${YEAR}-12-31`,
  });
  await admin.post("/api/v1/users", {
    email: "member@dash.example",
    password,
    role: "member",
    memberId: members[0].id,
  });
  await admin.post("/api/v1/users", {
    email: "supplier@dash.example",
    password,
    role: "supplier",
    supplierId,
  });
  const months: [string, { memberTaxId: string; date: string; amountMinor: number }[]][] = [
    [
      `${YEAR}-01`,
      [
        { memberTaxId: "DSHAAA", date: `${YEAR}-01-10`, amountMinor: 4_000_000 },
        { memberTaxId: "DSHBBB", date: `${YEAR}-01-12`, amountMinor: 2_000_000 },
        { memberTaxId: "DSHCCC", date: `${YEAR}-01-20`, amountMinor: 2_000_000 },
      ],
    ],
    [`${YEAR}-02`, [{ memberTaxId: "DSHAAA", date: `${YEAR}-02-03`, amountMinor: 10_000_000 }]],
  ];
  for (const [month, lines] of months) {
    insertActiveReport(server.dbPath, supplierId, month, lines);
    const preview = await admin.post("/api/v1/allocation-runs", {
      programId: program.body.id,
      month,
    });
    await admin.post(`/api/v1/allocation-runs/${preview.body.id}/post`);
  }
  return { member: "member@dash.example", supplier: "supplier@dash.example", password };
}

/** Demo logins with something to show: a member with postings, a supplier with a posted run. */
function demoLogins(): typeof logins | null {
  const member = query<{ email: string }>(
    `SELECT u.email FROM users u JOIN journal_lines jl ON jl.member_id = u.member_id
      WHERE u.role = 'member' GROUP BY u.email ORDER BY count(*) DESC, u.email LIMIT 1`,
  )[0];
  // A supplier with a posted run; one that has paid something first, to see "paid" too.
  const supplier = query<{ email: string }>(
    `SELECT u.email FROM users u
      WHERE u.role = 'supplier' AND EXISTS (SELECT 1 FROM programs p JOIN allocation_runs r
              ON r.program_id = p.id AND r.status = 'posted' WHERE p.supplier_id = u.supplier_id)
      ORDER BY EXISTS (SELECT 1 FROM journal_lines jl JOIN journal_entries je ON je.id = jl.entry_id
                        WHERE je.kind = 'supplier_payment'
                          AND jl.account = 'supplier_receivable:' || u.supplier_id) DESC, u.email
      LIMIT 1`,
  )[0];
  return member && supplier
    ? { member: member.email, supplier: supplier.email, password: DEMO_PASSWORD }
    : null;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { DEMO: "1" } }), launchBrowser()]);
  admin = await apiAs(server.url, ADMIN_EMAIL, DEMO_PASSWORD);
  logins = demoLogins() ?? (await seedOwnConsortium());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(email: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await signInAs(page, server.url, email, password);
  return context;
}

async function openAll(page: Page) {
  // Opens every "show as table" toggle, so the screenshot and the checks see the exact figures.
  await waitForHydration(page);
  await page.$$eval("details.chart-table", (all) => all.forEach((d) => d.setAttribute("open", "")));
}

const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

type Run = {
  id: number;
  programId: number;
  month: string;
  pooled: number;
  rate: number;
  method: TierMethod;
  feeBps: number;
  currency: string;
  name: string;
  basis: "volume" | "growth";
};

/** The latest posted run of each program of the year, straight from the database. */
function lastPostedRuns(supplierId?: number): Run[] {
  return query<Run>(
    `SELECT r.id, r.program_id AS programId, r.month, r.pooled_volume_minor AS pooled,
            r.rate_bps AS rate, p.method, p.fee_bps AS feeBps, p.currency, p.name, p.basis
       FROM allocation_runs r JOIN programs p ON p.id = r.program_id
      WHERE r.status = 'posted' AND r.month LIKE ? AND (? IS NULL OR p.supplier_id = ?)
        AND r.id = (SELECT r2.id FROM allocation_runs r2 WHERE r2.program_id = r.program_id
                     AND r2.status = 'posted' ORDER BY r2.month DESC, r2.id DESC LIMIT 1)`,
    `${YEAR}-%`,
    supplierId ?? null,
    supplierId ?? null,
  );
}

/**
 * A program's eligible volume by invoice month (decision 061), straight from the active reports'
 * lines: matched, not held, in the window, the membership and the categories; other currencies
 * converted per line at the admin's rate of the invoice month.
 */
function invoiceMonthVolume(programId: number): Map<string, number> {
  const [p] = query<{
    supplierId: number;
    currency: string;
    start: string;
    end: string;
    include: string;
    exclude: string;
  }>(
    `SELECT supplier_id AS supplierId, currency, start, "end", include_categories AS include,
            exclude_categories AS exclude FROM programs WHERE id = ?`,
    programId,
  );
  const norm = (c: string) => c.trim().toLowerCase();
  const include = new Set((JSON.parse(p.include) as string[]).map(norm));
  const exclude = new Set((JSON.parse(p.exclude) as string[]).map(norm));
  const rates = new Map(
    query<{ key: string; rate: string }>(
      `SELECT from_currency || ' ' || month AS key, rate FROM fx_rates WHERE to_currency = ?`,
      p.currency,
    ).map((r) => [r.key, parseRate(r.rate)]),
  );
  const lines = query<{ date: string; amount: number; currency: string; category: string | null }>(
    `SELECT l.invoice_date AS date, l.amount_minor AS amount, l.currency, l.category
       FROM report_lines l JOIN reports r ON r.id = l.report_id AND r.status = 'active'
       JOIN members m ON m.id = l.member_id
      WHERE l.supplier_id = ? AND l.duplicate_status IS NOT 'held'
        AND l.invoice_date BETWEEN ? AND ?
        AND l.invoice_date >= m.joined_on AND (m.left_on IS NULL OR l.invoice_date < m.left_on)`,
    p.supplierId,
    p.start,
    p.end,
  );
  const byMonth = new Map<string, number>();
  for (const l of lines) {
    const category = l.category === null ? null : norm(l.category);
    if (
      category === null
        ? include.size > 0
        : (include.size > 0 && !include.has(category)) || exclude.has(category)
    )
      continue;
    const month = l.date.slice(0, 7);
    let amount = l.amount;
    if (l.currency !== p.currency) {
      const rate = rates.get(`${l.currency} ${month}`);
      if (!rate) continue;
      amount = convertMinor(amount, l.currency, p.currency, rate);
    }
    byMonth.set(month, (byMonth.get(month) ?? 0) + amount);
  }
  return byMonth;
}

function tiersOf(programId: number): Tier[] {
  return query<Tier>(
    `SELECT threshold_minor AS thresholdMinor, rate_bps AS rateBps FROM tiers
      WHERE program_id = ? ORDER BY position`,
    programId,
  );
}

/**
 * A growth program's bar (SPEC 3.7): growth over the run's baseline, floored, against the first
 * growth threshold not reached yet; full at the top tier, empty below last year.
 */
function growthPermille(run: Run): number {
  const [{ baseline }] = query<{ baseline: number }>(
    `SELECT baseline_minor AS baseline FROM allocation_run_components
      WHERE run_id = ? AND kind = 'tier'`,
    run.id,
  );
  const thresholds = query<{ t: number }>(
    `SELECT threshold_bps AS t FROM growth_tiers WHERE program_id = ? ORDER BY position`,
    run.programId,
  ).map((r) => r.t);
  if (baseline <= 0) return 0;
  const v = BigInt(run.pooled) * 10_000n;
  const next = thresholds.find((t) => v < BigInt(baseline) * BigInt(10_000 + t));
  if (next === undefined) return 1000;
  const diff = (BigInt(run.pooled) - BigInt(baseline)) * 10_000n;
  const growth =
    Number(diff / BigInt(baseline)) - (diff < 0n && diff % BigInt(baseline) !== 0n ? 1 : 0);
  return growth <= 0 || next <= 0 ? 0 : Math.min(1000, Math.floor((growth * 1000) / next));
}

/** round(x × num / den) half away from zero, in BigInt. */
function share(x: number, num: number, den: number): number {
  if (den <= 0 || num <= 0) return 0;
  const n = BigInt(x) * BigInt(num);
  const d = BigInt(den);
  const q = n / d;
  const r = n % d;
  const abs = (v: bigint) => (v < 0n ? -v : v);
  return Number(2n * abs(r) >= d ? q + (n < 0n ? -1n : 1n) : q);
}

describe("the member dashboard", () => {
  it("shows the member's earnings, balance and next-tier cards with the ledger's figures", async () => {
    const user = userOf(logins.member);
    const locale = localeOf(logins.member);
    const context = await signIn(logins.member, logins.password);
    const page = await context.newPage();
    // No uncaught error, hydration mismatches (React #418/#425) among them.
    const errors = pageErrors(page);
    await page.goto(`${server.url}/member`);
    await openAll(page);
    expect(errors).toEqual([]);

    const balance = await admin.get(`/api/v1/members/${user.memberId}/balance`);
    expect(balance.status).toBe(200);
    const balanceText = await text(page, "balance");
    for (const b of balance.body.balances as Json[]) {
      expect(balanceText).toContain(formatMoney(b.amountMinor, b.currency, locale));
    }
    const earned = query<{ currency: string; amount: number }>(
      `SELECT jl.currency, -sum(jl.amount_minor) AS amount FROM journal_lines jl
         JOIN journal_entries je ON je.id = jl.entry_id
        WHERE je.kind = 'allocation' AND jl.account = ? AND jl.month LIKE ? GROUP BY jl.currency`,
      `member_payable:${user.memberId}`,
      `${YEAR}-%`,
    );
    expect(earned.length).toBeGreaterThan(0);
    const earnedText = await text(page, "earned-this-year");
    for (const e of earned) expect(earnedText).toContain(formatMoney(e.amount, e.currency, locale));

    // Each program's card, against the run: the volume still needed and the member's extra.
    let cards = 0;
    for (const run of lastPostedRuns()) {
      const tiers = tiersOf(run.programId);
      const next = tiers.find((t) => t.thresholdMinor > run.pooled);
      const [own] = query<{ v: number }>(
        `SELECT volume_minor AS v FROM allocation_run_members WHERE run_id = ? AND member_id = ?`,
        run.id,
        user.memberId,
      );
      const [all] = query<{ v: number }>(
        `SELECT sum(volume_minor) AS v FROM allocation_run_members WHERE run_id = ? AND volume_minor > 0`,
        run.id,
      );
      const card = page.getByTestId(`tier-card-${run.programId}`);
      await expect(card.getByTestId("pooled-volume").innerText()).resolves.toBe(
        formatMoney(run.pooled, run.currency, locale),
      );
      const nextText = await card.getByTestId("next-tier").innerText();
      if (next) {
        const extraPool =
          membersPool(next.thresholdMinor, tiers, run.method, run.feeBps) -
          membersPool(run.pooled, tiers, run.method, run.feeBps);
        const extra = share(extraPool, own?.v ?? 0, all.v);
        expect(nextText).toContain(
          formatMoney(next.thresholdMinor - run.pooled, run.currency, locale),
        );
        if ((own?.v ?? 0) > 0) {
          expect(nextText).toContain(formatMoney(extra, run.currency, locale));
        }
      }
      const progress = card.getByRole("progressbar");
      const expectedPermille =
        run.basis === "growth"
          ? growthPermille(run)
          : next
            ? Math.min(1000, Math.max(0, Math.floor((run.pooled * 1000) / next.thresholdMinor)))
            : 1000;
      expect(Number(await progress.getAttribute("aria-valuenow"))).toBe(expectedPermille);
      cards++;
    }
    expect(cards).toBeGreaterThan(0);

    // The chart's table: each month's total is what the member's allocations credited that month.
    const byMonth = query<{ month: string; currency: string; amount: number }>(
      `SELECT jl.month, jl.currency, -sum(jl.amount_minor) AS amount FROM journal_lines jl
         JOIN journal_entries je ON je.id = jl.entry_id
        WHERE je.kind = 'allocation' AND jl.account = ? AND jl.month LIKE ?
        GROUP BY jl.month, jl.currency`,
      `member_payable:${user.memberId}`,
      `${YEAR}-%`,
    );
    for (const m of byMonth) {
      const cell = page
        .getByTestId(`earned-chart-${m.currency}`)
        .locator(`tr[data-month="${m.month}"] td[data-total]`);
      await expect(cell.innerText()).resolves.toBe(formatMoney(m.amount, m.currency, locale));
    }
    await expect(page.locator(".dash-chart svg.recharts-surface").count()).resolves.toBeGreaterThan(
      0,
    );
    await screenshot(page, "dashboard-member");
    await context.close();
  });
});

describe("the supplier dashboard", () => {
  it("shows the month grid, the volume against the thresholds and the refund owed", async () => {
    const user = userOf(logins.supplier);
    const locale = localeOf(logins.supplier);
    const context = await signIn(logins.supplier, logins.password);
    const page = await context.newPage();
    // No uncaught error, hydration mismatches (React #418/#425) among them.
    const errors = pageErrors(page);
    await page.goto(`${server.url}/supplier`);
    await openAll(page);
    expect(errors).toEqual([]);
    await expect(page.getByTestId("months").locator("tbody tr").count()).resolves.toBe(12);

    const trial = await admin.get("/api/v1/ledger/trial-balance");
    expect(trial.status).toBe(200);
    const rows: Json[] = Array.isArray(trial.body) ? trial.body : (trial.body.accounts ?? []);
    const owed = rows.filter((r) => r.account === `supplier_receivable:${user.supplierId}`);
    expect(owed.length).toBeGreaterThan(0);
    for (const r of owed) {
      const cell = page
        .getByTestId("refund-account")
        .locator(`tr[data-currency="${r.currency}"] td[data-owed]`);
      await expect(cell.innerText()).resolves.toBe(formatMoney(r.balanceMinor, r.currency, locale));
    }
    const paid = query<{ currency: string; amount: number }>(
      `SELECT jl.currency, -sum(jl.amount_minor) AS amount FROM journal_lines jl
         JOIN journal_entries je ON je.id = jl.entry_id
        WHERE je.kind = 'supplier_payment' AND jl.account = ? GROUP BY jl.currency`,
      `supplier_receivable:${user.supplierId}`,
    );
    for (const p of paid) {
      const cell = page
        .getByTestId("refund-account")
        .locator(`tr[data-currency="${p.currency}"] td[data-paid]`);
      await expect(cell.innerText()).resolves.toBe(formatMoney(p.amount, p.currency, locale));
    }
    const runs = query<{ programId: number; month: string; pooled: number; currency: string }>(
      `SELECT r.program_id AS programId, r.month, r.pooled_volume_minor AS pooled, p.currency
         FROM allocation_runs r JOIN programs p ON p.id = r.program_id
        WHERE r.status = 'posted' AND p.supplier_id = ? AND r.month LIKE ?
          AND r.id = (SELECT max(r2.id) FROM allocation_runs r2 WHERE r2.program_id = r.program_id
                       AND r2.month = r.month AND r2.status = 'posted')`,
      user.supplierId,
      `${YEAR}-%`,
    );
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      const cell = page
        .getByTestId(`volume-chart-${run.programId}`)
        .locator(`tr[data-month="${run.month}"] td[data-volume]`);
      // Year to date through the posted month, counted by invoice month (decision 061): a report
      // corrected after its run counts in its own month.
      const ytd = [...invoiceMonthVolume(run.programId)]
        .filter(([month]) => month <= run.month)
        .reduce((sum, [, amount]) => sum + amount, 0);
      await expect(cell.innerText()).resolves.toBe(formatMoney(ytd, run.currency, locale));
      // The thresholds are drawn as reference lines on the chart.
      const thresholds = tiersOf(run.programId).filter((t) => t.thresholdMinor > 0).length;
      await expect(
        page
          .getByTestId(`volume-chart-${run.programId}`)
          .locator(".recharts-reference-line")
          .count(),
      ).resolves.toBe(thresholds);
    }
    await screenshot(page, "dashboard-supplier");
    await context.close();
  });
});

describe("the admin dashboard", () => {
  it("adds up the refunds posted and what suppliers and the consortium owe", async () => {
    const locale = localeOf(ADMIN_EMAIL);
    const context = await signIn(ADMIN_EMAIL, DEMO_PASSWORD);
    const page = await context.newPage();
    // No uncaught error, hydration mismatches (React #418/#425) among them.
    const errors = pageErrors(page);
    await page.goto(`${server.url}/admin`);
    await openAll(page);
    expect(errors).toEqual([]);
    const trial = await admin.get("/api/v1/ledger/trial-balance");
    const rows: Json[] = Array.isArray(trial.body) ? trial.body : (trial.body.accounts ?? []);
    const sumBy = (prefix: string, sign: number) => {
      const totals = new Map<string, number>();
      for (const r of rows.filter((r) => String(r.account).startsWith(prefix))) {
        totals.set(r.currency, (totals.get(r.currency) ?? 0) + sign * r.balanceMinor);
      }
      return totals;
    };
    const owedBySuppliers = await text(page, "owed-by-suppliers");
    for (const [currency, amount] of sumBy("supplier_receivable:", 1)) {
      if (amount !== 0) expect(owedBySuppliers).toContain(formatMoney(amount, currency, locale));
    }
    const owedToMembers = await text(page, "owed-to-members");
    for (const [currency, amount] of sumBy("member_payable:", -1)) {
      expect(owedToMembers).toContain(formatMoney(amount, currency, locale));
    }
    const gross = query<{ currency: string; amount: number }>(
      `SELECT p.currency, sum(r.posting_gross_minor) AS amount FROM allocation_runs r
         JOIN programs p ON p.id = r.program_id
        WHERE r.status = 'posted' AND r.month LIKE ? GROUP BY p.currency`,
      `${YEAR}-%`,
    );
    const earned = await text(page, "earned-gross");
    for (const g of gross) expect(earned).toContain(formatMoney(g.amount, g.currency, locale));
    const split = query<{ currency: string; fee: number; net: number }>(
      `SELECT p.currency, sum(r.posting_fee_minor) AS fee, sum(r.posting_net_minor) AS net
         FROM allocation_runs r JOIN programs p ON p.id = r.program_id
        WHERE r.status = 'posted' AND r.month LIKE ? GROUP BY p.currency`,
      `${YEAR}-%`,
    );
    for (const s of split) {
      const row = page.getByTestId("refunds-summary").locator(`tr[data-currency="${s.currency}"]`);
      await expect(row.locator("td[data-fee]").innerText()).resolves.toBe(
        formatMoney(s.fee, s.currency, locale),
      );
      await expect(row.locator("td[data-net]").innerText()).resolves.toBe(
        formatMoney(s.net, s.currency, locale),
      );
    }
    // The pooled chart's total for a month is the programs' eligible volume invoiced in that
    // month (decision 061: a true-up is a posting, not volume), per currency.
    const programs = query<{ id: number; currency: string }>(
      `SELECT id, currency FROM programs WHERE start <= ? AND "end" >= ?`,
      `${YEAR}-12-31`,
      `${YEAR}-01-01`,
    );
    expect(programs.length).toBeGreaterThan(0);
    const increase = new Map<string, number>();
    for (const p of programs) {
      for (const [month, amount] of invoiceMonthVolume(p.id)) {
        if (!month.startsWith(`${YEAR}-`)) continue;
        const key = `${p.currency}|${month}`;
        increase.set(key, (increase.get(key) ?? 0) + amount);
      }
    }
    for (const [key, amount] of increase) {
      const [currency, month] = key.split("|");
      const cell = page
        .getByTestId(`pooled-chart-${currency}`)
        .locator(`tr[data-month="${month}"] td[data-total]`);
      await expect(cell.innerText()).resolves.toBe(formatMoney(amount, currency, locale));
    }
    // Suppliers without a report that counts for the month just ended.
    const now = new Date();
    const due = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
      .toISOString()
      .slice(0, 7);
    const missing = query<{ id: number }>(
      `SELECT id FROM suppliers s WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.supplier_id = s.id
         AND r.period = ? AND r.status IN ('active', 'queued', 'processing'))`,
      due,
    );
    await expect(
      page.getByTestId("reports-missing").locator("li[data-supplier]").count(),
    ).resolves.toBe(missing.length);
    await screenshot(page, "dashboard-admin");
    await context.close();
  });
});
