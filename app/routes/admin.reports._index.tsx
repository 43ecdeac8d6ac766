import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SupplierFilter } from "~/components/forms/SupplierFilter";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { REPORT_STATUSES } from "@db/schema";
import { authorize } from "~/auth/authorize.server";
import { Pager } from "~/components/tables/Pager";
import { ReportTotals, STATUS_LABELS, StatusLabel } from "~/components/tables/ReportCells";
import { oneOf, pageParams } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { listReports } from "~/models/reports.server";
import { listSuppliers } from "~/models/suppliers.server";
import { isMonthKey } from "~/refunds/money";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "adminReports.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { url, page, pageSize } = pageParams(request, 50);
  const supplierId = Number(url.searchParams.get("supplierId")) || undefined;
  const month = url.searchParams.get("period")?.trim() ?? "";
  const period = isMonthKey(month) ? month : undefined;
  const status = oneOf(url.searchParams.get("status"), REPORT_STATUSES);
  const { rows, total } = listReports({ supplierId, period, status }, page, pageSize);
  return {
    rows,
    total,
    page,
    pageSize,
    suppliers: listSuppliers().map((s) => ({ id: s.id, name: s.name })),
  };
}

export default function AdminReports() {
  const { rows, total, page, pageSize, suppliers } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, month, date } = useI18n();
  const filtered = ["supplierId", "period", "status"].some((k) => params.get(k));
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
        <div className="field">
          <button type="submit">{t("adminReports.filter")}</button>
        </div>
        {filtered ? (
          <div className="field">
            <Link to="/admin/reports">{t("adminReports.clearFilters")}</Link>
          </div>
        ) : null}
      </Form>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>{t("adminReports.supplier")}</th>
              <th>{t("adminReports.month")}</th>
              <th className="num">{t("adminReports.version")}</th>
              <th>{t("adminReports.status")}</th>
              <th>{t("adminReports.file")}</th>
              <th>{t("adminReports.uploadedAt")}</th>
              <th className="num">{t("adminReports.rows")}</th>
              <th className="num">{t("adminReports.lines")}</th>
              <th className="num">{t("adminReports.errors")}</th>
              <th className="num">{t("adminReports.warnings")}</th>
              <th className="num">{t("adminReports.totals")}</th>
              <th className="num">{t("adminReports.held")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.supplierName}</td>
                <td>
                  <Link to={`/admin/reports/${r.id}`}>{month(r.period)}</Link>
                </td>
                <td className="num">{r.version}</td>
                <td>
                  <StatusLabel status={r.status} />
                </td>
                <td>
                  <Link to={`/admin/reports/${r.id}`}>{r.fileName}</Link>
                </td>
                <td>{date(r.uploadedAt)}</td>
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
