// Claims as lists sort, filter and download them (SPEC 6, issue 15 item 11): the member's claims,
// the supplier's queue and the admin's list, in any whitelisted order, searched by invoice number
// or name. The page's ids are chosen in SQL; each claim is then read as the screens show it.
import { prepared } from "@db/client.server";
import type { ClaimStatus } from "@db/schema";
import { CLAIM_SORTS, type ClaimSort } from "~/schemas/claim-lists";
import { getClaim, type Claim } from "./claims.server";
import {
  likeEscaped,
  limitOf,
  offsetOf,
  orderText,
  type ListSort,
  type Paging,
} from "./list-order.server";

export { CLAIM_SORTS, type ClaimSort };

const ORDER: Record<ClaimSort, string> = {
  createdAt: "c.created_at",
  invoiceDate: "c.invoice_date",
  invoiceNumber: "c.invoice_number",
  amount: "c.amount_minor",
  member: "m.name COLLATE NOCASE",
  supplier: "s.name COLLATE NOCASE",
  status: "c.status",
  dueOn: "c.due_on",
};

export type ClaimListFilter = {
  status?: ClaimStatus;
  supplierId?: number;
  memberId?: number;
  /** Invoice month, YYYY-MM. */
  month?: string;
  /** Part of the invoice number, the member's or the supplier's name. */
  q?: string;
};

const WHERE = `(@status IS NULL OR c.status = @status)
  AND (@supplierId IS NULL OR c.supplier_id = @supplierId)
  AND (@memberId IS NULL OR c.member_id = @memberId)
  AND (@month IS NULL OR c.invoice_date BETWEEN @month || '-01' AND @month || '-31')
  AND (@q IS NULL OR c.invoice_number LIKE @q ESCAPE '\\' OR m.name LIKE @q ESCAPE '\\'
       OR s.name LIKE @q ESCAPE '\\')`;

const FROM = `claims c JOIN members m ON m.id = c.member_id JOIN suppliers s ON s.id = c.supplier_id`;

/** One page of claims (every claim when `paging` is left out) in the chosen order, and the total. */
export function listClaimsSorted(
  filter: ClaimListFilter,
  sorted: ListSort<ClaimSort>,
  paging?: Paging,
): { rows: Claim[]; total: number } {
  const params = {
    status: filter.status ?? null,
    supplierId: filter.supplierId ?? null,
    memberId: filter.memberId ?? null,
    month: filter.month ?? null,
    q: filter.q ? `%${likeEscaped(filter.q)}%` : null,
    limit: limitOf(paging),
    offset: offsetOf(paging),
  };
  const ids = prepared(
    `SELECT c.id FROM ${FROM} WHERE ${WHERE}
      ORDER BY ${orderText(ORDER, sorted, "c.id")} LIMIT @limit OFFSET @offset`,
  )
    .all(params)
    .map((r) => (r as { id: number }).id);
  const { n } = prepared(`SELECT count(*) AS n FROM ${FROM} WHERE ${WHERE}`).get(params) as {
    n: number;
  };
  return { rows: ids.map((id) => getClaim(id)!), total: n };
}
