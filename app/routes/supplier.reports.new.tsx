import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { authorize } from "~/auth/authorize.server";
import { ProgressBar } from "~/components/reports/ReportBits";
import { ProcessingProgress, ReportSummary } from "~/components/reports/ReportSummary";
import { toAnswer } from "~/http/errors.server";
import { readerLocale } from "~/http/reader.server";
import { acceptReportUpload } from "~/http/report-upload.server";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";
import { LIMITS } from "@imports/limits";
import { isMonthKey, monthOfDate, previousMonth } from "~/refunds/money";
import type { loader as detailLoader } from "./supplier.reports.$id";
import reportStyles from "~/styles/reports.css?url";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports.uploadTitle");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["supplier"] });
  const today = new Date();
  const currentMonth = monthOfDate(today);
  const asked = new URL(request.url).searchParams.get("period") ?? "";
  const period = isMonthKey(asked) && asked <= currentMonth ? asked : previousMonth(currentMonth);
  return { period, currentMonth, maxFileBytes: LIMITS.maxFileBytes };
}

export type UploadError = {
  code: string;
  message: string;
  field?: "file" | "period";
  reportId?: number;
};

/** A refusal as the page shows it: the message in the reader's language, the field it concerns. */
function uploadFailure(request: Request, error: unknown) {
  const e = toAnswer(error, readerLocale(request));
  const details = Array.isArray(e.details) ? (e.details as { path?: string }[]) : [];
  const path = details[0]?.path;
  const field = path === "file" || path === "period" ? path : undefined;
  const reportId =
    e.details && typeof e.details === "object" && "reportId" in e.details
      ? Number((e.details as { reportId: unknown }).reportId)
      : undefined;
  const body: { error: UploadError } = {
    error: { code: e.code, message: e.message, field, reportId },
  };
  return Response.json(body, { status: e.status });
}

/**
 * With JavaScript the page sends the file itself (XMLHttpRequest, for the upload's progress) and
 * asks for JSON; a plain form post is sent on to the report's page.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  const wantsJson = request.headers.get("Accept")?.includes("application/json") ?? false;
  try {
    const report = await acceptReportUpload(request, actor, context.ip as string | undefined);
    if (!wantsJson) return redirect(`/supplier/reports/${report.id}`);
    return Response.json(
      { report: { id: report.id, period: report.period, version: report.version } },
      { status: 202 },
    );
  } catch (error) {
    return uploadFailure(request, error);
  }
}

function UploadErrorBox({ error }: { error: UploadError }) {
  const { t } = useI18n();
  const fieldKey: MessageKey | undefined =
    error.field === "file"
      ? "reports.error.fileMissing"
      : error.field === "period"
        ? "reports.error.period"
        : undefined;
  return (
    <div className="alert" role="alert" data-testid="upload-error" data-code={error.code}>
      <p>{fieldKey ? t(fieldKey) : error.message}</p>
      {error.reportId ? (
        <p>
          <Link to={`/supplier/reports/${error.reportId}`}>
            {t("reports.openEarlier", { id: error.reportId })}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

type Phase =
  | { step: "idle" }
  | { step: "uploading"; percent: number }
  | { step: "processing"; reportId: number };

function sendReport(form: HTMLFormElement, onProgress: (percent: number) => void) {
  return new Promise<{ status: number; body: unknown; redirect: string | null }>(
    (resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", `${window.location.pathname}?_data=routes%2Fsupplier.reports.new`);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(Math.floor((e.loaded / e.total) * 100));
      };
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          /* not JSON: a refusal before the action (e.g. signed out) */
        }
        resolve({ status: xhr.status, body, redirect: xhr.getResponseHeader("X-Remix-Redirect") });
      };
      xhr.onerror = () => reject(new Error("network"));
      xhr.send(new FormData(form));
    },
  );
}

