// Month close: per supplier, which reports arrived for a month, which runs are posted for it,
// and what the supplier still owes per program.
import { getDb } from "@db/client.server";
import { listReceivables } from "./receivables.server";

export type MonthClose = ReturnType<typeof monthClose>;

export function monthClose(month: string) {
  const db = getDb();
  const suppliers = db.$client
    .prepare("SELECT id, name, currency FROM suppliers ORDER BY name, id")
    .all() as { id: number; name: string; currency: string }[];
  const reports = db.$client
    .prepare(
      `SELECT id, supplier_id supplierId, version, status, file_name fileName FROM reports
       WHERE period = ? ORDER BY supplier_id, version DESC`,
    )
    .all(month) as {
    id: number;
    supplierId: number;
    version: number;
    status: string;
    fileName: string;
  }[];
  const monthStart = `${month}-01`;
  const monthEnd = `${month}-31`;
  const programs = db.$client
    .prepare(
      `SELECT p.id, p.supplier_id supplierId, p.name, p.currency,
         (SELECT r.id FROM allocation_runs r WHERE r.program_id = p.id AND r.month = @month
            AND r.status = 'posted' ORDER BY r.id DESC LIMIT 1) postedRunId,
         (SELECT max(r.month) FROM allocation_runs r WHERE r.program_id = p.id AND r.status = 'posted') lastPostedMonth
       FROM programs p WHERE p.start <= @monthEnd AND p.end >= @monthStart ORDER BY p.name, p.id`,
    )
    .all({ month, monthStart, monthEnd }) as {
    id: number;
    supplierId: number;
    name: string;
    currency: string;
    postedRunId: number | null;
    lastPostedMonth: string | null;
  }[];
  const owed = new Map(listReceivables({}, db).map((r) => [r.programId, r]));
  return suppliers.map((s) => {
    const mine = reports.filter((r) => r.supplierId === s.id);
    const progs = programs
      .filter((p) => p.supplierId === s.id)
      .map((p) => ({
        ...p,
        postedMinor: owed.get(p.id)?.postedMinor ?? 0,
        paidMinor: owed.get(p.id)?.paidMinor ?? 0,
        owedMinor: owed.get(p.id)?.owedMinor ?? 0,
      }));
    return {
      supplierId: s.id,
      supplierName: s.name,
      reports: mine,
      reportArrived: mine.some((r) => r.status === "active"),
      programs: progs,
      allPosted: progs.length > 0 && progs.every((p) => p.postedRunId !== null),
    };
  });
}
