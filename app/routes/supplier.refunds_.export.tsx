// The supplier's refunds by program as CSV or XLSX (?format=), with the screen's search and order.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { amountCell, listDownload, type ListColumn } from "~/http/list-export.server";
import { listQuery } from "~/http/list-query.server";
import type { Receivable } from "~/models/receivables.server";
import { REFUND_SORTS, supplierRefundList } from "~/models/supplier-refund-list.server";

const COLUMNS: ListColumn<Receivable>[] = [
  { header: "statement.program", cell: (r) => r.programName },
  { header: "refunds.lastRun", cell: (r) => r.lastPostedMonth },
  { header: "reports.currency", cell: (r) => r.currency },
  { header: "statement.pooledVolume", cell: (r) => amountCell(r.pooledVolumeMinor, r.currency) },
  { header: "statement.tier", cell: (r) => (r.tierIndex === null ? null : r.tierIndex + 1) },
  { header: "receivables.posted", cell: (r) => amountCell(r.postedMinor, r.currency) },
  { header: "receivables.paid", cell: (r) => amountCell(r.paidMinor, r.currency) },
  { header: "receivables.owed", cell: (r) => amountCell(r.owedMinor, r.currency) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  const list = listQuery(request, { sorts: REFUND_SORTS, sort: "program" });
  const rows = supplierRefundList(actor.supplierId!, list.sorted, list.q);
  return listDownload(actor, request, { fileName: "refunds.fileName", columns: COLUMNS, rows });
}
