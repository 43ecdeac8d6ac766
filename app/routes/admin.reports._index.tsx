import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SupplierFilter } from "~/components/forms/SupplierFilter";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { REPORT_STATUSES } from "@db/schema";
import { authorize } from "~/auth/authorize.server";
import { Downloads } from "~/components/tables/Downloads";
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
  const [params] = useSearchParams();
  const { t, month, date } = useI18n();
  const filtered = ["supplierId", "period", "status", "q"].some((k) => params.get(k));
  return (
    <>
      <h1>{t("adminReports.title")}</h1>
      <Form method="get" className="toolbar">
        <SupplierFilter suppliers={suppliers} selected={params.get("supplierId")} />
        <label className="field">
          <span>{t("adminReports.month")}</span>
          <input type="month" name="period" defaultValue={params.get("period") ?? ""} />
        </label>
        <label className="field">
          <span>{t("adminReports.status")}</span>
          <select name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">{t("adminReports.allStatuses")}</option>
            {REPORT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_LABELS[s])}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("adminReports.file")}</span>
          <input type="search" name="q" defaultValue={params.get("q") ?? ""} />
        </label>
        {["sort", "dir"].map((k) =>
          params.get(k) ? <input key={k} type="hidden" name={k} value={params.get(k)!} /> : null,
        )}
        <div className="field">
          <button type="submit">{t("adminReports.filter")}</button>
        </div>
        {filtered ? (
          <div className="field">
            <Link to="/admin/reports">{t("adminReports.clearFilters")}</Link>
          </div>
        ) : null}
      </Form>
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
