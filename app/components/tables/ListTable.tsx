// A list's table (shared list toolkit, SPEC 6): its download links, its rows under headers that
// sort on the server (or "none" when nothing matches), and its pager.
//
// Usage (the loader returns the list's rows and `{ total, ...list.state }`):
//   <ListTable testId="payments" rows={payments} list={paid} rowKey={(p) => p.id}
//     downloads="/admin/receivables/payments/export" columns={[
//       { label: t("receivables.receivedOn"), sort: "receivedOn", first: "desc", cell: (p) => date(p.receivedOn) },
//       { label: t("receivables.amount"), sort: "amount", className: "num", cell: (p) => money(p.amountMinor, p.currency) },
//     ]} />
// A second list on the screen passes its `prefix` ("r": rsort, rdir, rpage), and both lists the
// screen's page parameters as `pageParams`, so a download is every row of either.
import type { ReactNode, TdHTMLAttributes } from "react";
import { Downloads } from "~/components/tables/Downloads";
import { Pager } from "~/components/tables/Pager";
import { SortHeader } from "~/components/tables/SortHeader";
import { useI18n } from "~/i18n/context";

type Dir = "asc" | "desc";
type DataAttributes = { [attribute: `data-${string}`]: string | number };

export type ListColumn<R> = {
  label: string;
  /** The list's sort key (app/http/list-query.server.ts); a plain header when left out. */
  sort?: string;
  /** The direction of the first click: "desc" for dates and amounts. */
  first?: Dir;
  /** The header's and the cells' class: "num" right-aligns amounts. */
  className?: string;
  cell: (row: R) => ReactNode;
  /** More of each cell's attributes: a test id, "nowrap" for a date. */
  td?: (row: R) => TdHTMLAttributes<HTMLTableCellElement> & DataAttributes;
};

export function ListTable<R>({
  testId,
  rows,
  columns,
  rowKey,
  rowData,
  list,
  prefix = "",
  downloads,
  pageParams,
}: {
  testId: string;
  rows: readonly R[];
  columns: readonly ListColumn<R>[];
  rowKey: (row: R) => string | number;
  /** The row's data attributes (`data-payment`), for tests and scripts. */
  rowData?: (row: R) => DataAttributes;
  /** The list as the loader read it: its sort, page, page size and count. */
  list: { sorted: { sort: string; dir: Dir }; page: number; pageSize: number; total: number };
  /** A second list on the screen: its `<prefix>sort`, `<prefix>dir`, `<prefix>page`. */
  prefix?: string;
  /** The list's export route (<Downloads>). */
  downloads: string;
  /** Every page parameter of the screen, left out of the download links. */
  pageParams?: string[];
}) {
  const { t } = useI18n();
  return (
    <>
      <Downloads path={downloads} pageParams={pageParams} />
      {rows.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid={testId}>
            <thead>
              <tr>
                {columns.map((c) =>
                  c.sort ? (
                    <SortHeader
                      key={c.label}
                      column={c.sort}
                      label={c.label}
                      sorted={list.sorted}
                      prefix={prefix}
                      className={c.className}
                      first={c.first}
                    />
                  ) : (
                    <th key={c.label} scope="col" className={c.className}>
                      {c.label}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)} {...rowData?.(row)}>
                  {columns.map((c) => (
                    <td key={c.label} className={c.className} {...c.td?.(row)}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={list.page} pageSize={list.pageSize} total={list.total} param={`${prefix}page`} />
    </>
  );
}
