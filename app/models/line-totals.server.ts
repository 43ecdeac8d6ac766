// Keeps line_totals (and programs' cells, program-cells.server.ts) in step with report_lines:
// whenever lines of a report are added, matched to another member or released from a duplicate
// hold, that report's totals are rebuilt.
import type { Db } from "@db/client.server";
import { refreshProgramCells } from "./program-cells.server";

/** Only the raw connection is used, so test factories and benches can pass their own. */
type Sql = Pick<Db, "$client">;

/**
 * Rebuilds the totals of these reports from their lines (call inside the changing transaction).
 * Only active reports have totals, so runs need not look at report status at all.
 */
export function refreshLineTotals(db: Db, reportIds: Iterable<number>): void {
  const remove = db.$client.prepare(`DELETE FROM line_totals WHERE report_id = ?`);
  const rebuild = db.$client.prepare(
    `INSERT INTO line_totals (report_id, supplier_id, member_id, category, currency, held,
                              first_date, last_date, amount_minor, line_count, id_sum, first_id)
     SELECT report_id, @supplier, member_id, category, currency, (duplicate_status IS 'held'),
            min(invoice_date), max(invoice_date), sum(amount_minor), count(*), sum(id), min(id)
       FROM report_lines
      WHERE report_id = @report AND member_id IS NOT NULL
      GROUP BY member_id, category, currency, duplicate_status IS 'held'`,
  );
  const reportOf = db.$client.prepare(`SELECT status, supplier_id FROM reports WHERE id = ?`);
  const ids = new Set(reportIds);
  for (const id of ids) {
    remove.run(id);
    const report = reportOf.get(id) as { status: string; supplier_id: number } | undefined;
    // A superseded (or rejected) version keeps no totals: its lines are not grouped at all, so
    // superseding a month's report costs the deletes above, not a pass over its lines.
    if (report?.status !== "active") continue;
    // The supplier is the report's (a constant), so the pass reads only the covering index
    // report_lines_report, never the lines themselves (decision 070).
    const keys = { report: id, supplier: report.supplier_id };
    rebuild.run(keys);
  }
  // Programs with components read cells summed from the same lines (decision 089).
  refreshProgramCells(db, ids);
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
