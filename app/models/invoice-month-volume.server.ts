// A program's eligible volume by invoice month, as of now (decision 061): the volume charts of the
// admin's and the supplier's dashboards. Read from line_totals like runs are (decision 009):
// totals whose lines all lie in one month, the window and the membership are summed in SQL per
// category and month; the others, and lines in other currencies, are read line by line and judged
// by the engine.
import { prepared, getDb } from "@db/client.server";
import { categoryFilter } from "~/refunds/eligibility";
import { addMinor, type IsoDate, type Minor, type MonthKey } from "~/refunds/money";
import type { SalesLine } from "~/refunds/pooled";
import { volumeByInvoiceMonth } from "~/refunds/volume-by-month";
import { fxLookup, memberships } from "./run-inputs.server";
import type { Program } from "./programs.server";

type Terms = Pick<
  Program,
  "supplierId" | "currency" | "start" | "end" | "includeCategories" | "excludeCategories"
>;

/** A total is whole when one month, the window and its member's membership hold all its lines. */
const WHOLE = `t.first_date >= @lo AND t.last_date <= @hi
  AND substr(t.first_date, 1, 7) = substr(t.last_date, 1, 7)
  AND t.first_date >= m.joined_on AND (m.left_on IS NULL OR t.last_date < m.left_on)`;

const LINE = `l.invoice_date AS invoiceDate, l.category, l.member_id AS memberId,
  l.amount_minor AS amountMinor, l.currency, (l.duplicate_status IS 'held') AS held`;

/**
 * Eligible volume of `program` per invoice month, for invoices dated from `from` to `to` (both
 * counted), in the program currency.
 */
export function programVolumeByMonth(program: Terms, from: IsoDate, to: IsoDate) {
  const lo = program.start > from ? program.start : from;
  const hi = program.end < to ? program.end : to;
  const byMonth = new Map<MonthKey, Minor>();
  if (lo > hi) return byMonth;
  const params = { supplier: program.supplierId, currency: program.currency, lo, hi };
  const counts = categoryFilter(program.includeCategories, program.excludeCategories);
  const whole = prepared(
    `SELECT t.category, substr(t.first_date, 1, 7) AS month, sum(t.amount_minor) AS amountMinor
       FROM line_totals t JOIN members m ON m.id = t.member_id
      WHERE t.supplier_id = @supplier AND t.currency = @currency AND t.held = 0 AND ${WHOLE}
      GROUP BY t.category, month`,
  ).all(params) as { category: string | null; month: MonthKey; amountMinor: number }[];
  for (const w of whole) {
    if (counts(w.category))
      byMonth.set(w.month, addMinor(byMonth.get(w.month) ?? 0, w.amountMinor));
  }
  const straddling = prepared(
    `SELECT ${LINE}
       FROM line_totals t JOIN members m ON m.id = t.member_id
       JOIN report_lines l ON l.report_id = t.report_id AND l.currency = t.currency
                          AND l.member_id = t.member_id AND l.category IS t.category
      WHERE t.supplier_id = @supplier AND t.currency = @currency AND t.held = 0
        AND t.last_date >= @lo AND t.first_date <= @hi AND NOT (${WHOLE})
        AND l.invoice_date BETWEEN @lo AND @hi AND l.duplicate_status IS NOT 'held'`,
  ).all(params) as LineRow[];
  const foreign = prepared(
    `SELECT ${LINE} FROM report_lines l
      WHERE l.report_id IN (SELECT id FROM reports WHERE supplier_id = @supplier AND status = 'active')
        AND l.currency IN (SELECT DISTINCT currency FROM line_totals
                            WHERE supplier_id = @supplier AND currency <> @currency)
        AND l.invoice_date BETWEEN @lo AND @hi AND l.member_id IS NOT NULL`,
  ).all(params) as LineRow[];
  const rest = volumeByInvoiceMonth(
    [...straddling, ...foreign].map(asSalesLine),
    { ...program, start: lo, end: hi },
    memberships(getDb()),
    fxLookup(getDb(), program.currency),
  );
  for (const [month, amount] of rest) byMonth.set(month, addMinor(byMonth.get(month) ?? 0, amount));
  return byMonth;
}

type LineRow = Omit<SalesLine, "heldAsDuplicate"> & { held: number };

const asSalesLine = ({ held, ...line }: LineRow): SalesLine => ({
  ...line,
  heldAsDuplicate: held === 1,
});
