// One report version at a glance: its figures, the progress while it is processed, and what to do
// next when it was refused. Shown on the detail page and at the end of an upload.
import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";
import type { ReportCounting } from "~/models/report-counting.server";
import type { ReportDetail } from "~/models/supplier-reports.server";
import { CountingNote } from "./CountingNote";
import { ProgressBar, ReportStatusBadge, TotalsText } from "./ReportBits";

type ReportView = ReportDetail["report"];

export function ProcessingProgress({ report }: { report: ReportView }) {
  const { t, plural } = useI18n();
  if (report.status !== "queued" && report.status !== "processing") return null;
  const percent = report.progress?.percent ?? 0;
  return (
    <ProgressBar
      testId="processing-progress"
      label={t(report.status === "queued" ? "reports.queued" : "reports.processing")}
      percent={percent}
      detail={plural("reports.rowsRead", report.progress?.rowsRead ?? 0, { percent })}
    />
  );
}

export function ReportSummary({
  report,
  counting,
  canMap = true,
}: {
  report: ReportView;
  /** Whether the accepted version has counted in a posted run yet (issue 15 item 10). */
  counting?: ReportCounting;
  canMap?: boolean;
}) {
  const { t, plural, month, date, number } = useI18n();
  const refusalCode = report.refusal?.code;
  return (
    <section className="result" aria-label={t("reports.summary")} data-testid="report-summary">
      <table className="summary">
        <tbody>
          <tr>
            <th scope="row">{t("reports.status")}</th>
            <td data-testid="report-status">
              <ReportStatusBadge status={report.status} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t("reports.month")}</th>
            <td>{month(report.period)}</td>
          </tr>
          <tr>
            <th scope="row">{t("reports.version")}</th>
            <td>{report.version}</td>
          </tr>
          <tr>
            <th scope="row">{t("reports.file")}</th>
            <td>{report.fileName}</td>
          </tr>
          <tr>
            <th scope="row">{t("reports.uploadedAt")}</th>
            <td>{date(report.uploadedAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t("reports.rows")}</th>
            <td className="num" data-testid="report-rows">
              {number(report.rows)}
            </td>
          </tr>
          <tr>
            <th scope="row">{t("reports.lines")}</th>
            <td className="num" data-testid="report-lines">
              {number(report.lines)}
            </td>
          </tr>
          <tr>
            <th scope="row">
              {t(report.status === "rejected" ? "reports.totalNotCounted" : "reports.total")}
            </th>
            <td className="num" data-testid="report-total">
              <TotalsText totals={report.totals} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t("reports.warnings")}</th>
            <td className="num" data-testid="report-warnings">
              {number(report.warnings)}
            </td>
          </tr>
          <tr>
            <th scope="row">{t("reports.errors")}</th>
            <td className="num" data-testid="report-errors">
              {number(report.errors)}
            </td>
          </tr>
          {report.held > 0 ? (
            <tr>
              <th scope="row">{t("reports.held")}</th>
              <td className="num">{number(report.held)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <ProcessingProgress report={report} />
      {report.status === "active" ? (
        <p className="notice" role="status">
          {counting ? (
            <>
              <CountingNote counting={counting} />.{" "}
            </>
          ) : null}
          {t(report.warnings > 0 ? "reports.acceptedWithWarnings" : "reports.accepted")}
        </p>
      ) : null}
      {report.status === "superseded" ? (
        <p className="notice" role="status">
          {t("reports.supersededNote")}
        </p>
      ) : null}
      {report.status === "rejected" || report.status === "failed" ? (
        <div className="alert" role="alert" data-testid="report-message">
          <p>
            {refusalCode
              ? t(`reports.refusal.${refusalCode}` as MessageKey)
              : report.status === "failed"
                ? t("reports.failedNote")
                : plural("reports.rejectedNote", report.errors)}
          </p>
          {/* Our words say it for a version with row errors; a refusal's message names specifics. */}
          {report.message && (refusalCode || report.status === "failed") ? (
            <p>{report.message}</p>
          ) : null}
          {refusalCode === "header_not_found" && canMap ? (
            <p>
              <Link to="/supplier/mapping">{t("reports.goToMapping")}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <p className="toolbar">
        {report.hasProblemFile ? (
          <a className="button secondary" href={`/reports/${report.id}/problems.xlsx`} download>
            {t("reports.downloadProblems")}
          </a>
        ) : null}
      </p>
    </section>
  );
}
