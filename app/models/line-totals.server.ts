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
     SELECT report_id, @supplier, member_id, category, currency, (duplicate_status IS 'held'),
            min(invoice_date), max(invoice_date), sum(amount_minor), count(*), sum(id), min(id),
            coalesce(sum(CASE WHEN quantity = CAST(quantity AS INTEGER) THEN quantity END), 0),
            count(CASE WHEN quantity <> CAST(quantity AS INTEGER) THEN 1 END)
       FROM report_lines
      WHERE report_id = @report AND member_id IS NOT NULL
      GROUP BY member_id, category, currency, duplicate_status IS 'held'`,
  );
  // Per-SKU parts of those totals (decision 048), each with its parent's dates and fractional
  // lines: the window runs over the groups of the parent's key, lines without a SKU included.
  const removeSkus = db.$client.prepare(`DELETE FROM sku_totals WHERE report_id = ?`);
  const hasSku = db.$client
    .prepare(`SELECT 1 FROM report_lines WHERE report_id = ? AND sku IS NOT NULL LIMIT 1`)
    .pluck();
  const rebuildSkus = db.$client.prepare(
    `INSERT INTO sku_totals (report_id, supplier_id, member_id, category, sku, currency, held,
                             first_date, last_date, fractional_lines, amount_minor, line_count,
                             id_sum, quantity)
     SELECT report_id, supplier_id, member_id, category, sku, currency, held, first_date,
            last_date, fractional_lines, amount_minor, line_count, id_sum, quantity
       FROM (SELECT report_id, @supplier AS supplier_id, member_id, category, sku, currency,
                    (duplicate_status IS 'held') AS held,
                    min(min(invoice_date)) OVER parent AS first_date,
                    max(max(invoice_date)) OVER parent AS last_date,
                    sum(count(CASE WHEN quantity <> CAST(quantity AS INTEGER) THEN 1 END))
                      OVER parent AS fractional_lines,
                    sum(amount_minor) AS amount_minor, count(*) AS line_count, sum(id) AS id_sum,
                    coalesce(sum(CASE WHEN quantity = CAST(quantity AS INTEGER) THEN quantity END),
                             0) AS quantity
               FROM report_lines
              WHERE report_id = @report AND member_id IS NOT NULL
              GROUP BY member_id, category, currency, duplicate_status IS 'held', sku
             WINDOW parent AS (PARTITION BY member_id, category, currency,
                                            duplicate_status IS 'held'))
      WHERE sku IS NOT NULL`,
  );
  const reportOf = db.$client.prepare(`SELECT status, supplier_id FROM reports WHERE id = ?`);
  for (const id of new Set(reportIds)) {
    remove.run(id);
    removeSkus.run(id);
    const report = reportOf.get(id) as { status: string; supplier_id: number } | undefined;
    // A superseded (or rejected) version keeps no totals: its lines are not grouped at all, so
    // superseding a month's report costs the deletes above, not a pass over its lines.
    if (report?.status !== "active") continue;
    // The supplier is the report's (a constant), so both passes read only the covering index
    // report_lines_report, never the lines themselves (decision 070).
    const keys = { report: id, supplier: report.supplier_id };
    rebuild.run(keys);
    // Per-SKU parts only where some line has a SKU (one index probe otherwise).
    if (hasSku.get(id) !== undefined) rebuildSkus.run(keys);
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
