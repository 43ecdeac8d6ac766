// What a landing report version does to claims (SPEC 5.2), inside the transaction that lands it:
// the SKU categories it reports become the ones new claim lines take, and a claim whose invoice
// the version now holds (same supplier, member and normalized invoice number) turns
// `reported_later`, so the purchase counts once: as the report's line.
import type { Db } from "@db/client.server";

/** Claims that still count or may count; a report's line replaces them. */
const OPEN = `('pending', 'escalated', 'accepted')`;

export function onReportLanded(db: Db, reportId: number, supplierId: number): number {
  const sql = db.$client;
  sql
    .prepare(
      `INSERT OR REPLACE INTO supplier_sku_categories (supplier_id, sku, category)
       SELECT supplier_id, sku, category FROM report_lines
        WHERE report_id = ? AND sku IS NOT NULL ORDER BY id`,
    )
    .run(reportId);
  const found = sql
    .prepare(
      `SELECT c.id, c.status, min(l.id) AS lineId, sum(l.amount_minor) AS amount
         FROM claims c
         JOIN report_lines l INDEXED BY report_lines_invoice_key
           ON l.supplier_id = c.supplier_id AND l.invoice_key = c.invoice_key
          AND l.member_id = c.member_id AND l.report_id = ?
        WHERE c.supplier_id = ? AND c.status IN ${OPEN}
        GROUP BY c.id`,
    )
    .all(reportId, supplierId) as {
    id: number;
    status: "pending" | "escalated" | "accepted";
    lineId: number;
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
    trail.run(c.id, c.status, `report #${reportId}`);
  }
  return found.length;
}
