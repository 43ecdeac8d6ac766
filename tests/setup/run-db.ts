// The start of a property test's database for runs: one USD supplier, the members, their lines
// in monthly reports and a BRL rate a month (app/models/run-inputs.test.ts,
// app/models/component-inputs.test.ts).
import type { Db } from "@db/client.server";
import { refreshLineTotals } from "~/models/line-totals.server";
import type { ComponentLine } from "~/refunds/sales";

export type SeedMember = { joinedOn: string; leftOn: string | null };

/**
 * Inserts supplier 'S' (USD) and `people` as members 1..n (a leaving date not after joining is
 * none); `reportFor` gives the id of the period's report, active or superseded, made once each
 * (`reports` holds them by "period:superseded").
 */
export function seedSupplierAndMembers(db: Db, people: readonly SeedMember[]) {
  const sql = db.$client;
  const supplier = sql
    .prepare("INSERT INTO suppliers (name, currency) VALUES ('S', 'USD') RETURNING id")
    .get() as { id: number };
  people.forEach((m, i) => {
    const leftOn = m.leftOn && m.leftOn > m.joinedOn ? m.leftOn : null;
    sql
      .prepare(
        "INSERT INTO members (id, name, tax_id, tax_id_normalized, country, joined_on, left_on) VALUES (?, ?, ?, ?, 'MX', ?, ?)",
      )
      .run(i + 1, `M${i}`, `T${i}`, `T${i}`, m.joinedOn, leftOn);
  });
  const report = sql.prepare(
    `INSERT INTO reports (supplier_id, period, version, status, file_name, file_sha256, file_size, stored_path)
     VALUES (?, ?, ?, ?, 'f.xlsx', ?, 1, '') RETURNING id`,
  );
  const reports = new Map<string, number>();
  const reportFor = (period: string, superseded: boolean) => {
    const key = `${period}:${superseded}`;
    if (!reports.has(key)) {
      const status = superseded ? "superseded" : "active";
      const row = report.get(supplier.id, period, superseded ? 1 : 2, status, key) as {
        id: number;
      };
      reports.set(key, row.id);
    }
    return reports.get(key)!;
  };
  return { supplier, reports, reportFor };
}

/** A generated sales line; `member` is taken modulo the members, SKU and quantity may be left out. */
export type SeedLine = {
  member: number;
  matched: boolean;
  date: string;
  category: string | null;
  sku?: string | null;
  quantity?: number | null;
  brl: boolean;
  amountMinor: number;
  duplicate: string | null;
  superseded: boolean;
};

/**
 * Supplier 'S' and its members (`seedSupplierAndMembers`), `lines` in its monthly reports with
 * their line totals, and a BRL→USD rate, `rate(month)`, for every month of `days`. Reports are
 * monthly, but every seventh line is filed in the report of 40 days later in `days`, so a few
 * lines carry a date outside their report's month.
 */
export function seedSupplierLines(
  db: Db,
  people: readonly SeedMember[],
  lines: readonly SeedLine[],
  days: readonly string[],
  rate: (month: string) => string,
) {
  const sql = db.$client;
  const { supplier, reports, reportFor } = seedSupplierAndMembers(db, people);
  const insert = sql.prepare(
    `INSERT INTO report_lines (report_id, supplier_id, sheet, row, invoice_date, invoice_number,
       customer_key, sku, category, quantity, amount_minor, currency, member_id, duplicate_status)
     VALUES (?, ?, 'S', ?, ?, ?, 'K', ?, ?, ?, ?, ?, ?, ?)`,
  );
  lines.forEach((l, i) => {
    const period = (i % 7 === 0 ? days[(days.indexOf(l.date) + 40) % days.length] : l.date).slice(
      0,
      7,
    );
    insert.run(
      reportFor(period, l.superseded),
      supplier.id,
      i + 2,
      l.date,
      `I${i}`,
      l.sku ?? null,
      l.category,
      l.quantity ?? null,
      l.amountMinor,
      l.brl ? "BRL" : "USD",
      l.matched ? (l.member % people.length) + 1 : null,
      l.duplicate,
    );
  });
  refreshLineTotals(db, reports.values());
  for (const month of new Set(days.map((d) => d.slice(0, 7))))
    sql
      .prepare(
        "INSERT INTO fx_rates (month, from_currency, to_currency, rate) VALUES (?, 'BRL', 'USD', ?)",
      )
      .run(month, rate(month));
  return { supplier };
}

/** Every line of the active reports as the engine takes it; SKU and quantity too with `withSku`. */
export function rawActiveLines(db: Db, withSku = false): ComponentLine[] {
  return db.$client
    .prepare(
      `SELECT l.invoice_date AS invoiceDate, l.category, l.member_id AS memberId,
              l.amount_minor AS amountMinor, l.currency, ${withSku ? "l.sku, l.quantity," : ""}
              (l.duplicate_status IS 'held') AS held
         FROM report_lines l JOIN reports r ON r.id = l.report_id WHERE r.status = 'active'`,
    )
    .all()
    .map((row) => {
      const { held, ...line } = row as ComponentLine & { held: number };
      return { ...line, heldAsDuplicate: held === 1 };
    });
}
