// One month of the consortium walked through the real UI by the three people who live it, over
// the demo (six months of Norte's reports and runs already posted): Norte uploads November, has
// it rejected for an unreadable amount, fixes it and sees it active; the admin matches the
// customer whose RFC Norte mistyped, previews and posts Norte's November run; the member sees the
// refund as a balance and on the statement. Every figure on screen is computed here on its own:
// the pooled volume and the posting from the file's lines, the program's tiers and the runs
// already posted (database); the member's balance before and after from the API, its difference
// being the member's posting in the posted run.
import { join } from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBps, formatMoney, formatMonth, type FormatTag } from "~/i18n/locale";
import { ARTIFACTS, launchBrowser, screenshot, signIn as signInAs } from "@tests/setup/browser";
import { apiAs, type ApiClient } from "@tests/setup/http";
import { startServer, type TestServer } from "@tests/setup/server";

const PASSWORD = "tierpool-demo";
const SUPPLIER_EMAIL = "norte@suppliers.demo";
const ADMIN_EMAIL = "admin@tierpool.demo";
const MEMBER_EMAIL = "compras@seguridad97.demo";
const MONTH = "2026-11";
const PROGRAM = "Norte Cableado 2026";
const MEMBER = { name: "Seguridad Acceso 97", taxId: "XPY714465W4B" };
const OTHER_MEMBER = { name: "Sistemas Vigilancia 31", taxId: "CQU724713P9G" };
const MISTYPED_KEY = "XPY714465W4C";
const UNREADABLE_AMOUNT = "12,34,5";

type Line = {
  date: string;
  invoice: string;
  key: string;
  name: string;
  sku: string;
  family: string;
  quantity: number;
  amountMinor: number;
};

const line = (
  day: string,
  invoice: string,
  customer: { taxId: string; name: string },
  sku: string,
  family: string,
  quantity: number,
  amountMinor: number,
): Line => ({
  date: `${MONTH}-${day}`,
  invoice,
  key: customer.taxId,
  name: customer.name,
  sku,
  family,
  quantity,
  amountMinor,
});

/** November as Norte's ERP writes it; the last line's amount is mistyped in the first upload. */
const LINES: Line[] = [
  line("02", "NC-2611-0001", MEMBER, "NC-101", "Cableado", 12, 5_840_000),
  line("09", "NC-2611-0002", MEMBER, "NC-117", "Conectores", 40, 3_625_050),
  line(
    "12",
    "NC-2611-0003",
    { taxId: MISTYPED_KEY, name: "Seguridad Acceso 97 SA de CV" },
    "NC-104",
    "Canalización",
    8,
    4_196_925,
  ),
  line("17", "NC-2611-0004", MEMBER, "NC-122", "Cableado", 6, 2_718_025),
  line("20", "NC-2611-0005", OTHER_MEMBER, "NC-130", "Conectores", 15, 3_620_000),
];
const BAD_LINE = LINES.length - 1;
/** Sheet row of the bad line: title, blank row, headers, then the lines from row 4. */
const BAD_ROW = 4 + BAD_LINE;
const FILE_TOTAL = LINES.reduce((sum, l) => sum + l.amountMinor, 0);
/** The member's November: its own RFC and the mistyped one, once matched. */
const MEMBER_VOLUME = LINES.filter((l) => l.name.startsWith(MEMBER.name)).reduce(
  (sum, l) => sum + l.amountMinor,
  0,
);
const OTHER_VOLUME = LINES[BAD_LINE].amountMinor;

async function writeNorteReport(path: string, badAmount: boolean): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Ventas");
  sheet.addRow([`Norte Cableado — reporte de ventas ${MONTH}`]);
  sheet.addRow([]);
  sheet.addRow([
    "Fecha factura",
    "Folio",
    "RFC cliente",
    "Razón social",
    "Código",
    "Familia",
    "Cantidad",
    "Importe neto",
  ]);
  LINES.forEach((l, i) =>
    sheet.addRow([
      l.date.split("-").reverse().join("/"),
      l.invoice,
      l.key,
      l.name,
      l.sku,
      l.family,
      l.quantity,
      badAmount && i === BAD_LINE ? UNREADABLE_AMOUNT : l.amountMinor / 100,
    ]),
  );
  sheet.addRow(["Total", null, null, null, null, null, null, FILE_TOTAL / 100]);
  await book.xlsx.writeFile(path);
}

