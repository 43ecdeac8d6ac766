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
 * Whose claims a list shows and the status it opens on, by who asks: a member's own (every
 * status), a supplier's queue (what waits for an answer), the admin's every claim (the escalated
 * ones first). The screen and its download read the same, so the file is what the screen lists.
 */
function claimListScope(actor: Actor): {
  scope: Pick<ClaimListFilter, "memberId" | "supplierId">;
  defaultStatus?: ClaimListFilter["status"];
} {
  if (actor.role === "member") return { scope: { memberId: actor.memberId! } };
  if (actor.role === "supplier")
    return { scope: { supplierId: actor.supplierId! }, defaultStatus: "pending" };
  return { scope: {}, defaultStatus: "escalated" };
}

/**
 * The list a request asks for, within the actor's scope (never the query string's). A status
 * left out of the query string is the scope's default; `?status=` (empty) is every status.
 */
function claimListRequest(request: Request, actor: Actor) {
  const { scope, defaultStatus } = claimListScope(actor);
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
export function claimListPage(request: Request, actor: Actor) {
  const { list, filter } = claimListRequest(request, actor);
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
export function claimListDownload(actor: Actor, request: Request) {
  const { list, filter } = claimListRequest(request, actor);
  const { rows } = listClaimsSorted(filter, list.sorted);
  return listDownload(actor, request, { fileName: "claims.fileName", columns: COLUMNS, rows });
}
