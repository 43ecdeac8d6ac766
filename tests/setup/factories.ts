// Test data written straight into a test server's database, for what has no API yet.
import Database from "better-sqlite3";
import { onConnection } from "@db/client.server";
import { refreshLineTotals } from "~/models/line-totals.server";

export type TestLine = { memberTaxId: string; date: string; amountMinor: number };

/** One active report of `supplierId` for `period` with USD lines matched by tax id. */
export function insertActiveReport(
  dbPath: string,
  supplierId: number,
  period: string,
  lines: TestLine[],
) {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  db.pragma("recursive_triggers = ON"); // as every connection of the app (decision 042)
  try {
    const report = db
      .prepare(
        "INSERT INTO reports (supplier_id, period, version, status, file_name, file_sha256, file_size, stored_path) VALUES (?, ?, 1, 'active', 'test.xlsx', ?, 1, '') RETURNING id",
      )
      .get(supplierId, period, `sha-${period}-${Math.random()}`) as { id: number };
    const insert = db.prepare(
      `INSERT INTO report_lines (report_id, supplier_id, sheet, row, invoice_date, invoice_number, customer_key, amount_minor, currency, member_id)
       VALUES (?, ?, 'Sheet1', ?, ?, ?, ?, ?, 'USD', (SELECT id FROM members WHERE tax_id_normalized = ?))`,
    );
    lines.forEach((l, i) =>
      insert.run(
        report.id,
        supplierId,
        i + 2,
        l.date,
        `INV-${report.id}-${i}`,
        l.memberTaxId,
        l.amountMinor,
        l.memberTaxId,
      ),
    );
    refreshLineTotals(onConnection(db), [report.id]);
    return report.id;
  } finally {
    db.close();
  }
}

/** The all-units USD program of SPEC 3.2's worked example (0 → 1 %, 100,000.00 → 2 %, 250,000.00 → 3 %; fee 10 %). */
export function specExampleProgram(supplierId: number) {
  return {
    supplierId,
    name: "Axion 2026",
    currency: "USD",
    start: "2026-01-01",
    end: "2026-12-31",
    method: "all-units",
    feeBps: 1000,
    tiers: [
      { thresholdMinor: 0, rateBps: 100 },
      { thresholdMinor: 10_000_000, rateBps: 200 },
      { thresholdMinor: 25_000_000, rateBps: 300 },
    ],
  };
}

/** SPEC 3.3's January: the lines, and the preview they give (before any posting). */
export const SPEC_JANUARY = {
  lines: [
    { memberTaxId: "AAA", date: "2026-01-10", amountMinor: 4_000_000 },
    { memberTaxId: "BBB", date: "2026-01-12", amountMinor: 2_000_000 },
    { memberTaxId: "CCC", date: "2026-01-20", amountMinor: 2_000_000 },
  ],
  run: {
    month: "2026-01",
    status: "preview",
    pooledVolumeMinor: 8_000_000,
    tierIndex: 0,
    rateBps: 100,
    grossMinor: 80_000,
    feeMinor: 8_000,
    netMinor: 72_000,
    posting: { grossMinor: 80_000, feeMinor: 8_000, netMinor: 72_000 },
  },
};
