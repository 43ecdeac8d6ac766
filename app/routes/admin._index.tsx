import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { StackedMonthsChart } from "~/components/charts/StackedMonthsChart";
import { MoneyCard } from "~/components/dashboards/MoneyCard";
import { YearSwitch } from "~/components/dashboards/YearSwitch";
import { useI18n } from "~/i18n/context";
import { adminDashboard } from "~/models/admin-dashboard.server";
import { consortiumCounts, dashboardYear } from "~/models/dashboard.server";
import { monthOfDate } from "~/refunds/money";
import dashboardStyles from "~/styles/dashboards.css?url";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.admin");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const currentMonth = monthOfDate(new Date());
  return {
    counts: consortiumCounts(),
    currentYear: Number(currentMonth.slice(0, 4)),
    ...adminDashboard(dashboardYear(request.url), currentMonth),
  };
}

export default function AdminDashboard() {
  const data = useLoaderData<typeof loader>();
  const { counts } = data;
  const { t, plural, money, month } = useI18n();
  return (
    <div className="dashboard">
      <h1>{t("dashboard.admin")}</h1>
      <div className="toolbar">
        <YearSwitch year={data.year} currentYear={data.currentYear} />
      </div>
      <div className="cards">
        {(
          [
            ["members", counts.members, "dashboard.members"],
            ["suppliers", counts.suppliers, "dashboard.suppliers"],
            ["users", counts.users, "dashboard.users"],
          ] as const
        ).map(([name, count, label]) => (
          <div className="card" key={name}>
            <div className="figure" data-testid={`count-${name}`}>
              {count}
            </div>
            <div className="label">{t(label)}</div>
          </div>
        ))}
      </div>
      <div className="cards">
        <MoneyCard
          testId="earned-gross"
          label={t("dash.refundsEarnedInYear", { year: data.year })}
          amounts={data.earned.map((e) => ({ currency: e.currency, amountMinor: e.grossMinor }))}
        />
        <MoneyCard
          testId="owed-by-suppliers"
          label={t("dash.owedBySuppliers")}
          amounts={data.owedBySuppliers.total}
        />
        <MoneyCard
          testId="owed-to-members"
          label={t("dash.owedToMembers")}
          amounts={data.owedToMembers.total}
          note={plural("count.membersWithBalance", data.owedToMembers.members)}
        />
        <div className="card" data-testid="unmatched">
          <div className="label">{t("dash.unmatchedWaiting")}</div>
          <div className="figure">{data.unmatched.keys}</div>
          <div className="label">{plural("count.lines", data.unmatched.lines)}</div>
          <div className="label">
            <Link to="/admin/matching">{t("dash.openMatching")}</Link>
          </div>
        </div>
      </div>
      <table data-testid="refunds-summary">
        <caption>{t("dash.refundsEarnedInYear", { year: data.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dash.currency")}</th>
            <th scope="col" className="num">
              {t("dash.gross")}
            </th>
            <th scope="col" className="num">
              {t("dash.fee")}
            </th>
            <th scope="col" className="num">
              {t("dash.toMembers")}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.earned.map((e) => (
            <tr key={e.currency} data-currency={e.currency}>
              <th scope="row">{e.currency}</th>
              <td className="num" data-gross>
                {money(e.grossMinor, e.currency)}
              </td>
              <td className="num" data-fee>
                {money(e.feeMinor, e.currency)}
              </td>
              <td className="num" data-net>
                {money(e.netMinor, e.currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("dash.pooledBySupplier")}</h2>
      {data.pooled.length === 0 ? <p className="muted">{t("dash.nothingPosted")}</p> : null}
      {data.pooled.map((chart) => (
        <StackedMonthsChart
          key={chart.currency}
          chart={chart}
          title={t("dash.pooledBySupplier")}
          testId={`pooled-chart-${chart.currency}`}
        />
      ))}
      <div className="grid2">
        <section data-testid="runs-waiting">
          <h2>{t("dash.runsWaiting")}</h2>
          {data.runsWaiting.length === 0 ? (
            <p className="muted">{t("dash.allRunsPosted")}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("dash.program")}</th>
                  <th scope="col">{t("dash.month")}</th>
                  <th scope="col" className="num">
                    {t("dash.reportedVolume")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.runsWaiting.map((r) => (
                  <tr
                    key={`${r.programId}-${r.month}-${r.trueUp}`}
                    data-program={r.programId}
                    data-month={r.month}
                  >
                    <th scope="row">
                      <Link to="/admin/runs">{r.programName}</Link>{" "}
                      <span className="muted">{r.supplierName}</span>
                    </th>
                    <td>
                      {month(r.month)}
                      {r.trueUp ? <span className="badge"> {t("dash.trueUpDue")}</span> : null}
                    </td>
                    <td className="num">{r.trueUp ? "—" : money(r.reportedMinor, r.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section data-testid="reports-missing">
          <h2>{t("dash.reportsMissing", { month: month(data.missing.month) })}</h2>
          {data.missing.suppliers.length === 0 ? (
            <p className="muted">{t("dash.noReportsMissing")}</p>
          ) : (
            <ul>
              {data.missing.suppliers.map((s) => (
                <li key={s.supplierId} data-supplier={s.supplierId}>
                  <Link to={`/admin/reports?supplierId=${s.supplierId}`}>{s.name}</Link>
                </li>
              ))}
            </ul>
          )}
          <h2>{t("dash.owedBySuppliers")}</h2>
          <table data-testid="owed-by-supplier">
            <tbody>
              {data.owedBySuppliers.bySupplier.map((s) => (
                <tr key={`${s.supplierId}-${s.currency}`} data-supplier={s.supplierId}>
                  <th scope="row">{s.name}</th>
                  <td className="num">{money(s.amountMinor, s.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