export default function UploadReport() {
  const { period, currentMonth, maxFileBytes } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ error?: UploadError }>();
  const { t, plural } = useI18n();
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const [error, setError] = useState<UploadError | null>(actionData?.error ?? null);
  const status = useFetcher<typeof detailLoader>();
  const maxMiB = Math.round(maxFileBytes / (1024 * 1024));

  const reportId = phase.step === "processing" ? phase.reportId : null;
  const report =
    reportId !== null && status.data?.report.id === reportId ? status.data.report : null;
  const finished = report !== null && !["queued", "processing"].includes(report.status);

  useEffect(() => setError(actionData?.error ?? null), [actionData]);

  useEffect(() => {
    if (reportId === null || finished) return;
    const poll = () => {
      if (status.state === "idle") status.load(`/supplier/reports/${reportId}`);
    };
    poll();
    const timer = setInterval(poll, 1000);
    return () => clearInterval(timer);
    // status.load is stable enough; depending on `status` would restart the timer on each poll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reportId, finished]);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    const month = String(data.get("period") ?? "");
    if (!(file instanceof File) || !file.name) {
      setError({ code: "bad_request", message: "", field: "file" });
      return;
    }
    // A file was chosen but holds nothing: say so, not "choose the file" (issue 15 item 10).
    if (file.size === 0) {
      setError({ code: "file_empty", message: t("reports.error.fileEmpty", { name: file.name }) });
      return;
    }
    if (!isMonthKey(month) || month > currentMonth) {
      setError({ code: "bad_request", message: "", field: "period" });
      return;
    }
    if (file.size > maxFileBytes) {
      setError({ code: "file_too_large", message: "" });
      return;
    }
    setError(null);
    setPhase({ step: "uploading", percent: 0 });
    try {
      const res = await sendReport(form, (percent) => setPhase({ step: "uploading", percent }));
      if (res.redirect) {
        window.location.assign(res.redirect);
        return;
      }
      const body = res.body as { report?: { id: number }; error?: UploadError } | null;
      if (res.status === 202 && body?.report) {
        setPhase({ step: "processing", reportId: body.report.id });
        return;
      }
      setPhase({ step: "idle" });
      setError(body?.error ?? { code: "http", message: t("reports.error.network") });
    } catch {
      setPhase({ step: "idle" });
      setError({ code: "network", message: t("reports.error.network") });
    }
  }

  const busy = phase.step !== "idle" && !finished;
  return (
    <>
      <h1>{t("reports.uploadTitle")}</h1>
      <p>
        {t("reports.uploadIntro", { limit: maxMiB })}{" "}
        <a href="/supplier/template.xlsx" download>
          {t("reports.downloadTemplate")}
        </a>
      </p>
      <form
        method="post"
        encType="multipart/form-data"
        className="upload-form"
        onSubmit={onSubmit}
        noValidate
      >
        <label className="field">
          <span>{t("reports.month")}</span>
          <input
            type="month"
            name="period"
            defaultValue={period}
            max={currentMonth}
            required
            aria-invalid={error?.field === "period" ? true : undefined}
          />
        </label>
        <label className="field">
          <span>{t("reports.fileLabel")}</span>
          <input
            type="file"
            name="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            required
            aria-invalid={error?.field === "file" ? true : undefined}
          />
        </label>
        <button type="submit" disabled={busy}>
          {t("common.upload")}
        </button>
      </form>
      {error ? <UploadErrorBox error={error} /> : null}
      {phase.step === "uploading" ? (
        <ProgressBar
          testId="upload-progress"
          label={t("reports.uploading")}
          percent={phase.percent}
        />
      ) : null}
      {phase.step === "processing" ? (
        <>
          <ProgressBar testId="upload-progress" label={t("reports.uploaded")} percent={100} />
          {finished ? (
            <ProgressBar
              testId="processing-progress"
              label={t("reports.processed")}
              percent={100}
              detail={plural("reports.rowsRead", report.rows, { percent: 100 })}
            />
          ) : report ? (
            <ProcessingProgress report={report} />
          ) : (
            <ProgressBar testId="processing-progress" label={t("reports.queued")} percent={0} />
          )}
        </>
      ) : null}
      {finished && report ? (
        <div data-testid="upload-result">
          <ReportSummary report={report} counting={status.data?.counting} />
          <p className="toolbar">
            <Link to={`/supplier/reports/${report.id}`}>{t("reports.openReport")}</Link>
            {report.status !== "active" && (status.data?.problemsTotal ?? 0) > 0 ? (
              <Link to={`/supplier/reports/${report.id}#problems`}>
                {plural("reports.seeProblems", status.data?.problemsTotal ?? 0)}
              </Link>
            ) : null}
          </p>
        </div>
      ) : null}
    </>
  );
}
