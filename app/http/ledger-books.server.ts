// The ledger's and the audit log's query strings (filters, pages) and their downloads.
import type { Actor } from "~/auth/authorize.server";
import { MESSAGES, minorToDecimal, translate, type Locale, type MessageKey } from "~/i18n/locale";
import { auditBook, type AuditBookFilter } from "~/models/audit-book.server";
import { listFile, type ListFormat } from "~/models/list-files.server";
import { ledgerLines, type LedgerFilter, type NamedAccount } from "~/models/ledger-book.server";
import { isMonthKey } from "~/refunds/money";
import { fileResponse } from "./downloads.server";
import { localeOf } from "./money-downloads.server";
import { oneOf } from "./query.server";
import { idFilter } from "./run-history.server";

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

const HEADER: MessageKey[] = [
  "ledger.entry",
  "ledger.date",
  "ledger.kind",
  "books.source",
  "ledger.account",
  "common.currency",
  "books.debit",
  "books.credit",
];

/** Every line matching the screen's filters (a download is not paged). */
export async function ledgerDownload(actor: Actor, request: Request) {
  const url = new URL(request.url);
  const format: ListFormat = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const locale = localeOf(actor, request);
  const { rows } = ledgerLines(ledgerFilter(url), 1, 0);
  const amount = (minor: number, currency: string) =>
    minor === 0 ? null : { decimal: minorToDecimal(minor, currency) };
  const file = await listFile(
    translate(locale, "books.ledgerFileName"),
    HEADER.map((k) => translate(locale, k)),
    rows.map((r) => [
      r.entryId,
      r.createdAt,
      translate(locale, KIND[r.kind]),
      r.source.kind === "run"
        ? `${r.source.program} ${r.source.month}`
        : r.source.kind === "batch"
          ? r.source.reference
          : r.source.kind === "payment"
            ? `${r.source.supplier} ${r.source.reference}`
            : r.source.memo,
      accountText(r.named, locale),
      r.currency,
      r.amountMinor > 0 ? amount(r.amountMinor, r.currency) : null,
      r.amountMinor < 0 ? amount(-r.amountMinor, r.currency) : null,
    ]),
    format,
  );
  return fileResponse(file);
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

/** Every audit row matching the screen's filters; the action in words where it has them. */
export async function auditDownload(actor: Actor, request: Request) {
  const url = new URL(request.url);
  const format: ListFormat = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const locale = localeOf(actor, request);
  const { rows } = auditBook(auditFilter(url), 1, 0);
  const action = (code: string) => {
    const key = `auditAction.${code}`;
    return key in MESSAGES.en ? translate(locale, key as MessageKey) : code;
  };
  const file = await listFile(
    translate(locale, "books.auditFileName"),
    [
      translate(locale, "audit.when"),
      translate(locale, "audit.who"),
      translate(locale, "audit.what"),
      translate(locale, "books.target"),
      translate(locale, "books.details"),
    ],
    rows.map((r) => [
      r.at,
      r.actorEmail,
      action(r.action),
      r.target ? (r.target.name ?? `${r.target.type} ${r.target.id}`) : null,
      Object.keys(r.details).length ? JSON.stringify(r.details) : null,
    ]),
    format,
  );
  return fileResponse(file);
}
