import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { VolumeTiersChart } from "~/components/charts/VolumeTiersChart";
import { ReportStatusBadge, TotalsText } from "~/components/reports/ReportBits";
import { useI18n } from "~/i18n/context";
import { getSupplier } from "~/models/suppliers.server";
import type { MonthRow } from "~/models/supplier-reports.server";
import { supplierDashboard, type SupplierDashboard } from "~/models/supplier-dashboard.server";
import { monthOfDate } from "~/refunds/money";
import dashboardStyles from "~/styles/dashboards.css?url";
import reportStyles from "~/styles/reports.css?url";
import { pageTitle } from "~/i18n/page-title";
import { pendingClaimCount } from "~/models/claims.server";
import type { ReportCounting } from "~/models/report-counting.server";
import { CountingNote } from "~/components/reports/CountingNote";
import { supplierMonths } from "~/models/supplier-report-list.server";
import { MONTH_SHOWS, MONTH_SORTS } from "~/schemas/report-lists";
import { listQuery } from "~/http/list-query.server";
import { SortHeader } from "~/components/tables/SortHeader";
import { ListFilters } from "~/components/tables/ListFilters";
import { Downloads } from "~/components/tables/Downloads";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.supplier");

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: reportStyles },
  { rel: "stylesheet", href: dashboardStyles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  const supplier = getSupplier(actor.supplierId!);
  if (!supplier) throw new Response("Not found", { status: 404 });
  const currentMonth = monthOfDate(new Date());
  const currentYear = Number(currentMonth.slice(0, 4));
  const asked = Number(new URL(request.url).searchParams.get("year"));
  const year =
    Number.isInteger(asked) && asked >= 2000 && asked <= currentYear ? asked : currentYear;
  const list = listQuery(request, { sorts: MONTH_SORTS, sort: "month" });
  const show = list.oneOf("show", MONTH_SHOWS);
  return {
    supplier: { id: supplier.id, name: supplier.name, currency: supplier.currency },
    year,
    currentYear,
    currentMonth,
    // Each month with whether its accepted report waits for the monthly run or has counted.
    ...supplierMonths(supplier.id, year, currentMonth, list.sorted, show),
    sorted: list.sorted,
    // Always the signed-in supplier's own programs: no parameter names another supplier.
    dashboard: supplierDashboard(supplier.id, year),
    // SPEC 5.2: members' claims waiting for this supplier's answer.
    pendingClaims: pendingClaimCount(supplier.id),
  };
}

export default function SupplierDashboard() {
  const {
    supplier,
    year,
    currentYear,
    currentMonth,
    months,
    missing,
    sorted,
    dashboard,
    pendingClaims,
  } = useLoaderData<typeof loader>();
  const { t, plural } = useI18n();
  const [params] = useSearchParams();
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
      {pendingClaims > 0 ? (
        <p className="notice" role="status" data-testid="pending-claims">
          <Link to="/supplier/claims">{plural("claims.pendingCount", pendingClaims)}</Link>
        </p>
      ) : null}
      {missing > 0 ? (
        <p className="alert" role="status" data-testid="missing-count">
          {plural("reports.missingCount", missing)}
        </p>
      ) : null}
      <ListFilters keep={["sort", "dir", "year"]} testId="month-filters">
        <label className="field">
          <span>{t("reports.show")}</span>
          <select name="show" defaultValue={params.get("show") ?? ""}>
            <option value="">{t("reports.show.all")}</option>
            {MONTH_SHOWS.map((k) => (
              <option key={k} value={k}>
                {t(`reports.show.${k}`)}
              </option>
            ))}
          </select>
        </label>
      </ListFilters>
      <Downloads path="/supplier/reports/export" />
      <table className="months" data-testid="months">
        <thead>
          <tr>
            <SortHeader column="month" label={t("reports.month")} sorted={sorted} />
            <SortHeader column="status" label={t("reports.status")} sorted={sorted} />
            <SortHeader
              column="version"
              label={t("reports.version")}
              sorted={sorted}
              className="num"
              first="desc"
            />
            <SortHeader
              column="lines"
              label={t("reports.lines")}
              sorted={sorted}
              className="num"
              first="desc"
            />
            <SortHeader
              column="total"
              label={t("reports.total")}
              sorted={sorted}
              className="num"
              first="desc"
            />
            <SortHeader
              column="warnings"
              label={t("reports.warnings")}
              sorted={sorted}
              className="num"
              first="desc"
            />
            <SortHeader
              column="errors"
              label={t("reports.errors")}
              sorted={sorted}
              className="num"
              first="desc"
            />
            <th />
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <MonthLine key={m.period} month={m} currentMonth={currentMonth} />
          ))}
        </tbody>
      </table>
      <p className="muted" data-testid="version-numbering">
        {t("reports.versionNumbering")}
      </p>
      <ProgramsAndRefunds dashboard={dashboard} />
    </>
  );
}

