// A list's download as CSV or XLSX (shared list toolkit, SPEC 6: every list downloads). The file
// itself is app/models/list-files.server.ts (exceljs for XLSX; CSV quoted, with a UTF-8 BOM and
// the formula-injection guard of imports/problem-workbook.ts): this module only names the columns
// in the reader's language and answers with the file.
//
// Usage in an export resource route (`admin.suppliers_.export.tsx`), with the screen's filters and
// sort (the <Downloads> links carry the screen's query string):
//   export async function loader({ request }: LoaderFunctionArgs) {
//     const actor = await authorize(request, { roles: ["admin"] });
//     const list = listQuery(request, { sorts: SUPPLIER_SORTS, sort: "name" });
//     const { rows } = listSuppliers({ q: list.q }, list.sorted);   // no paging: every row
//     return listDownload(actor, request, {
//       fileName: "suppliers.fileName",
//       columns: [
//         { header: "common.name", cell: (s) => s.name },
//         { header: "common.status", cell: (s, t) => t(`status.${s.status}`) },
//         { header: "payouts.total", cell: (s) => amountCell(s.totalMinor, s.currency) },
//       ],
//       rows,
//     });
//   }
// Dates go out as ISO text ("2026-03-31"), amounts as exact decimals (numbers in XLSX).
import type { Actor } from "~/auth/authorize.server";
import { minorToDecimal, translate, type Locale, type MessageKey } from "~/i18n/locale";
import { listFile, type DecimalCell, type ListCell } from "~/models/list-files.server";
import { fileResponse } from "./downloads.server";
import { formatParam } from "./list-query.server";
import { localeOf } from "./money-downloads.server";

export type { ListCell } from "~/models/list-files.server";

/** `translate` in the file's language, for cells in words. */
export type CellText = (key: MessageKey, vars?: Record<string, string | number>) => string;

export type ListColumn<R> = {
  header: MessageKey;
  cell: (row: R, t: CellText, locale: Locale) => ListCell;
};

/** An amount in minor units as its exact decimal: a number in XLSX, "1234.50" in CSV. */
export function amountCell(minor: number | null | undefined, currency: string): DecimalCell | null {
  return minor === null || minor === undefined
    ? null
    : { decimal: minorToDecimal(minor, currency) };
}

/** The file of `rows` in the format the query string asks for (CSV unless `?format=xlsx`). */
export async function listDownload<R>(
  actor: Actor,
  request: Request,
  spec: { fileName: MessageKey; columns: readonly ListColumn<R>[]; rows: readonly R[] },
): Promise<Response> {
  const locale = localeOf(actor, request);
  const t: CellText = (key, vars) => translate(locale, key, vars);
  const file = await listFile(
    t(spec.fileName),
    spec.columns.map((c) => t(c.header)),
    spec.rows.map((r) => spec.columns.map((c) => c.cell(r, t, locale))),
    formatParam(new URL(request.url)),
  );
  return fileResponse(file);
}
