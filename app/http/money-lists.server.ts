// The admin's money lists (payout batches and a batch's lines, supplier payments, receivables):
// each list's query string and its download, shared by the screen and its export route.
import { PAYOUT_STATUSES } from "@db/schema";
import type { Actor } from "~/auth/authorize.server";
import type { MessageKey } from "~/i18n/locale";
import {
  BATCH_LINE_SORTS,
  BATCH_SORTS,
  findBatches,
  findReceivables,
  findSupplierPayments,
  PAYMENT_SORTS,
  RECEIVABLE_SORTS,
} from "~/models/admin-lists.server";
import { amountCell, listDownload } from "./list-export.server";
import { listQuery } from "./list-query.server";

const currencyOf = (text: string | undefined) =>
  text && /^[a-z]{3}$/i.test(text) ? text.toUpperCase() : undefined;

export const BATCH_STATUS: Record<(typeof PAYOUT_STATUSES)[number], MessageKey> = {
  draft: "payouts.statusDraft",
  approved: "payouts.statusApproved",
  paid: "payouts.statusPaid",
  cancelled: "payouts.statusCancelled",
};

export function batchList(request: Request) {
  const list = listQuery(request, { sorts: BATCH_SORTS, sort: "createdAt", dir: "desc" });
  return {
    list,
    filter: {
      status: list.oneOf("status", PAYOUT_STATUSES),
      currency: currencyOf(list.text("currency", 3)),
      q: list.q,
    },
  };
}

export function batchDownload(actor: Actor, request: Request) {
  const { list, filter } = batchList(request);
  const { rows } = findBatches(filter, list.sorted);
  return listDownload(actor, request, {
    fileName: "lists.batchesFile",
    columns: [
      { header: "payouts.reference", cell: (b) => b.reference },
      { header: "payouts.created", cell: (b) => b.createdAt },
      { header: "payouts.status", cell: (b, t) => t(BATCH_STATUS[b.status]) },
      { header: "lists.paidOn", cell: (b) => b.paidAt },
      { header: "common.currency", cell: (b) => b.currency },
      { header: "payouts.lines", cell: (b) => b.lines },
      { header: "payouts.total", cell: (b) => amountCell(b.totalMinor, b.currency) },
    ],
    rows,
  });
}

export function batchLineList(request: Request) {
  const list = listQuery(request, { sorts: BATCH_LINE_SORTS, sort: "member", pageSize: 100 });
  return {
    list,
    filter: { q: list.q, dropped: list.oneOf("lines", ["kept", "dropped"] as const) },
  };
}

export function paymentList(request: Request) {
  const list = listQuery(request, { sorts: PAYMENT_SORTS, sort: "receivedOn", dir: "desc" });
  return {
    list,
    filter: {
      supplierId: list.id("supplierId"),
      currency: currencyOf(list.text("currency", 3)),
      q: list.q,
    },
  };
}

export function paymentDownload(actor: Actor, request: Request) {
  const { list, filter } = paymentList(request);
  const { rows } = findSupplierPayments(filter, list.sorted);
  return listDownload(actor, request, {
    fileName: "lists.paymentsFile",
    columns: [
      { header: "receivables.receivedOn", cell: (p) => p.receivedOn },
      { header: "receivables.supplier", cell: (p) => p.supplierName },
      { header: "receivables.program", cell: (p) => p.programName },
      { header: "receivables.reference", cell: (p) => p.reference },
      { header: "common.currency", cell: (p) => p.currency },
      { header: "receivables.amount", cell: (p) => amountCell(p.amountMinor, p.currency) },
      { header: "receivables.note", cell: (p) => p.overpaymentNote },
    ],
    rows,
  });
}

/**
 * The receivables table: the screen's filters (supplier, search), its own sort and page
 * (`rsort`, `rdir`, `rpage`: the payments list sorts and pages below it).
 */
export function receivableList(request: Request) {
  const list = listQuery(request, {
    sorts: RECEIVABLE_SORTS,
    sort: "supplier",
    prefix: "r",
    pageSize: 50,
  });
  return {
    list,
    filter: { supplierId: list.id("supplierId"), q: list.q, owing: list.text("owing") === "1" },
  };
}

export function receivableDownload(actor: Actor, request: Request) {
  const { list, filter } = receivableList(request);
  const { rows } = findReceivables(filter, list.sorted);
  return listDownload(actor, request, {
    fileName: "lists.receivablesFile",
    columns: [
      { header: "receivables.supplier", cell: (r) => r.supplierName },
      { header: "receivables.program", cell: (r) => r.programName },
      { header: "common.currency", cell: (r) => r.currency },
      {
        header: "statement.pooledVolume",
        cell: (r) => amountCell(r.pooledVolumeMinor, r.currency),
      },
      { header: "receivables.posted", cell: (r) => amountCell(r.postedMinor, r.currency) },
      { header: "receivables.paid", cell: (r) => amountCell(r.paidMinor, r.currency) },
      { header: "receivables.owed", cell: (r) => amountCell(r.owedMinor, r.currency) },
    ],
    rows,
  });
}
