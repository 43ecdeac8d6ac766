// The HTTP side of money-out downloads and statements: reading the month range, choosing the
// language of a file, and answering with it.
import type { Actor } from "~/auth/authorize.server";
import { pickLocale, type Locale } from "~/i18n/locale";
import { payoutBatchFile, statementFile } from "~/models/money-files.server";
import { fileResponse } from "./downloads.server";
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
  return fileResponse(await statementFile(actor, statement, localeOf(actor, request)));
}

export async function exportBatch(
  actor: Actor,
  request: Request,
  batchId: number,
  format: "xlsx" | "csv",
) {
  return fileResponse(await payoutBatchFile(actor, batchId, format, localeOf(actor, request)));
}
