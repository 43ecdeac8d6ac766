// What a report line newly counting for a member does to claims (SPEC 5.2), inside the
// transaction that makes it count: a claim whose invoice such a line holds (same supplier,
// member and normalized invoice number) turns `reported_later`, so the purchase counts once: as
// the report's line. A line starts counting when its report version lands (`onReportLanded`,
// which also records the SKU categories new claim lines take) or when the admin matches its
// customer key to a member (`onKeyMatched`, decision 068).
import type { Db } from "@db/client.server";

/** Claims that still count or may count; a report's line replaces them. */
const OPEN = `('pending', 'escalated', 'accepted')`;

export function onReportLanded(db: Db, reportId: number, supplierId: number): number {
  // Each SKU's category as its last line in the report gives it: one write per SKU, not per line.
  db.$client
    .prepare(
      `INSERT OR REPLACE INTO supplier_sku_categories (supplier_id, sku, category)
       SELECT supplier_id, sku, category FROM report_lines
        WHERE id IN (SELECT max(id) FROM report_lines
                      WHERE report_id = ? AND sku IS NOT NULL GROUP BY sku)`,
    )
    .run(reportId);
  return claimsReportedLater(db, supplierId, [reportId]);
}

/**
 * After a customer key's lines were matched to a member (SPEC 5.1), in the same transaction:
 * the claims those lines now hold in the supplier's active reports turn `reported_later`, as
 * when a later report holds them. `reportIds`: the reports holding lines of the key.
 */
export function onKeyMatched(db: Db, supplierId: number, reportIds: number[]): number {
  const active = db.$client
    .prepare(
      `SELECT id FROM reports WHERE id IN (SELECT value FROM json_each(?)) AND status = 'active'
        ORDER BY id`,
    )
    .pluck()
    .all(JSON.stringify(reportIds)) as number[];
  return active.length ? claimsReportedLater(db, supplierId, active) : 0;
}

/**
 * SPEC 5.2's "a purchase never counts twice": every pending, escalated or accepted claim of the
 * supplier whose member and normalized invoice number a line of these reports holds turns
 * `reported_later` (the lines' first id and summed amount beside it, a decision row naming the
 * report). Returns how many turned.
 */
function claimsReportedLater(db: Db, supplierId: number, reportIds: number[]): number {
  const sql = db.$client;
  const found = sql
    .prepare(
      `SELECT c.id, c.status, min(l.id) AS lineId, l.report_id AS reportId,
              sum(l.amount_minor) AS amount
         FROM claims c
         JOIN report_lines l INDEXED BY report_lines_invoice_key
           ON l.supplier_id = c.supplier_id AND l.invoice_key = c.invoice_key
          AND l.member_id = c.member_id
          AND l.report_id IN (SELECT value FROM json_each(?))
        WHERE c.supplier_id = ? AND c.status IN ${OPEN}
        GROUP BY c.id`,
    )
    .all(JSON.stringify(reportIds), supplierId) as {
    id: number;
    status: "pending" | "escalated" | "accepted";
    lineId: number;
    reportId: number;
    amount: number;
  }[];
  const update = sql.prepare(
    `UPDATE claims SET status = 'reported_later', reported_line_id = ?, reported_amount_minor = ?
      WHERE id = ?`,
  );
  const trail = sql.prepare(
    `INSERT INTO claim_decisions (claim_id, action, from_status, to_status, comment)
     VALUES (?, 'reported_later', ?, 'reported_later', ?)`,
  );
  for (const c of found) {
    update.run(c.lineId, c.amount, c.id);
    // The report holding the claim's first line (SQLite takes bare columns from min()'s row).
    trail.run(c.id, c.status, `report #${c.reportId}`);
  }
  return found.length;
}
