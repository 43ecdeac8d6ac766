// Money-out files as users download them: a payout batch for the bank, a member's statement.
// Each export is recorded in the audit log; the edge only turns the file into a response.
import type { Locale } from "~/i18n/locale";
import { recordAudit, type AuditActor } from "./audit.server";
import { payoutBatchCsv, payoutBatchXlsx, statementXlsx, XLSX_TYPE } from "./money-exports.server";
import { getBatch } from "./payouts.server";
import type { MemberStatement } from "./statements.server";

export type DownloadFile = { name: string; type: string; body: Uint8Array<ArrayBuffer> | string };

/** Letters, digits, dot, dash and underscore only: a name every bank system and OS accepts. */
const safeName = (name: string) => name.replace(/[^\p{L}\p{N}._-]+/gu, "_");

export async function payoutBatchFile(
  actor: AuditActor,
  batchId: number,
  format: "xlsx" | "csv",
  locale: Locale,
): Promise<DownloadFile> {
  const batch = getBatch(batchId);
  recordAudit(actor, "payout_batch.export", { type: "payout_batch", id: batch.id }, { format });
  const name = `${safeName(batch.reference)}.${format}`;
  if (format === "csv")
    return { name, type: "text/csv; charset=utf-8", body: payoutBatchCsv(batch, locale) };
  return { name, type: XLSX_TYPE, body: new Uint8Array(await payoutBatchXlsx(batch, locale)) };
}

export async function statementFile(
  actor: AuditActor,
  statement: MemberStatement,
  locale: Locale,
): Promise<DownloadFile> {
  const body = new Uint8Array(await statementXlsx(statement, locale));
  const { from, to } = statement;
  recordAudit(actor, "statement.export", { type: "member", id: statement.member.id }, { from, to });
  const name = safeName(`statement-${statement.member.taxId}-${from}-${to}.xlsx`);
  return { name, type: XLSX_TYPE, body };
}
