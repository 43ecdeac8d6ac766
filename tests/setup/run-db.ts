// The start of a property test's database for runs: one USD supplier, the members, and monthly
// reports made on demand (app/models/run-inputs.test.ts, app/models/component-inputs.test.ts).
import type { Db } from "@db/client.server";
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
