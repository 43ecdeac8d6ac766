import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SupplierFilter } from "~/components/forms/SupplierFilter";
import { Link, useLoaderData } from "@remix-run/react";
import { REPORT_STATUSES } from "@db/schema";
import { authorize } from "~/auth/authorize.server";
import { Downloads } from "~/components/tables/Downloads";
import { ChoiceFilter, TextFilter } from "~/components/tables/FilterFields";
import { ListFilters } from "~/components/tables/ListFilters";
import { Pager } from "~/components/tables/Pager";
import { SortHeader } from "~/components/tables/SortHeader";
import { ReportTotals, STATUS_LABELS, StatusLabel } from "~/components/tables/ReportCells";
import { reportList } from "~/http/admin-lists.server";
import { useI18n } from "~/i18n/context";
import { listReports } from "~/models/reports.server";
import { listSuppliers } from "~/models/suppliers.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "adminReports.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { list, filter } = reportList(request);
  const { page, pageSize } = list.paging;
  const { rows, total } = listReports(filter, page, pageSize, list.sorted);
  return {
    rows,
    total,
    ...list.state,
    suppliers: listSuppliers().map((s) => ({ id: s.id, name: s.name })),
  };
}

export default function AdminReports() {
  const { rows, total, page, pageSize, sorted, suppliers } = useLoaderData<typeof loader>();
  const { t, month, date } = useI18n();
  return (
    <>
      <h1>{t("adminReports.title")}</h1>
      <ListFilters>
        <SupplierFilter suppliers={suppliers} />
        <TextFilter name="period" type="month" label={t("adminReports.month")} />
        <ChoiceFilter
          name="status"
          label={t("adminReports.status")}
          all={t("adminReports.allStatuses")}
          choices={REPORT_STATUSES.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) }))}
        />
        <TextFilter label={t("adminReports.file")} />
      </ListFilters>
      <Downloads path="/admin/reports/export" />
      <div className="table-scroll">
        <table data-testid="reports">
          <thead>
            <tr>
              <SortHeader column="supplier" label={t("adminReports.supplier")} sorted={sorted} />
              <SortHeader
                column="period"
                label={t("adminReports.month")}
                sorted={sorted}
                first="desc"
              />
              <SortHeader
                column="version"
                label={t("adminReports.version")}
                sorted={sorted}
                className="num"
              />
              <SortHeader column="status" label={t("adminReports.status")} sorted={sorted} />
              <SortHeader
                column="uploadedAt"
                label={t("adminReports.uploadedAt")}
                sorted={sorted}
                first="desc"
              />
              <SortHeader
                column="rows"
                label={t("adminReports.rows")}
                sorted={sorted}
                className="num"
                first="desc"
              />
              <th scope="col" className="num">
                {t("adminReports.lines")}
              </th>
              <SortHeader
                column="errors"
                label={t("adminReports.errors")}
                sorted={sorted}
                className="num"
                first="desc"
              />
              <th scope="col" className="num">
                {t("adminReports.warnings")}
              </th>
              <th scope="col" className="num">
                {t("adminReports.totals")}
              </th>
              <th scope="col" className="num">
                {t("adminReports.held")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-report={r.id}>
                <td>{r.supplierName}</td>
                <td>
                  <Link to={`/admin/reports/${r.id}`} className="nowrap">
                    {month(r.period)}
                  </Link>
                  <br />
                  <Link to={`/admin/reports/${r.id}`} className="muted report-file">
                    {r.fileName}
                  </Link>
                </td>
                <td className="num">{r.version}</td>
                <td>
                  <StatusLabel status={r.status} />
                </td>
                <td className="nowrap">{date(r.uploadedAt)}</td>
                <td className="num">{r.rows}</td>
                <td className="num">{r.linesCount}</td>
                <td className="num">{r.errorsCount || ""}</td>
                <td className="num">{r.warningsCount || ""}</td>
                <td className="num">
                  <ReportTotals totals={r.totals} />
                </td>
                <td className="num">{r.held ? <strong>{r.held}</strong> : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p>{t("common.none")}</p> : null}
      <Pager page={page} pageSize={pageSize} total={total} />
    </>
  );
}
