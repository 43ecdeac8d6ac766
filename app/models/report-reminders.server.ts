// Who is to be reminded of a missing monthly report: suppliers with a program covering the month
// and no version of its report arrived (accepted, or on its way through the pipeline).
import { getDb, inTransaction } from "@db/client.server";
import { notify } from "./notifications.server";

export type MissingReport = { supplierId: number; supplierName: string };

/** Suppliers whose report for `month` (YYYY-MM) is missing while a program of theirs covers it. */
export function suppliersMissingReport(month: string): MissingReport[] {
  return getDb()
    .$client.prepare(
      `SELECT s.id AS supplierId, s.name AS supplierName
         FROM suppliers s
        WHERE EXISTS (SELECT 1 FROM programs p
                       WHERE p.supplier_id = s.id AND p.start <= ? AND p.end >= ?)
          AND NOT EXISTS (SELECT 1 FROM reports r
                           WHERE r.supplier_id = s.id AND r.period = ?
                             AND r.status IN ('queued', 'processing', 'active'))
        ORDER BY s.id`,
    )
    .all(`${month}-31`, `${month}-01`, month) as MissingReport[];
}

/**
 * Tells the supplier's enabled users that the month's report is due, once per reminder slot (the
 * key); the portal notification and its e-mail in one transaction.
 */
export function remindOfMissingReport(
  supplier: MissingReport,
  reminder: { month: string; dueDate: string; slot: number },
): number {
  return inTransaction((db) => {
    const userIds = db.$client
      .prepare(
        `SELECT id FROM users
          WHERE role = 'supplier' AND supplier_id = ? AND disabled_at IS NULL ORDER BY id`,
      )
      .pluck()
      .all(supplier.supplierId) as number[];
    if (userIds.length > 0)
      notify(
        {
          kind: "report_due",
          userIds,
          key: `report_due:${supplier.supplierId}:${reminder.month}:${reminder.slot}`,
          params: { supplier: supplier.supplierName, month: reminder.month },
          link: "/supplier/reports/new",
        },
        db,
      );
    return userIds.length;
  });
}
