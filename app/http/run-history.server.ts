// The run history's query string (filters and page) and its download, for the screen and its export.
import type { Actor } from "~/auth/authorize.server";
import { minorToDecimal, translate, type MessageKey } from "~/i18n/locale";
import { listFile, type ListFormat } from "~/models/list-files.server";
import { listRunHistory, RUN_STATUSES, type RunHistoryFilter } from "~/models/run-history.server";
import { isMonthKey } from "~/refunds/money";
import { fileResponse } from "./downloads.server";
import { localeOf } from "./money-downloads.server";
import { oneOf } from "./query.server";

/** A positive id from the query string, or undefined for anything else. */
export function idFilter(value: string | null): number | undefined {
  const id = Number(value?.trim() || Number.NaN);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

export function runHistoryFilter(url: URL): RunHistoryFilter {
  const month = url.searchParams.get("month") ?? "";
  return {
    programId: idFilter(url.searchParams.get("programId")),
    month: isMonthKey(month) ? month : undefined,
    status: oneOf(url.searchParams.get("status"), RUN_STATUSES),
  };
}

const HEADER: MessageKey[] = [
  "history.run",
  "history.program",
  "history.supplier",
  "history.month",
  "history.status",
  "history.postedBy",
  "history.postedAt",
  "common.currency",
  "history.gross",
  "history.fee",
  "history.toMembers",
];

export async function runHistoryDownload(actor: Actor, request: Request) {
  const url = new URL(request.url);
  const format: ListFormat = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const locale = localeOf(actor, request);
  const { rows } = listRunHistory(runHistoryFilter(url), 1, 0);
  const status = (r: (typeof rows)[number]): MessageKey =>
    r.status === "preview" ? "history.preview" : r.trueUp ? "history.trueUp" : "history.posted";
  const file = await listFile(
    translate(locale, "history.fileName"),
    HEADER.map((k) => translate(locale, k)),
    rows.map((r) => [
      r.id,
      r.programName,
      r.supplierName,
      r.month,
      translate(locale, status(r)),
      r.postedBy ?? r.createdBy,
      r.postedAt ?? r.createdAt,
      r.currency,
      { decimal: minorToDecimal(r.grossMinor, r.currency) },
      { decimal: minorToDecimal(r.feeMinor, r.currency) },
      { decimal: minorToDecimal(r.netMinor, r.currency) },
    ]),
    format,
  );
  return fileResponse(file);
}