function ProgramsAndRefunds({ dashboard }: { dashboard: SupplierDashboard }) {
  const { t, money, bps, month } = useI18n();
  return (
    <div className="dashboard">
      <h2>{t("dash.refundOwed")}</h2>
      <table data-testid="refund-account">
        <thead>
          <tr>
            <th scope="col">{t("dash.currency")}</th>
            <th scope="col" className="num">
              {t("dash.refundPosted")}
            </th>
            <th scope="col" className="num">
              {t("dash.refundPaid")}
            </th>
            <th scope="col" className="num">
              {t("dash.refundStillOwed")}
            </th>
          </tr>
        </thead>
        <tbody>
          {dashboard.refunds.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                {t("dash.nothingPosted")}
              </td>
            </tr>
          ) : null}
          {dashboard.refunds.map((r) => (
            <tr key={r.currency} data-currency={r.currency}>
              <th scope="row">{r.currency}</th>
              <td className="num" data-posted>
                {money(r.postedGrossMinor, r.currency)}
              </td>
              <td className="num" data-paid>
                {money(r.paidMinor, r.currency)}
              </td>
              <td className="num" data-owed>
                <strong>{money(r.owedMinor, r.currency)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("dash.pooledByProgram")}</h2>
      {dashboard.programs.length === 0 ? <p className="muted">{t("dash.noPrograms")}</p> : null}
      {dashboard.programs.map((v) => (
        <section
          key={v.program.id}
          className="program-volume"
          data-testid={`program-${v.program.id}`}
        >
          <h3>{v.program.name}</h3>
          {v.progress && v.lastRunMonth ? (
            <p data-testid="program-status">
              {t("dash.supplierTierStatus", {
                volume: money(v.progress.pooledVolumeMinor, v.program.currency),
                month: month(v.lastRunMonth),
                rate: bps(v.progress.rateBps),
              })}{" "}
              {v.progress.nextTier
                ? t("dash.supplierNextTier", {
                    amount: money(v.progress.nextTier.volumeNeededMinor, v.program.currency),
                    rate: bps(v.progress.nextTier.rateBps),
                  })
                : null}{" "}
              <span className="muted">
                {t("dash.refundPostedInProgram", {
                  amount: money(v.postedGrossMinor, v.program.currency),
                })}
              </span>
            </p>
          ) : (
            <p className="muted">{t("dash.noRunYet")}</p>
          )}
          <VolumeTiersChart volume={v} year={dashboard.year} />
        </section>
      ))}
    </div>
  );
}

function MonthLine({
  month: m,
  currentMonth,
}: {
  month: MonthRow & { counting?: ReportCounting };
  currentMonth: string;
}) {
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
            {m.counting && m.counting.state !== "not_accepted" ? (
              <>
                <br />
                <CountingNote counting={m.counting} />
              </>
            ) : null}
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
