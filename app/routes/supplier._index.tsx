import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { ReportStatusBadge, TotalsText } from "~/components/reports/ReportBits";
import { useI18n } from "~/i18n/context";
import { getSupplier } from "~/models/suppliers.server";
import { supplierYear, type MonthRow } from "~/models/supplier-reports.server";
import reportStyles from "~/styles/reports.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  const supplier = getSupplier(actor.supplierId!);
  if (!supplier) throw new Response("Not found", { status: 404 });
  const currentMonth = new Date().toISOString().slice(0, 7);
  const currentYear = Number(currentMonth.slice(0, 4));
  const asked = Number(new URL(request.url).searchParams.get("year"));
  const year =
    Number.isInteger(asked) && asked >= 2000 && asked <= currentYear ? asked : currentYear;
  return {
    supplier: { id: supplier.id, name: supplier.name, currency: supplier.currency },
    year,
    currentYear,
    currentMonth,
    months: supplierYear(supplier.id, year, currentMonth),
  };
}

export default function SupplierDashboard() {
  const { supplier, year, currentYear, currentMonth, months } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const missing = months.filter((m) => m.missing).length;
  return (
    <>
      <h1>{t("dashboard.supplier")}</h1>
      <p data-testid="supplier-name">{t("dashboard.welcome", { name: supplier.name })}</p>
      <div className="toolbar">
        <h2 className="year-title">{t("reports.byMonthTitle", { year })}</h2>
        <nav className="year-switch" aria-label={t("reports.year")}>
          <Link to={`?year=${year - 1}`} rel="prev">
            ← {year - 1}
          </Link>
          {year < currentYear ? (
            <Link to={`?year=${year + 1}`} rel="next">
              {year + 1} →
            </Link>
          ) : null}
        </nav>
        <Link className="button" to="/supplier/reports/new">
          {t("reports.uploadNew")}
        </Link>
        <a className="button secondary" href="/supplier/template.xlsx" download>
          {t("reports.downloadTemplate")}
        </a>
      </div>
      {missing > 0 ? (
        <p className="alert" role="status" data-testid="missing-count">
          {t("reports.missingCount", { count: missing })}
        </p>
      ) : null}
      <table className="months" data-testid="months">
        <thead>
          <tr>
            <th>{t("reports.month")}</th>
            <th>{t("reports.status")}</th>
            <th className="num">{t("reports.version")}</th>
            <th className="num">{t("reports.lines")}</th>
            <th className="num">{t("reports.total")}</th>
            <th className="num">{t("reports.warnings")}</th>
            <th className="num">{t("reports.errors")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <MonthLine key={m.period} month={m} currentMonth={currentMonth} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function MonthLine({ month: m, currentMonth }: { month: MonthRow; currentMonth: string }) {
  const { t, month } = useI18n();
  const v = m.latest;
  const uploadLink = (
    <Link to={`/supplier/reports/new?period=${m.period}`}>{t("reports.uploadForMonth")}</Link>
  );
  return (
    <tr
      data-period={m.period}
      className={m.missing ? "missing" : m.notDue && !v ? "not-due" : undefined}
    >
      <th scope="row">{month(m.period)}</th>
      {v ? (
        <>
          <td>
            <Link to={`/supplier/reports/${v.id}`}>
              <ReportStatusBadge status={v.status} />
            </Link>
            {m.active ? (
              <>
                {" "}
                <Link to={`/supplier/reports/${m.active.id}`} className="muted">
                  {t("reports.activeVersion", { version: m.active.version })}
                </Link>
              </>
            ) : null}
            {m.missing ? <span className="missing-mark"> · {t("reports.missing")}</span> : null}
          </td>
          <td className="num">{v.version}</td>
          <td className="num">{v.lines}</td>
          <td className="num">
            <TotalsText totals={v.totals} />
          </td>
          <td className="num">{v.warnings}</td>
          <td className="num">{v.errors}</td>
          <td>
            <Link to={`/supplier/reports/${v.id}`}>{t("reports.details")}</Link>
            {m.missing ? <> · {uploadLink}</> : null}
            {v.status === "active" ? (
              <>
                {" "}
                ·{" "}
                <Link to={`/supplier/reports/new?period=${m.period}`}>
                  {t("reports.uploadNewVersion")}
                </Link>
              </>
            ) : null}
          </td>
        </>
      ) : (
        <>
          <td colSpan={6}>
            {m.missing ? (
              <strong className="missing-mark">{t("reports.missing")}</strong>
            ) : (
              <span className="muted">{t(m.notDue ? "reports.notDue" : "reports.none")}</span>
            )}
          </td>
          <td>{m.period > currentMonth ? null : uploadLink}</td>
        </>
      )}
    </tr>
  );
}
