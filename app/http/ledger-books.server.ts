// The ledger's and the audit log's query strings (filters, pages) and their downloads.
import type { Actor } from "~/auth/authorize.server";
import { MESSAGES, translate, type Locale, type MessageKey } from "~/i18n/locale";
import { auditBook, type AuditBookFilter, type AuditBookRow } from "~/models/audit-book.server";
import { ledgerLines, type LedgerFilter, type NamedAccount } from "~/models/ledger-book.server";
import { isMonthKey } from "~/refunds/money";
import { amountCell, listDownload, type ListColumn } from "./list-export.server";
import { oneOf } from "./query.server";
import { idFilter } from "./run-history.server";

type LedgerBookLine = ReturnType<typeof ledgerLines>["rows"][number];

export function ledgerFilter(url: URL): LedgerFilter {
  const get = (k: string) => url.searchParams.get(k)?.trim() || undefined;
  const month = get("month");
  const currency = get("currency");
  return {
    q: get("q")?.slice(0, 100),
    account: get("account")?.slice(0, 100),
    memberId: idFilter(url.searchParams.get("memberId")),
    supplierId: idFilter(url.searchParams.get("supplierId")),
    programId: idFilter(url.searchParams.get("programId")),
    month: isMonthKey(month) ? month : undefined,
    currency: currency && /^[A-Z]{3}$/.test(currency) ? currency : undefined,
    kind: oneOf(url.searchParams.get("kind"), ["allocation", "supplier_payment", "payout"]),
    runId: idFilter(url.searchParams.get("runId")),
    payoutBatchId: idFilter(url.searchParams.get("batchId")),
    supplierPaymentId: idFilter(url.searchParams.get("paymentId")),
    entryId: idFilter(url.searchParams.get("entryId")),
  };
}

export function accountText(account: NamedAccount, locale: Locale): string {
  switch (account.kind) {
    case "member":
      return translate(locale, "books.accountMember", { name: account.name });
    case "supplier":
      return translate(locale, "books.accountSupplier", { name: account.name });
    case "fee":
      return translate(locale, "books.accountFee");
    case "cash":
      return translate(locale, "books.accountCash", { currency: account.currency });
    default:
      return account.code;
  }
}

const KIND: Record<string, MessageKey> = {
  allocation: "ledger.kindAllocation",
  supplier_payment: "ledger.kindSupplierPayment",
  payout: "ledger.kindPayout",
};

const LEDGER_COLUMNS: ListColumn<LedgerBookLine>[] = [
  { header: "ledger.entry", cell: (r) => r.entryId },
  { header: "ledger.date", cell: (r) => r.createdAt },
  { header: "ledger.kind", cell: (r, t) => t(KIND[r.kind]) },
  {
    header: "books.source",
    cell: (r) =>
      r.source.kind === "run"
        ? `${r.source.program} ${r.source.month}`
        : r.source.kind === "batch"
          ? r.source.reference
          : r.source.kind === "payment"
            ? `${r.source.supplier} ${r.source.reference}`
            : r.source.memo,
  },
  { header: "ledger.account", cell: (r, _t, locale) => accountText(r.named, locale) },
  { header: "common.currency", cell: (r) => r.currency },
  {
    header: "books.debit",
    cell: (r) => (r.amountMinor > 0 ? amountCell(r.amountMinor, r.currency) : null),
  },
  {
    header: "books.credit",
    cell: (r) => (r.amountMinor < 0 ? amountCell(-r.amountMinor, r.currency) : null),
  },
];

/** Every line matching the screen's filters (a download is not paged). */
export function ledgerDownload(actor: Actor, request: Request) {
  const { rows } = ledgerLines(ledgerFilter(new URL(request.url)), 1, 0);
  return listDownload(actor, request, {
    fileName: "books.ledgerFileName",
    columns: LEDGER_COLUMNS,
    rows,
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function auditFilter(url: URL): AuditBookFilter {
  const get = (k: string) => url.searchParams.get(k)?.trim().slice(0, 100) || undefined;
  const from = get("from");
  const to = get("to");
  return {
    who: get("who"),
    action: get("action"),
    q: get("q"),
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
  };
}

const AUDIT_COLUMNS: ListColumn<AuditBookRow>[] = [
  { header: "audit.when", cell: (r) => r.at },
  { header: "audit.who", cell: (r) => r.actorEmail },
  {
    header: "audit.what",
    cell: (r, t) => {
      const key = `auditAction.${r.action}`;
      return key in MESSAGES.en ? t(key as MessageKey) : r.action;
    },
  },
  {
    header: "books.target",
    cell: (r) => (r.target ? (r.target.name ?? `${r.target.type} ${r.target.id}`) : null),
  },
  {
    header: "books.details",
    cell: (r) => (Object.keys(r.details).length ? JSON.stringify(r.details) : null),
  },
];

/** Every audit row matching the screen's filters; the action in words where it has them. */
export function auditDownload(actor: Actor, request: Request) {
  const { rows } = auditBook(auditFilter(new URL(request.url)), 1, 0);
  return listDownload(actor, request, {
    fileName: "books.auditFileName",
    columns: AUDIT_COLUMNS,
    rows,
  });
}
