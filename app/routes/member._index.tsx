import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { StackedMonthsChart } from "~/components/charts/StackedMonthsChart";
import { MoneyCard } from "~/components/dashboards/MoneyCard";
import { TierProgressCard } from "~/components/dashboards/TierProgressCard";
import { YearSwitch } from "~/components/dashboards/YearSwitch";
import { useI18n } from "~/i18n/context";
import { dashboardYear } from "~/models/dashboard.server";
import { memberDashboard } from "~/models/member-dashboard.server";
import { getMember } from "~/models/members.server";
import dashboardStyles from "~/styles/dashboards.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

/** Always the signed-in member's own figures: no parameter names another member. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["member"] });
  const member = getMember(actor.memberId!);
  if (!member) throw new Response("Not found", { status: 404 });
  const year = dashboardYear(request.url);
  return {
    member: { id: member.id, name: member.name },
    currentYear: new Date().getUTCFullYear(),
    ...memberDashboard(member.id, year),
  };
}

export default function MemberDashboard() {
  const data = useLoaderData<typeof loader>();
  const { t, money } = useI18n();
  return (
    <div className="dashboard">
      <h1>{t("dashboard.member")}</h1>
      <div className="toolbar">
        <p data-testid="member-name">{t("dashboard.welcome", { name: data.member.name })}</p>
        <YearSwitch year={data.year} currentYear={data.currentYear} />
      </div>
      <div className="cards">
        <MoneyCard
          testId="earned-this-year"
          label={t("dash.earnedInYear", { year: data.year })}
          amounts={data.earned}
        />
        <MoneyCard testId="balance" label={t("dash.balance")} amounts={data.balances} />
      </div>
      <h2>{t("dash.nextTiers")}</h2>
      {data.programs.length === 0 ? <p className="muted">{t("dash.noPrograms")}</p> : null}
      <div className="tier-cards">
        {data.programs.map((card) => (
          <TierProgressCard key={card.program.id} card={card} />
        ))}
      </div>
      <h2>{t("dash.earnedByMonth")}</h2>
      {data.chart.length === 0 ? <p className="muted">{t("dash.noEarnings")}</p> : null}
      {data.chart.map((chart) => (
        <StackedMonthsChart
          key={chart.currency}
          chart={chart}
          title={t("dash.earnedByMonthSupplier")}
          testId={`earned-chart-${chart.currency}`}
        />
      ))}
      <h2>{t("dash.byProgram")}</h2>
      <table data-testid="by-program">
        <thead>
          <tr>
            <th scope="col">{t("dash.program")}</th>
            <th scope="col">{t("dash.supplier")}</th>
            <th scope="col" className="num">
              {t("dash.yourVolume")}
            </th>
            <th scope="col" className="num">
              {t("dash.pooledVolume")}
            </th>
            <th scope="col" className="num">
              {t("dash.rate")}
            </th>
            <th scope="col" className="num">
              {t("dash.earned")}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.programs.map(({ program, run, progress, growth, earnedMinor }) => {
            // A growth program's pooled volume and rate are its growth forecast's (SPEC 3.7).
            const reached = progress ?? growth;
            return (
              <tr key={program.id} data-program={program.id}>
                <th scope="row">{program.name}</th>
                <td>{program.supplierName}</td>
                <td className="num">
                  {run ? money(run.memberVolumeMinor, program.currency) : "—"}
                </td>
                <td className="num">
                  {reached ? money(reached.pooledVolumeMinor, program.currency) : "—"}
                </td>
                <td className="num">{reached ? <Rate bps={reached.rateBps} /> : "—"}</td>
                <td className="num" data-earned>
                  {money(earnedMinor, program.currency)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Rate({ bps: value }: { bps: number }) {
  const { bps } = useI18n();
  return <>{bps(value)}</>;
}
