// The admin's review of one report: its held duplicate lines, each beside the line of the other
// active report it repeats (SPEC 4.5), so the admin can see why it is held before accepting it.
import { getDb } from "@db/client.server";

export interface HeldLine {
  id: number;
  sheet: string;
  row: number;
  invoiceDate: string;
  invoiceNumber: string;
  customerKey: string;
  customerName: string | null;
  sku: string | null;
  amountMinor: number;
  currency: string;
  /** The line it repeats, if that line's report is still active (else it was held earlier). */
  other: { reportId: number; period: string; version: number; row: number } | null;
}

type HeldRow = Omit<HeldLine, "other"> & {
  otherReportId: number | null;
  otherPeriod: string | null;
  otherVersion: number | null;
  otherRow: number | null;
};

/**
 * A page of a report's held lines, in file order. The repeated line is found the way ingestion
 * found it (same supplier, invoice, customer key, SKU and amount in another active report),
 * through the (supplier, normalized invoice) index and only for the lines of this page.
 */
export function heldLinesPage(
  reportId: number,
  page: number,
  pageSize: number,
): { rows: HeldLine[]; total: number } {
  const sql = getDb().$client;
  const rows = sql
    .prepare(
      `SELECT h.id, h.sheet, h.row, h.invoice_date AS invoiceDate,
              h.invoice_number AS invoiceNumber, h.customer_key AS customerKey,
              h.customer_name AS customerName, h.sku, h.amount_minor AS amountMinor, h.currency,
              o.report_id AS otherReportId, r.period AS otherPeriod, r.version AS otherVersion,
              o.row AS otherRow
         FROM report_lines h
         LEFT JOIN report_lines o ON o.id = (
              SELECT x.id FROM report_lines x INDEXED BY report_lines_invoice_key
                JOIN reports xr ON xr.id = x.report_id
               WHERE x.supplier_id = h.supplier_id AND x.invoice_key = h.invoice_key
                 AND x.invoice_number = h.invoice_number
                 AND x.customer_key = h.customer_key AND x.sku IS h.sku
                 AND x.amount_minor = h.amount_minor AND x.report_id <> h.report_id
                 AND xr.status = 'active'
               ORDER BY x.id LIMIT 1)
         LEFT JOIN reports r ON r.id = o.report_id
        WHERE h.report_id = ? AND h.duplicate_status = 'held'
        ORDER BY h.id LIMIT ? OFFSET ?`,
    )
    .all(reportId, pageSize, (page - 1) * pageSize) as HeldRow[];
  const total = (
    sql
      .prepare(
        `SELECT count(*) AS n FROM report_lines WHERE report_id = ? AND duplicate_status = 'held'`,
      )
      .get(reportId) as { n: number }
  ).n;
  return {
    rows: rows.map(({ otherReportId, otherPeriod, otherVersion, otherRow, ...line }) => ({
      ...line,
      other:
        otherReportId === null
          ? null
          : {
              reportId: otherReportId,
              period: otherPeriod!,
              version: otherVersion!,
              row: otherRow!,
            },
    })),
    total,
  };
}
