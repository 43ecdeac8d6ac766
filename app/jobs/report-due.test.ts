// The report due day is the consortium's setting (decision 065): on 11 March a supplier missing
// both its January and February reports is reminded of February when reports are due on the
// 10th, and still of January when they are due on the 12th.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "tierpool-report-due-"));
process.env.DATABASE_PATH = join(dir, "due.db");

const { getDb } = await import("@db/client.server");
const { saveSettings } = await import("~/models/settings.server");
const { remindMissingReports } = await import("./report-due.server");

beforeAll(() => {
  getDb().$client.exec(`
    INSERT INTO suppliers (id, name, currency) VALUES (1, 'Norte', 'MXN');
    INSERT INTO programs (id, supplier_id, name, currency, start, "end", method, fee_bps)
      VALUES (1, 1, 'Norte 2026', 'MXN', '2026-01-01', '2026-12-31', 'all-units', 1000);
    INSERT INTO users (id, email, password_hash, role, supplier_id)
      VALUES (1, 's@x.example', 'x', 'supplier', 1);
  `);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const keys = () =>
  getDb()
    .$client.prepare(`SELECT key FROM notifications WHERE kind = 'report_due' ORDER BY id`)
    .pluck()
    .all();

describe("the report due day", () => {
  it("is read from the settings at each run", () => {
    const base = { name: "C", baseCurrency: "USD", defaultFeeBps: 1000, fourEyes: false };
    const march11 = new Date("2026-03-11T09:00:00Z");
    expect(remindMissingReports(march11)).toBe(1);
    expect(keys()).toEqual(["report_due:1:2026-02:0"]);
    saveSettings(getDb(), { ...base, reportDueDay: 12 });
    expect(remindMissingReports(march11)).toBe(1);
    expect(keys()).toEqual(["report_due:1:2026-02:0", "report_due:1:2026-01:9"]);
    // Saving without the field keeps it.
    saveSettings(getDb(), base);
    expect(getDb().$client.prepare(`SELECT report_due_day FROM settings`).pluck().get()).toBe(12);
  });
});
