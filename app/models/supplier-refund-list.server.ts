// The supplier's refunds by program as a list that sorts, filters and downloads (SPEC 6): a
// supplier has a handful of programs, so the whole list is read and ordered here.
import type { ListSort } from "./list-order.server";
import { listReceivables, type Receivable } from "./receivables.server";

export const REFUND_SORTS = ["program", "lastRun", "pooled", "posted", "paid", "owed"] as const;
export type RefundSort = (typeof REFUND_SORTS)[number];

const VALUE: Record<RefundSort, (r: Receivable) => string | number | null> = {
  program: (r) => r.programName.toLocaleLowerCase(),
  lastRun: (r) => r.lastPostedMonth,
  pooled: (r) => r.pooledVolumeMinor,
  posted: (r) => r.postedMinor,
  paid: (r) => r.paidMinor,
  owed: (r) => r.owedMinor,
};

/** The supplier's programs whose name holds `q`, in the chosen order (no value sorts last). */
export function supplierRefundList(
  supplierId: number,
  sorted: ListSort<RefundSort>,
  q?: string,
): Receivable[] {
  const needle = q?.toLocaleLowerCase();
  const sign = sorted.dir === "desc" ? -1 : 1;
  const value = VALUE[sorted.sort];
  return listReceivables({ supplierId })
    .filter((r) => !needle || r.programName.toLocaleLowerCase().includes(needle))
    .sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === null || y === null)
        return x === y ? a.programId - b.programId : x === null ? 1 : -1;
      const c = x < y ? -1 : x > y ? 1 : 0;
      return c !== 0 ? sign * c : a.programId - b.programId;
    });
}
