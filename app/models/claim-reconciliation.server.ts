// Reconciliation (SPEC 5.2): per supplier and month, what the report held and what members
// claimed — lines reported, claims by status, accepted claim volume, and the share of the month's
// volume the report missed (accepted claims over reported plus accepted, per currency, in bps).
import type { Db } from "@db/client.server";
import { getDb } from "@db/client.server";
import type { ClaimStatus } from "@db/schema";

export type Reconciliation = {
  supplierId: number;
  month: string;
  report: { id: number; version: number; lines: number } | null;
  /** Amounts of the active report's lines, by currency. */
  reported: Record<string, number>;
  byStatus: { status: ClaimStatus; count: number; amounts: Record<string, number> }[];
  accepted: Record<string, number>;
  /** Per currency: accepted ÷ (reported + accepted), basis points (rounded down). */
  missedBps: Record<string, number>;
};

export function reconciliation(
  supplierId: number,
  month: string,
  db: Db = getDb(),
): Reconciliation {
  const sql = db.$client;
  const report = sql
    .prepare(
      `SELECT id, version, lines_count AS lines, totals FROM reports
        WHERE supplier_id = ? AND period = ? AND status = 'active'`,
    )
    .get(supplierId, month) as
    { id: number; version: number; lines: number; totals: string } | undefined;
  const reported: Record<string, number> = report ? JSON.parse(report.totals) : {};
  const rows = sql
    .prepare(
      `SELECT status, currency, count(*) AS n, sum(amount_minor) AS amount FROM claims
        WHERE supplier_id = ? AND invoice_date BETWEEN ? AND ?
        GROUP BY status, currency ORDER BY status, currency`,
    )
    .all(supplierId, `${month}-01`, `${month}-31`) as {
    status: ClaimStatus;
    currency: string;
    n: number;
    amount: number;
  }[];
  const byStatus = new Map<ClaimStatus, Reconciliation["byStatus"][number]>();
  for (const r of rows) {
    const entry = byStatus.get(r.status) ?? { status: r.status, count: 0, amounts: {} };
    entry.count += r.n;
    entry.amounts[r.currency] = r.amount;
    byStatus.set(r.status, entry);
  }
  const accepted = byStatus.get("accepted")?.amounts ?? {};
  const missedBps: Record<string, number> = {};
  for (const [currency, amount] of Object.entries(accepted)) {
    const whole = (reported[currency] ?? 0) + amount;
    missedBps[currency] = whole === 0 ? 0 : Math.floor((amount * 10000) / whole);
  }
  return {
    supplierId,
    month,
    report: report ? { id: report.id, version: report.version, lines: report.lines } : null,
    reported,
    byStatus: [...byStatus.values()],
    accepted,
    missedBps,
  };
}

/** Months that have claims or an active report of the supplier, newest first (the month picker). */
export function reconciliationMonths(supplierId: number, db: Db = getDb()): string[] {
  return db.$client
    .prepare(
      `SELECT DISTINCT m FROM (
         SELECT substr(invoice_date, 1, 7) AS m FROM claims WHERE supplier_id = ?
         UNION SELECT period FROM reports WHERE supplier_id = ? AND status = 'active')
       ORDER BY m DESC LIMIT 36`,
    )
    .pluck()
    .all(supplierId, supplierId) as string[];
}
