import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { assertOwns, authorize } from "~/auth/authorize.server";
import { ReportStatusBadge, TotalsText } from "~/components/reports/ReportBits";
import { ReportSummary } from "~/components/reports/ReportSummary";
import { Pager } from "~/components/tables/Pager";
import { idParam, pageParams } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { getReport } from "~/models/reports.server";
import { reportDetail } from "~/models/supplier-reports.server";
import reportStyles from "~/styles/reports.css?url";
import { pageTitle } from "~/i18n/page-title";
import { reportCountings } from "~/models/report-counting.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "title.report", { period: data?.report.period ?? "" });

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

/** The owning supplier sees its version; the admin may look at any. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin", "supplier"] });
  const report = getReport(idParam(params.id));
  if (!report) throw new Response("Not found", { status: 404 });
  assertOwns(request, actor, { supplierId: report.supplierId });
  const { page, pageSize } = pageParams(request, 50);
  const counting = reportCountings(report.supplierId, [report]).get(report.id);
  return { ...reportDetail(report, page, pageSize), counting, viewer: actor.role };
}

const PENDING = ["queued", "processing"];

export default function ReportDetailPage() {
  const { report, versions, problems, problemsTotal, page, pageSize, viewer, counting } =
    useLoaderData<typeof loader>();
  const { t, month, number } = useI18n();
  const revalidator = useRevalidator();
  const pending = PENDING.includes(report.status);
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [pending, revalidator]);
  return (
    <>
      <p>
        {viewer === "admin" ? (
          <Link to="/admin/reports">← {t("nav.reports")}</Link>
        ) : (
          <Link to={`/supplier?year=${report.period.slice(0, 4)}`}>
            ← {t("reports.backToMonths")}
          </Link>
        )}
      </p>
      <h1>
        {t("reports.detailTitle", {
          month: month(report.period),
          version: report.version,
        })}
      </h1>
      <ReportSummary report={report} counting={counting} canMap={viewer === "supplier"} />
      <section aria-labelledby="problems-title" id="problems">
        <h2 id="problems-title">{t("reports.problemsTitle", { count: problemsTotal })}</h2>
        {problems.length ? (
          <>
            <table data-testid="problems">
              <thead>
                <tr>
                  <th>{t("reports.sheet")}</th>
                  <th className="num">{t("reports.row")}</th>
                  <th>{t("reports.column")}</th>
                  <th>{t("reports.severity")}</th>
                  <th>{t("reports.message")}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p) => (
                  <tr key={p.id} className={`severity-${p.severity}`}>
                    <td>{p.sheet}</td>
                    <td className="num">{p.row ? number(p.row) : ""}</td>
                    <td>{p.column}</td>
                    <td className="severity">
                      {t(p.severity === "error" ? "reports.error" : "reports.warning")}
                    </td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={page} pageSize={pageSize} total={problemsTotal} />
          </>
        ) : (
          <p className="muted">{t(pending ? "reports.problemsPending" : "reports.noProblems")}</p>
        )}
      </section>
      {versions.length > 1 ? (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">{t("reports.versionsTitle")}</h2>
          <table data-testid="versions">
            <thead>
              <tr>
                <th className="num">{t("reports.version")}</th>
                <th>{t("reports.status")}</th>
                <th>{t("reports.file")}</th>
                <th className="num">{t("reports.lines")}</th>
                <th className="num">{t("reports.total")}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} aria-current={v.id === report.id ? "true" : undefined}>
                  <td className="num">
                    {v.id === report.id ? (
                      <strong>{v.version}</strong>
                    ) : (
                      <Link to={`/supplier/reports/${v.id}`}>{v.version}</Link>
                    )}
                  </td>
                  <td>
                    <ReportStatusBadge status={v.status} />
                  </td>
                  <td>{v.fileName}</td>
                  <td className="num">{number(v.lines)}</td>
                  <td className="num">
                    <TotalsText totals={v.totals} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t("reports.versionNumbering")}</p>
        </section>
      ) : null}
    </>
  );
}