/** Refund earned on a year-to-date volume under incremental tiers, unrounded, in minor units. */
function incrementalRefund(tiers: { threshold: number; bps: number }[], volume: number): number {
  return tiers.reduce((sum, tier, i) => {
    const top = Math.min(volume, tiers[i + 1]?.threshold ?? Infinity);
    return top > tier.threshold ? sum + ((top - tier.threshold) * tier.bps) / 10_000 : sum;
  }, 0);
}

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let admin: ApiClient;
let memberId: number;
let programId: number;
let balanceBefore: number;
let balanceAfter: number;
let memberPosting: number;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function mxnBalance(): Promise<number> {
  const res = await admin.get(`/api/v1/members/${memberId}/balance`);
  expect(res.status).toBe(200);
  const balances = res.body.balances as { currency: string; amountMinor: number }[];
  return balances.find((b) => b.currency === "MXN")?.amountMinor ?? 0;
}

async function signIn(email: string, landing: string, locale: string): Promise<Page> {
  const context = await browser.newContext({
    locale,
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  await signInAs(page, server.url, email, PASSWORD, landing);
  return page;
}

/** The page's format region (<html data-region>: how it writes numbers, money and dates). */
function regionOn(page: Page): Promise<FormatTag> {
  return page.evaluate(() => document.documentElement.dataset.region as FormatTag);
}

/** An amount as the page itself writes money: in the page's format region. */
async function moneyOn(page: Page, minor: number, currency = "MXN"): Promise<string> {
  return formatMoney(minor, currency, await regionOn(page));
}

async function monthOn(page: Page, month: string): Promise<string> {
  return formatMonth(month, await regionOn(page));
}

async function percentOn(page: Page, bps: number): Promise<string> {
  return formatBps(bps, await regionOn(page));
}

/** Text with every kind of space as a plain one, as a reader sees it. */
const plain = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ env: { DEMO: "1" } }), launchBrowser()]);
  admin = await apiAs(server.url, ADMIN_EMAIL, PASSWORD);
  memberId = query<{ id: number }>("SELECT id FROM members WHERE tax_id = ?", MEMBER.taxId)[0].id;
  programId = query<{ id: number }>("SELECT id FROM programs WHERE name = ?", PROGRAM)[0].id;
  balanceBefore = await mxnBalance();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe(`the month of ${MONTH}, walked by a supplier, the admin and a member`, () => {
  it("the supplier's first file is rejected for its unreadable amount; the fixed one is active", async () => {
    const page = await signIn(SUPPLIER_EMAIL, "/supplier", "es-MX");
    const upload = async (badAmount: boolean) => {
      const file = join(server.dir, `norte-${MONTH}${badAmount ? "" : "-corregido"}.xlsx`);
      await writeNorteReport(file, badAmount);
      await page.goto(`${server.url}/supplier/reports/new`);
      // Hydrated: the page's script sends the file and follows its processing.
      await page.waitForFunction(() => document.querySelector("form.upload-form") !== null);
      await page.waitForLoadState("networkidle");
      await page.fill('input[name="period"]', MONTH);
      await page.setInputFiles('input[name="file"]', file);
      await page.click('form.upload-form button[type="submit"]');
      const result = page.getByTestId("upload-result");
      await result.waitFor({ timeout: 30_000 });
      return result;
    };

    const rejected = await upload(true);
    expect(await rejected.locator("[data-status]").getAttribute("data-status")).toBe("rejected");
    expect(await rejected.getByTestId("report-errors").textContent()).toBe("1");
    expect(await rejected.getByTestId("report-lines").textContent()).toBe("0");
    await rejected.locator('a[href$="#problems"]').click();
    await page.waitForURL((url) => /^\/supplier\/reports\/\d+$/.test(url.pathname));
    const problems = page.getByTestId("problems").locator("tbody tr");
    await expect.poll(() => problems.count()).toBe(1);
    const cells = await problems.first().locator("td").allTextContents();
    expect(cells.slice(0, 3)).toEqual(["Ventas", String(BAD_ROW), "Importe neto"]);
    expect(await problems.first().getAttribute("class")).toBe("severity-error");
    expect(cells[4]).toContain(UNREADABLE_AMOUNT);

    const active = await upload(false);
    expect(await active.locator("[data-status]").getAttribute("data-status")).toBe("active");
    expect(await active.getByTestId("report-lines").textContent()).toBe(String(LINES.length));
    expect(await active.getByTestId("report-errors").textContent()).toBe("0");
    expect(plain(await active.getByTestId("report-total").textContent())).toBe(
      plain(await moneyOn(page, FILE_TOTAL)),
    );
    // The second version of the month, the rejected one kept beside it.
    expect(
      query<{ version: number; status: string }>(
        `SELECT r.version, r.status FROM reports r JOIN suppliers s ON s.id = r.supplier_id
         WHERE s.name = 'Norte Cableado' AND r.period = ? ORDER BY r.version`,
        MONTH,
      ),
    ).toEqual([
      { version: 1, status: "rejected" },
      { version: 2, status: "active" },
    ]);
    await screenshot(page, "cycle-supplier");
  });

  it("the admin matches the mistyped RFC, then previews and posts Norte's November", async () => {
    const page = await signIn(ADMIN_EMAIL, "/admin", "en-US");
    await page.goto(`${server.url}/admin/matching`);
    await page.selectOption('select[name="supplierId"]', { label: "Norte Cableado" });
    await page.click('form[method="get"] button[type="submit"] >> nth=0');
    await page.waitForURL((url) => url.searchParams.has("supplierId"));
    const row = page.locator("tr", { has: page.locator("code", { hasText: MISTYPED_KEY }) });
    await row.waitFor();
    expect(plain(await row.locator("td").nth(2).textContent())).toBe(LINES[2].name);
    expect(await row.locator("td").nth(3).textContent()).toBe("1");
    expect(plain(await row.locator("td").nth(4).textContent())).toBe(
      plain(await moneyOn(page, LINES[2].amountMinor)),
    );
    await row.locator("button", { hasText: new RegExp(`^Match to ${MEMBER.name} \\(`) }).click();
    await expect
      .poll(() => page.locator('[role="status"]').textContent())
      .toBe(`${MISTYPED_KEY} is now matched to ${MEMBER.name}: 1 line matched.`);
    await expect.poll(() => page.locator("code", { hasText: MISTYPED_KEY }).count()).toBe(0);

    // What the run should show, from the program's terms and the runs posted before November.
    const tiers = query<{ threshold: number; bps: number }>(
      "SELECT threshold_minor AS threshold, rate_bps AS bps FROM tiers WHERE program_id = ? ORDER BY position",
      programId,
    );
    const { feeBps } = query<{ feeBps: number }>(
      "SELECT fee_bps AS feeBps FROM programs WHERE id = ?",
      programId,
    )[0];
    const [lastRun] = query<{ id: number; month: string; pooled: number }>(
      `SELECT id, month, pooled_volume_minor AS pooled FROM allocation_runs
       WHERE program_id = ? AND status = 'posted' ORDER BY month DESC, id DESC LIMIT 1`,
      programId,
    );
    expect(lastRun.month).toBe("2026-10");
    const [posted] = query<{ gross: number; fee: number }>(
      `SELECT SUM(posting_gross_minor) AS gross, SUM(posting_fee_minor) AS fee
       FROM allocation_runs WHERE program_id = ? AND status = 'posted'`,
      programId,
    );
    // Purchases the supplier accepted as member claims after the last posting count from this run
    // on (SPEC 5.2; the demo has Norte accept one of Seguridad Acceso 97's September invoices).
    const acceptedSinceLastRun = (taxId?: string) =>
      query<{ amount: number }>(
        `SELECT coalesce(sum(c.amount_minor), 0) AS amount FROM claims c
           JOIN programs p ON p.id = ? AND p.supplier_id = c.supplier_id
          WHERE c.status = 'accepted' AND c.currency = p.currency
            AND c.invoice_date BETWEEN p.start AND ? || '-31'
            AND c.decided_at > (SELECT posted_at FROM allocation_runs WHERE id = ?)
            AND (? IS NULL OR c.member_id = (SELECT id FROM members WHERE tax_id = ?))`,
        programId,
        MONTH,
        lastRun.id,
        taxId ?? null,
        taxId ?? null,
      )[0].amount;
    const pooled = lastRun.pooled + FILE_TOTAL + acceptedSinceLastRun();
    const tierIndex = tiers.filter((t) => pooled >= t.threshold).length - 1;
    const grossToDate = Math.round(incrementalRefund(tiers, pooled));
    const postingGross = grossToDate - posted.gross;
    const postingFee = Math.round((grossToDate * feeBps) / 10_000) - posted.fee;
    const postingNet = postingGross - postingFee;
    // A member's volume in a run is its year to date: October's plus its November lines.
    const volumeToDate = (taxId: string, november: number) =>
      query<{ volume: number }>(
        `SELECT volume_minor AS volume FROM allocation_run_members
         WHERE run_id = ? AND member_id = (SELECT id FROM members WHERE tax_id = ?)`,
        lastRun.id,
        taxId,
      )[0].volume +
      november +
      acceptedSinceLastRun(taxId);
    const memberVolume = volumeToDate(MEMBER.taxId, MEMBER_VOLUME);
    const otherVolume = volumeToDate(OTHER_MEMBER.taxId, OTHER_VOLUME);

    await page.goto(`${server.url}/admin/runs`);
    await page.selectOption('select[name="programId"]', { label: `${PROGRAM} (MXN)` });
    await page.fill('input[name="month"]', MONTH);
    await page.click('button:text-is("Preview")');
    await expect
      .poll(() => page.locator('[role="status"]').textContent())
      .toBe("Preview: nothing has been posted yet.");
    const preview = page.locator("section", { has: page.locator("h2") });
    expect(plain(await preview.locator("h2").textContent())).toBe(`${PROGRAM} · ${MONTH}`);
    const figure = (table: number, label: string) =>
      preview
        .locator("table.summary")
        .nth(table)
        .locator("tr", { has: page.locator(`th:text-is("${label}")`) })
        .locator("td");
    expect(plain(await figure(0, "Pooled volume (year to date)").textContent())).toBe(
      plain(await moneyOn(page, pooled)),
    );
    expect(plain(await figure(0, "Tier and rate").textContent())).toBe(
      plain(`${tierIndex + 1} · ${await percentOn(page, tiers[tierIndex].bps)}`),
    );
    for (const [label, minor] of [
      ["Gross refund", postingGross],
      ["Consortium fee", postingFee],
      ["Net to members", postingNet],
    ] as const) {
      expect(plain(await figure(1, label).textContent()), label).toBe(
        plain(await moneyOn(page, minor)),
      );
    }

    // The preview is stored: its members' postings are the ones that will reach the ledger.
    const runId = Number(await preview.locator('input[name="runId"]').inputValue());
    const members = query<{ memberId: number; volume: number; posting: number }>(
      `SELECT member_id AS memberId, volume_minor AS volume, posting_minor AS posting
       FROM allocation_run_members WHERE run_id = ?`,
      runId,
    );
    expect(members.reduce((sum, m) => sum + m.posting, 0)).toBe(postingNet);
    const mine = members.find((m) => m.memberId === memberId)!;
    expect(mine.volume).toBe(memberVolume);
    memberPosting = mine.posting;
    expect(memberPosting).toBeGreaterThan(0);
    const memberRow = (name: string) =>
      preview.locator("tbody tr", { has: page.locator(`td:text-is("${name}")`) }).locator("td");
    expect(plain(await memberRow(MEMBER.name).nth(1).textContent())).toBe(
      plain(await moneyOn(page, memberVolume)),
    );
    expect(plain(await memberRow(MEMBER.name).nth(3).textContent())).toBe(
      plain(await moneyOn(page, memberPosting)),
    );
    expect(plain(await memberRow(OTHER_MEMBER.name).nth(1).textContent())).toBe(
      plain(await moneyOn(page, otherVolume)),
    );

    await page.click('button:text-is("Post")');
    await expect
      .poll(() => page.locator('[role="status"]').textContent())
      .toBe("Posted to the ledger.");
    expect(
      query<{ status: string }>("SELECT status FROM allocation_runs WHERE id = ?", runId)[0].status,
    ).toBe("posted");
    await screenshot(page, "cycle-admin");

    balanceAfter = await mxnBalance();
    expect(balanceAfter - balanceBefore).toBe(memberPosting);
  });

  let memberPage: Page;

  it("the member finds the new balance on the dashboard", async () => {
    memberPage = await signIn(MEMBER_EMAIL, "/member", "es-MX");
    const balance = await moneyOn(memberPage, balanceAfter);
    // Found by its words, wherever the dashboard puts it.
    await expect
      .poll(() => memberPage.getByText(balance, { exact: true }).count(), {
        timeout: 5_000,
        message: `the member's dashboard shows the MXN balance "${balance}"`,
      })
      .toBeGreaterThan(0);
    await screenshot(memberPage, "cycle-member-dashboard");
  });

  it("the member's statement shows November's posting, on screen and in the XLSX", async () => {
    memberPage ??= await signIn(MEMBER_EMAIL, "/member", "es-MX");
    await memberPage.goto(`${server.url}/member/statement?from=2026-01&to=${MONTH}`);
    await expect
      .poll(async () => plain(await memberPage.getByTestId("closing-MXN").textContent()))
      .toBe(plain(await moneyOn(memberPage, balanceAfter)));
    const norte = memberPage.locator(`section[aria-label="${PROGRAM}"]`);
    const november = norte.locator("tbody tr", {
      has: memberPage.locator(`td:text-is("${await monthOn(memberPage, MONTH)}")`),
    });
    await expect.poll(() => november.count()).toBe(1);
    expect(plain(await november.locator("td").nth(1).textContent())).toBe(
      plain(await moneyOn(memberPage, memberPosting)),
    );
    await screenshot(memberPage, "cycle-member");

    const [download] = await Promise.all([
      memberPage.waitForEvent("download"),
      memberPage.getByTestId("statement-xlsx").click(),
    ]);
    const saved = join(ARTIFACTS, "cycle-member-statement.xlsx");
    await download.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const postings = book.worksheets.flatMap((sheet) =>
      sheet.getSheetValues().filter((row) => Array.isArray(row) && row[1] === PROGRAM),
    ) as unknown[][];
    const novemberRows = postings.filter((row) => row[2] === MONTH);
    expect(novemberRows).toHaveLength(1);
    expect(novemberRows[0].slice(1, 5)).toEqual([PROGRAM, MONTH, "MXN", memberPosting / 100]);
  });
});
