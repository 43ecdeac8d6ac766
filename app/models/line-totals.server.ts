// Keeps line_totals (and their per-SKU parts, sku_totals) in step with report_lines: whenever lines
// of a report are added, matched to another member or released from a duplicate hold, that
// report's totals are rebuilt.
import type { Db } from "@db/client.server";

/** Only the raw connection is used, so test factories and benches can pass their own. */
type Sql = Pick<Db, "$client">;

/**
 * Rebuilds the totals of these reports from their lines (call inside the changing transaction).
 * Only active reports have totals, so runs need not look at report status at all.
 */
export function refreshLineTotals(db: Sql, reportIds: Iterable<number>): void {
  const remove = db.$client.prepare(`DELETE FROM line_totals WHERE report_id = ?`);
  const rebuild = db.$client.prepare(
    `INSERT INTO line_totals (report_id, supplier_id, member_id, category, currency, held,
                              first_date, last_date, amount_minor, line_count, id_sum, first_id,
                              quantity, fractional_lines)
     SELECT report_id, supplier_id, member_id, category, currency, (duplicate_status IS 'held'),
            min(invoice_date), max(invoice_date), sum(amount_minor), count(*), sum(id), min(id),
            coalesce(sum(CASE WHEN quantity = CAST(quantity AS INTEGER) THEN quantity END), 0),
            count(CASE WHEN quantity <> CAST(quantity AS INTEGER) THEN 1 END)
       FROM report_lines
      WHERE report_id = ? AND member_id IS NOT NULL
        AND (SELECT status FROM reports WHERE id = report_id) = 'active'
      GROUP BY member_id, category, currency, duplicate_status IS 'held'`,
  );
  // Per-SKU parts of those totals (decision 048), each with its parent's dates and fractional
  // lines: the window runs over the groups of the parent's key, lines without a SKU included.
  const removeSkus = db.$client.prepare(`DELETE FROM sku_totals WHERE report_id = ?`);
  const rebuildSkus = db.$client.prepare(
    `INSERT INTO sku_totals (report_id, supplier_id, member_id, category, sku, currency, held,
                             first_date, last_date, fractional_lines, amount_minor, line_count,
                             id_sum, quantity)
     SELECT report_id, supplier_id, member_id, category, sku, currency, held, first_date,
            last_date, fractional_lines, amount_minor, line_count, id_sum, quantity
       FROM (SELECT report_id, supplier_id, member_id, category, sku, currency,
                    (duplicate_status IS 'held') AS held,
                    min(min(invoice_date)) OVER parent AS first_date,
                    max(max(invoice_date)) OVER parent AS last_date,
                    sum(count(CASE WHEN quantity <> CAST(quantity AS INTEGER) THEN 1 END))
                      OVER parent AS fractional_lines,
                    sum(amount_minor) AS amount_minor, count(*) AS line_count, sum(id) AS id_sum,
                    coalesce(sum(CASE WHEN quantity = CAST(quantity AS INTEGER) THEN quantity END),
                             0) AS quantity
               FROM report_lines
              WHERE report_id = ? AND member_id IS NOT NULL
                AND (SELECT status FROM reports WHERE id = report_id) = 'active'
              GROUP BY member_id, category, currency, duplicate_status IS 'held', sku
             WINDOW parent AS (PARTITION BY member_id, category, currency,
                                            duplicate_status IS 'held'))
      WHERE sku IS NOT NULL`,
  );
  for (const id of new Set(reportIds)) {
    remove.run(id);
    rebuild.run(id);
    removeSkus.run(id);
    rebuildSkus.run(id);
  }
}

/** Reports holding lines of this supplier's customer key (to refresh after a match changes). */
export function reportsWithKey(db: Sql, supplierId: number, customerKey: string): number[] {
  const rows = db.$client
    .prepare(
      `SELECT DISTINCT report_id AS id FROM report_lines WHERE supplier_id = ? AND customer_key = ?`,
    )
    .all(supplierId, customerKey) as { id: number }[];
  return rows.map((r) => r.id);
}
