// The HTTP side of money-out downloads and statements: reading the month range, choosing the
// language of a file, naming it, and recording every export in the audit log.
import type { Actor } from "~/auth/authorize.server";
import { toHttpError } from "./errors.server";
import { pickLocale, type Locale } from "~/i18n/locale";
import { recordAudit } from "~/models/audit.server";
import {
  downloadHeaders,
  payoutBatchCsv,
  payoutBatchXlsx,
  statementXlsx,
  XLSX_TYPE,
} from "~/models/money-exports.server";
import { getBatch } from "~/models/payouts.server";
import { defaultRange, memberStatement } from "~/models/statements.server";
import { statementRange } from "~/schemas/money";

export function localeOf(actor: Actor, request: Request): Locale {
  return pickLocale(actor.locale, request.headers.get("Accept-Language"));
}

/** `?from=&to=` months of a statement; either left out takes the default (this year to date). */
export function rangeOf(request: Request, memberId: number) {
  const url = new URL(request.url);
  const fallback = defaultRange(memberId);
  return statementRange.parse({
    from: url.searchParams.get("from") || fallback.from,
    to: url.searchParams.get("to") || fallback.to,
  });
}

export function statementFor(request: Request, memberId: number) {
  const { from, to } = rangeOf(request, memberId);
  return memberStatement(memberId, from, to);
}

export async function statementDownload(actor: Actor, request: Request, memberId: number) {
  const statement = statementFor(request, memberId);
  const body = await statementXlsx(statement, localeOf(actor, request));
  recordAudit(
    actor,
    "statement.export",
    { type: "member", id: memberId },
    { from: statement.from, to: statement.to },
  );
  const name = `statement-${statement.member.taxId}-${statement.from}-${statement.to}.xlsx`;
  return new Response(new Uint8Array(body), {
    headers: downloadHeaders(name.replace(/[^\p{L}\p{N}._-]+/gu, "_"), XLSX_TYPE),
  });
}

export async function exportBatch(
  actor: Actor,
  request: Request,
  batchId: number,
  format: "xlsx" | "csv",
) {
  const batch = getBatch(batchId);
  const locale = localeOf(actor, request);
  recordAudit(actor, "payout_batch.export", { type: "payout_batch", id: batch.id }, { format });
  const name = `${batch.reference.replace(/[^\p{L}\p{N}._-]+/gu, "_")}.${format}`;
  if (format === "csv") {
    return new Response(payoutBatchCsv(batch, locale), {
      headers: downloadHeaders(name, "text/csv; charset=utf-8"),
    });
  }
  const body = await payoutBatchXlsx(batch, locale);
  return new Response(new Uint8Array(body), { headers: downloadHeaders(name, XLSX_TYPE) });
}

/** For page loaders: a domain or HTTP failure leaves as a plain response with its status. */
export function orRefusal<T>(work: () => T): T {
  const refuse = (error: unknown): never => {
    if (error instanceof Response) throw error;
    const e = toHttpError(error);
    throw new Response(e.message, { status: e.status, statusText: e.code });
  };
  try {
    const result = work();
    return (result instanceof Promise ? result.catch(refuse) : result) as T;
  } catch (error) {
    return refuse(error);
  }
}
