// Spreadsheets of money out: the bank's payout file (XLSX and CSV), member statements and the
// supplier's refunds. Text goes in as text cells (never formulas) and CSV cells are escaped.
import ExcelJS from "exceljs";
import { escapeCsvCell, safeTextCell } from "@imports/problem-workbook";
import { componentLabel } from "~/i18n/component-label";
import { explainPosting } from "~/i18n/explain";
import { minorToDecimal, translate, type Locale, type MessageKey } from "~/i18n/locale";
import type { Batch } from "./payouts.server";
import type { Receivable } from "./receivables.server";
import type { MemberStatement } from "./statements.server";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** An amount as the exact decimal number a spreadsheet shows (2 decimals for USD 1234.56). */
const amount = (minor: number, currency: string) => Number(minorToDecimal(minor, currency));
const MONEY_FORMAT = "#,##0.00";

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  header: string[],
  rows: unknown[][],
  moneyColumns: number[] = [],
) {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(header.map(safeTextCell)).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(safeTextCell));
  for (const c of moneyColumns) sheet.getColumn(c).numFmt = MONEY_FORMAT;
  header.forEach((h, i) => (sheet.getColumn(i + 1).width = Math.max(12, h.length + 4)));
  return sheet;
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The bank's reference for one member's transfer. */
export const transferReference = (batch: Batch, memberId: number) =>
  `${batch.reference}-${memberId}`;

function batchRows(batch: Batch) {
  return batch.lines
    .filter((l) => !l.dropped)
    .map((l) => [
      l.memberName,
      l.taxId,
      l.bankName ?? "",
      l.bankAccount ?? "",
      l.bankHolder ?? "",
      batch.currency,
      minorToDecimal(l.amountMinor, batch.currency),
      transferReference(batch, l.memberId),
    ]);
}

const BATCH_HEADER: MessageKey[] = [
  "payouts.member",
  "payouts.taxId",
  "payouts.bank",
  "payouts.bankAccount",
  "payouts.bankHolder",
  "common.currency",
  "payouts.amount",
  "payouts.reference",
];

export async function payoutBatchXlsx(batch: Batch, locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const rows = batchRows(batch).map((r) => {
    const copy: unknown[] = [...r];
    copy[6] = Number(r[6]);
    return copy;
  });
  addSheet(
    workbook,
    batch.reference.slice(0, 31).replace(/[\\/?*[\]:]/g, "_") || "Payout",
    BATCH_HEADER.map((k) => translate(locale, k)),
    rows,
    [7],
  );
  return toBuffer(workbook);
}

/** CSV for the bank: comma-separated, UTF-8 with BOM, amounts as exact decimals with a point. */
export function payoutBatchCsv(batch: Batch, locale: Locale): string {
  const lines = [BATCH_HEADER.map((k) => translate(locale, k)), ...batchRows(batch)];
  return (
    "\ufeff" + lines.map((r) => r.map((c) => escapeCsvCell(c)).join(",")).join("\r\n") + "\r\n"
  );
}

export async function statementXlsx(s: MemberStatement, locale: Locale): Promise<Buffer> {
  const t = (k: MessageKey) => translate(locale, k);
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    t("statement.summary"),
    [
      t("statement.member"),
      t("payouts.taxId"),
      t("statement.from"),
      t("statement.to"),
      t("common.currency"),
      t("statement.opening"),
      t("statement.earned"),
      t("statement.paidOut"),
      t("statement.closing"),
    ],
    s.balances.map((b) => [
      s.member.name,
      s.member.taxId,
      s.from,
      s.to,
      b.currency,
      amount(b.openingMinor, b.currency),
      amount(b.earnedMinor, b.currency),
      amount(b.paidOutMinor, b.currency),
      amount(b.closingMinor, b.currency),
    ]),
    [6, 7, 8, 9],
  );
  addSheet(
    workbook,
    t("statement.programs"),
    [
      t("statement.program"),
      t("statement.supplier"),
      t("common.currency"),
      t("statement.pooledVolume"),
      t("statement.tier"),
      t("statement.rate"),
      t("statement.yourVolume"),
      t("statement.earned"),
    ],
    s.programs.map((p) => [
      p.name,
      p.supplierName,
      p.currency,
      amount(p.pooledVolumeMinor, p.currency),
      p.tierIndex === null ? null : p.tierIndex + 1,
      p.rateBps === null ? null : p.rateBps / 10000,
      amount(p.memberVolumeMinor, p.currency),
      amount(p.earnedMinor, p.currency),
    ]),
    [4, 7, 8],
  ).getColumn(6).numFmt = "0.00%";
  addSheet(
    workbook,
    t("statement.postings"),
    [
      t("statement.program"),
      t("statement.month"),
      t("common.currency"),
      t("statement.amount"),
      t("statement.explanation"),
    ],
    s.programs.flatMap((p) =>
      p.postings.map((x) => [
        p.name,
        x.month,
        p.currency,
        amount(x.amountMinor, p.currency),
        explainPosting(x.explanation, locale),
      ]),
    ),
    [4],
  );
  // SPEC 3.7: each posting of a program with components, split by component.
  const componentRows = s.programs.flatMap((p) =>
    p.postings.flatMap((x) =>
      (x.components ?? []).map((c) => [
        p.name,
        x.month,
        p.currency,
        componentLabel(c, p.growthBasis, locale),
        amount(c.amountMinor, p.currency),
      ]),
    ),
  );
  if (componentRows.length > 0) {
    addSheet(
      workbook,
      t("comp.sheet"),
      [
        t("statement.program"),
        t("statement.month"),
        t("common.currency"),
        t("comp.componentsHeader"),
        t("statement.amount"),
      ],
      componentRows,
      [5],
    );
  }
  addSheet(
    workbook,
    t("statement.payouts"),
    [t("payouts.reference"), t("statement.month"), t("common.currency"), t("statement.amount")],
    s.payouts.map((p) => [p.reference, p.month, p.currency, amount(p.amountMinor, p.currency)]),
    [4],
  );
  return toBuffer(workbook);
}

export async function supplierRefundsXlsx(rows: Receivable[], locale: Locale): Promise<Buffer> {
  const t = (k: MessageKey) => translate(locale, k);
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    t("refunds.sheet"),
    [
      t("statement.program"),
      t("common.currency"),
      t("refunds.lastRun"),
      t("statement.pooledVolume"),
      t("statement.tier"),
      t("statement.rate"),
      t("receivables.posted"),
      t("receivables.paid"),
      t("receivables.owed"),
    ],
    rows.map((r) => [
      r.programName,
      r.currency,
      r.lastPostedMonth,
      amount(r.pooledVolumeMinor, r.currency),
      r.tierIndex === null ? null : r.tierIndex + 1,
      r.rateBps === null ? null : r.rateBps / 10000,
      amount(r.postedMinor, r.currency),
      amount(r.paidMinor, r.currency),
      amount(r.owedMinor, r.currency),
    ]),
    [4, 7, 8, 9],
  ).getColumn(6).numFmt = "0.00%";
  return toBuffer(workbook);
}
