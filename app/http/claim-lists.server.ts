// The claims lists' query and download (SPEC 6: every list sorts, filters and downloads): the
// member's claims, the supplier's queue and the admin's list read the same query string, and each
// export route answers with the screen's filter and order, every row.
import type { Actor } from "~/auth/authorize.server";
import type { MessageKey } from "~/i18n/locale";
import { CLAIM_SORTS, listClaimsSorted, type ClaimListFilter } from "~/models/claim-lists.server";
import type { Claim } from "~/models/claims.server";
import { claimListQuery } from "~/schemas/claims";
import { amountCell, listDownload, type ListColumn } from "./list-export.server";
import { listQuery } from "./list-query.server";

export const CLAIMS_PAGE_SIZE = 50;

/**
 * The list a request asks for, within `scope` (the member's or supplier's own claims). A status
 * left out of the query string is `defaultStatus` (the queue opens on what waits for an answer);
 * `?status=` (empty) is every status.
 */
export function claimListRequest(
  request: Request,
  scope: Pick<ClaimListFilter, "memberId" | "supplierId">,
  defaultStatus?: ClaimListFilter["status"],
) {
  const list = listQuery(request, {
    sorts: CLAIM_SORTS,
    sort: "createdAt",
    dir: "desc",
    pageSize: CLAIMS_PAGE_SIZE,
  });
  const parsed = claimListQuery.safeParse(Object.fromEntries(list.url.searchParams));
  const query = parsed.success
    ? parsed.data
    : { status: undefined, month: undefined, supplierId: undefined };
  const filter: ClaimListFilter = {
    status: list.url.searchParams.has("status") ? query.status : defaultStatus,
    month: query.month,
    supplierId: scope.supplierId ?? query.supplierId,
    memberId: scope.memberId,
    q: list.q,
  };
  return { list, filter };
}

/** One page of the list, with what the screen's headers and pager need. */
export function claimListPage(
  request: Request,
  scope: Pick<ClaimListFilter, "memberId" | "supplierId">,
  defaultStatus?: ClaimListFilter["status"],
) {
  const { list, filter } = claimListRequest(request, scope, defaultStatus);
  const { rows, total } = listClaimsSorted(filter, list.sorted, list.paging);
  return { claims: rows, total, ...list.state };
}

const COLUMNS: ListColumn<Claim>[] = [
  { header: "claims.id", cell: (c) => c.id },
  { header: "claims.invoiceNumber", cell: (c) => c.invoiceNumber },
  { header: "claims.invoiceDate", cell: (c) => c.invoiceDate },
  { header: "claims.member", cell: (c) => c.memberName },
  { header: "claims.supplier", cell: (c) => c.supplierName },
  { header: "claims.currency", cell: (c) => c.currency },
  { header: "claims.amount", cell: (c) => amountCell(c.amountMinor, c.currency) },
  { header: "claims.status", cell: (c, t) => t(`claims.status.${c.status}` as MessageKey) },
  {
    header: "claims.reason",
    cell: (c, t) => (c.reason ? t(`claims.reason.${c.reason}` as MessageKey) : null),
  },
  { header: "claims.comment", cell: (c) => c.comment },
  { header: "claims.answerBy", cell: (c) => c.dueOn },
  { header: "claims.decidedOn", cell: (c) => c.decidedAt?.slice(0, 10) ?? null },
];

/** Every claim of the list the request asks for, as CSV or XLSX (`?format=`). */
export function claimListDownload(
  actor: Actor,
  request: Request,
  scope: Pick<ClaimListFilter, "memberId" | "supplierId">,
  defaultStatus?: ClaimListFilter["status"],
) {
  const { list, filter } = claimListRequest(request, scope, defaultStatus);
  const { rows } = listClaimsSorted(filter, list.sorted);
  return listDownload(actor, request, { fileName: "claims.fileName", columns: COLUMNS, rows });
}
