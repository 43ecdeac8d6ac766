// The admin's money and settings lists read a page at a time (SPEC 6: every list sorts, filters
// and downloads, at 100,000 rows): payout batches and a batch's lines, supplier payments, what
// suppliers owe, FX rates and users. Filters and sorts are SQL over whitelisted columns
// (./list-order.server.ts); no `paging` means every matching row (a download).
import { PAYOUT_STATUSES, ROLES } from "@db/schema";
import { getDb } from "@db/client.server";
import { checkBankDetails } from "~/banking/bank-details";
import {
  likeContains,
  limitOf,
  offsetOf,
  orderText,
  type ListSort,
  type Paging,
} from "./list-order.server";
import type { Receivable, SupplierPayment } from "./receivables.server";

const ESCAPE = "ESCAPE '\\'";

function page<R>(
  select: string,
  from: string,
  where: string,
  order: string,
  params: Record<string, unknown>,
  paging?: Paging,
) {
  const db = getDb().$client;
  const rows = db
    .prepare(
      `SELECT ${select} FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: limitOf(paging), offset: offsetOf(paging) }) as R[];
  const { n } = db.prepare(`SELECT count(*) n FROM ${from} WHERE ${where}`).get(params) as {
    n: number;
  };
  return { rows, total: n };
}

// Payout batches --------------------------------------------------------------------------------

export const BATCH_SORTS = [
  "createdAt",
  "reference",
  "status",
  "currency",
  "lines",
  "total",
  "paidAt",
] as const;
export type BatchSort = (typeof BATCH_SORTS)[number];
export type BatchFilter = {
  status?: (typeof PAYOUT_STATUSES)[number];
  currency?: string;
  /** The reference contains this text. */
  q?: string;
};
export type BatchRow = {
  id: number;
  currency: string;
  status: (typeof PAYOUT_STATUSES)[number];
  reference: string;
  createdAt: string;
  paidAt: string | null;
  lines: number;
  totalMinor: number;
};

export function findBatches(filter: BatchFilter, sorted: ListSort<BatchSort>, paging?: Paging) {
  return page<BatchRow>(
    `b.id, b.currency, b.status, b.reference, b.created_at createdAt, b.paid_at paidAt,
       (SELECT count(*) FROM payout_lines l WHERE l.batch_id = b.id AND l.dropped = 0) lines,
       (SELECT COALESCE(sum(amount_minor), 0) FROM payout_lines l WHERE l.batch_id = b.id AND l.dropped = 0) totalMinor`,
    "payout_batches b",
    `(@status IS NULL OR b.status = @status) AND (@currency IS NULL OR b.currency = @currency)
       AND (@q IS NULL OR b.reference LIKE @q ${ESCAPE})`,
    orderText(
      {
        createdAt: "b.id",
        reference: "b.reference",
        status: "b.status",
        currency: "b.currency",
        lines: "lines",
        total: "totalMinor",
        paidAt: "b.paid_at",
      },
      sorted,
      "b.id",
    ),
    {
      status: filter.status ?? null,
      currency: filter.currency ?? null,
      q: filter.q ? likeContains(filter.q) : null,
    },
    paging,
  );
}

export const BATCH_LINE_SORTS = ["member", "taxId", "bank", "amount"] as const;
export type BatchLineSort = (typeof BATCH_LINE_SORTS)[number];
export type BatchLineFilter = { q?: string; dropped?: "kept" | "dropped" };

/** A batch's lines, a page at a time, with each line's bank-details check. */
export function findBatchLines(
  batchId: number,
  filter: BatchLineFilter,
  sorted: ListSort<BatchLineSort>,
  paging?: Paging,
) {
  const { rows, total } = page<{
    memberId: number;
    memberName: string;
    taxId: string;
    bankName: string | null;
    bankAccount: string | null;
    bankHolder: string | null;
    country: string;
    amountMinor: number;
    dropped: number;
  }>(
    `l.member_id memberId, m.name memberName, m.tax_id taxId, m.bank_name bankName,
       m.bank_account bankAccount, m.bank_holder bankHolder, m.country, l.amount_minor amountMinor, l.dropped`,
    "payout_lines l JOIN members m ON m.id = l.member_id",
    `l.batch_id = @batchId AND (@q IS NULL OR m.name LIKE @q ${ESCAPE} OR m.tax_id LIKE @q ${ESCAPE})
       AND (@dropped IS NULL OR l.dropped = @dropped)`,
    orderText(
      { member: "m.name", taxId: "m.tax_id", bank: "m.bank_name", amount: "l.amount_minor" },
      sorted,
      "m.id",
    ),
    {
      batchId,
      q: filter.q ? likeContains(filter.q) : null,
      dropped: filter.dropped === undefined ? null : filter.dropped === "dropped" ? 1 : 0,
    },
    paging,
  );
  return {
    rows: rows.map(({ country, dropped, ...l }) => ({
      ...l,
      dropped: dropped === 1,
      bank: checkBankDetails(country, l.bankAccount),
    })),
    total,
  };
}

// Supplier payments and receivables --------------------------------------------------------------

export const PAYMENT_SORTS = ["receivedOn", "supplier", "program", "reference", "amount"] as const;
export type PaymentSort = (typeof PAYMENT_SORTS)[number];
export type PaymentFilter = { supplierId?: number; currency?: string; q?: string };
export type PaymentRow = Omit<SupplierPayment, "entryId">;

export function findSupplierPayments(
  filter: PaymentFilter,
  sorted: ListSort<PaymentSort>,
  paging?: Paging,
) {
  return page<PaymentRow>(
    `sp.id, sp.supplier_id supplierId, s.name supplierName, sp.program_id programId,
       p.name programName, sp.currency, sp.amount_minor amountMinor, sp.received_on receivedOn,
       sp.reference, sp.overpayment_note overpaymentNote, sp.created_at createdAt`,
    "supplier_payments sp JOIN suppliers s ON s.id = sp.supplier_id LEFT JOIN programs p ON p.id = sp.program_id",
    `(@supplierId IS NULL OR sp.supplier_id = @supplierId) AND (@currency IS NULL OR sp.currency = @currency)
       AND (@q IS NULL OR s.name LIKE @q ${ESCAPE} OR p.name LIKE @q ${ESCAPE} OR sp.reference LIKE @q ${ESCAPE})`,
    orderText(
      {
        receivedOn: "sp.received_on",
        supplier: "s.name",
        program: "p.name",
        reference: "sp.reference",
        amount: "sp.amount_minor",
      },
      sorted,
      "sp.id",
    ),
    {
      supplierId: filter.supplierId ?? null,
      currency: filter.currency ?? null,
      q: filter.q ? likeContains(filter.q) : null,
    },
    paging,
  );
}

export const RECEIVABLE_SORTS = [
  "supplier",
  "program",
  "volume",
  "posted",
  "paid",
  "owed",
] as const;
export type ReceivableSort = (typeof RECEIVABLE_SORTS)[number];
export type ReceivableFilter = { supplierId?: number; q?: string; owing?: boolean };

/** What each program's supplier owes (posted gross less payments), sorted and paged in SQL. */
export function findReceivables(
  filter: ReceivableFilter,
  sorted: ListSort<ReceivableSort>,
  paging?: Paging,
) {
  const inner = `(SELECT p.id programId, p.name programName, p.currency, s.id supplierId, s.name supplierName,
       COALESCE((SELECT sum(l.amount_minor) FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
          WHERE l.program_id = p.id AND l.account = 'supplier_receivable:' || s.id AND e.kind = 'allocation'), 0) postedMinor,
       COALESCE((SELECT -sum(l.amount_minor) FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
          WHERE l.program_id = p.id AND l.account = 'supplier_receivable:' || s.id AND e.kind = 'supplier_payment'), 0) paidMinor,
       COALESCE(r.pooled_volume_minor, 0) pooledVolumeMinor, r.tier_index tierIndex, r.rate_bps rateBps, r.month lastPostedMonth
     FROM programs p JOIN suppliers s ON s.id = p.supplier_id
     LEFT JOIN allocation_runs r ON r.id = (SELECT max(id) FROM allocation_runs WHERE program_id = p.id AND status = 'posted')
     WHERE (@supplierId IS NULL OR s.id = @supplierId)
       AND (@q IS NULL OR s.name LIKE @q ${ESCAPE} OR p.name LIKE @q ${ESCAPE})) x`;
  return page<Receivable>(
    "x.*, x.postedMinor - x.paidMinor owedMinor",
    inner,
    "(@owing = 0 OR x.postedMinor - x.paidMinor <> 0)",
    orderText(
      {
        supplier: "x.supplierName",
        program: "x.programName",
        volume: "x.pooledVolumeMinor",
        posted: "x.postedMinor",
        paid: "x.paidMinor",
        owed: "x.postedMinor - x.paidMinor",
      },
      sorted,
      "x.programId",
    ),
    {
      supplierId: filter.supplierId ?? null,
      q: filter.q ? likeContains(filter.q) : null,
      owing: filter.owing ? 1 : 0,
    },
    paging,
  );
}

// FX rates ----------------------------------------------------------------------------------------

export const FX_SORTS = ["month", "from", "to", "updatedAt"] as const;
export type FxSort = (typeof FX_SORTS)[number];
export type FxFilter = { month?: string; currency?: string };

export function findFxRates(filter: FxFilter, sorted: ListSort<FxSort>, paging?: Paging) {
  return page<{ month: string; from: string; to: string; rate: string; updatedAt: string }>(
    'f.month, f.from_currency "from", f.to_currency "to", f.rate, f.updated_at updatedAt',
    "fx_rates f",
    `(@month IS NULL OR f.month = @month)
       AND (@currency IS NULL OR f.from_currency = @currency OR f.to_currency = @currency)`,
    orderText(
      {
        month: "f.month",
        from: "f.from_currency",
        to: "f.to_currency",
        updatedAt: "f.updated_at",
      },
      sorted,
      "f.month",
      "f.from_currency",
      "f.to_currency",
    ),
    { month: filter.month ?? null, currency: filter.currency ?? null },
    paging,
  );
}

// Users -------------------------------------------------------------------------------------------

export const USER_SORTS = ["email", "name", "role", "scope", "status", "createdAt"] as const;
export type UserSort = (typeof USER_SORTS)[number];
export type UserFilter = {
  q?: string;
  role?: (typeof ROLES)[number];
  state?: "active" | "disabled";
};
export type UserRow = {
  id: number;
  email: string;
  name: string;
  role: (typeof ROLES)[number];
  supplierId: number | null;
  memberId: number | null;
  scopeName: string | null;
  disabledAt: string | null;
  createdAt: string;
};

/** Users (never their password hashes), with the supplier or member they act for by name. */
export function findUsers(filter: UserFilter, sorted: ListSort<UserSort>, paging?: Paging) {
  return page<UserRow>(
    `u.id, u.email, u.name, u.role, u.supplier_id supplierId, u.member_id memberId,
       COALESCE(s.name, m.name) scopeName, u.disabled_at disabledAt, u.created_at createdAt`,
    "users u LEFT JOIN suppliers s ON s.id = u.supplier_id LEFT JOIN members m ON m.id = u.member_id",
    `(@q IS NULL OR u.email LIKE @q ${ESCAPE} OR u.name LIKE @q ${ESCAPE} OR s.name LIKE @q ${ESCAPE} OR m.name LIKE @q ${ESCAPE})
       AND (@role IS NULL OR u.role = @role)
       AND (@state IS NULL OR (@state = 'active' AND u.disabled_at IS NULL) OR (@state = 'disabled' AND u.disabled_at IS NOT NULL))`,
    orderText(
      {
        email: "u.email",
        name: "u.name",
        role: "u.role",
        scope: "COALESCE(s.name, m.name)",
        status: "u.disabled_at IS NOT NULL",
        createdAt: "u.id",
      },
      sorted,
      "u.id",
    ),
    {
      q: filter.q ? likeContains(filter.q) : null,
      role: filter.role ?? null,
      state: filter.state ?? null,
    },
    paging,
  );
}
