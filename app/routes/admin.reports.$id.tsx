import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { Pager } from "~/components/tables/Pager";
import { ReportTotals, StatusLabel } from "~/components/tables/ReportCells";
import { conflict, invalid } from "~/models/errors";
import { formFailure } from "~/http/forms.server";
import { idParam, pageParams } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { heldLinesPage } from "~/models/report-review.server";
import {
  acceptDuplicates,
  getReport,
  listReports,
  reportProblemsPage,
} from "~/models/reports.server";
import { getSupplier } from "~/models/suppliers.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "title.report", { period: data?.report.period ?? "" });

const PAGE_SIZE = 50;

function loadReport(id: string | undefined) {
  const report = getReport(idParam(id));
  if (!report) throw new Response("Not found", { status: 404 });
  return report;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const report = loadReport(params.id);
  const { url, page } = pageParams(request, PAGE_SIZE);
  const heldPage = Math.max(
    1,
    Math.min(1_000_000, Number.parseInt(url.searchParams.get("heldPage") ?? "1", 10) || 1),
  );
  const { details: _details, storedPath: _path, fileSha256: _sha, ...shown } = report;
  return {
    report: shown,
    supplierName: getSupplier(report.supplierId)?.name ?? `#${report.supplierId}`,
    problems: { ...reportProblemsPage(report.id, page, PAGE_SIZE), page },
    held: { ...heldLinesPage(report.id, heldPage, PAGE_SIZE), page: heldPage },
    versions: listReports({ supplierId: report.supplierId, period: report.period }, 1, 20).rows,
    pageSize: PAGE_SIZE,
  };
}

/** Accepts the held duplicates; accepting again (a second click, a stale page) changes nothing. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const report = loadReport(params.id);
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent !== "accept") throw invalid("unknown_action");
    if (report.status !== "active") {
      throw conflict("report_not_active", { reportId: report.id, status: report.status });
    }
    return Response.json({ accepted: acceptDuplicates(actor, report.id, context.ip) });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

type ActionData = { accepted?: number; code?: string; message?: string };

export default function AdminReport() {
  const { report, supplierName, problems, held, versions, pageSize } =
    useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const navigation = useNavigation();
  const { t, plural, month, date, money } = useI18n();
  const busy = navigation.state === "submitting";
  return (
    <>
      <p>
        <Link to="/admin/reports">← {t("adminReports.back")}</Link>
      </p>
      <h1>
        {t("adminReports.detailTitle", {
          supplier: supplierName,
          month: month(report.period),
          version: report.version,
        })}
      </h1>
      {result?.accepted !== undefined ? (
        <p className="notice" role="status">
          {result.accepted > 0
            ? plural("adminReports.accepted", result.accepted)
            : t("adminReports.nothingHeld")}
        </p>
      ) : null}
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      <table className="summary">
        <tbody>
          <tr>
            <th scope="row">{t("adminReports.status")}</th>
            <td>
              <StatusLabel status={report.status} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t("adminReports.file")}</th>
            <td>{report.fileName}</td>
          </tr>
          <tr>
            <th scope="row">{t("adminReports.uploadedAt")}</th>
            <td>{date(report.uploadedAt)}</td>
          </tr>
          {report.processedAt ? (
            <tr>
              <th scope="row">{t("adminReports.processedAt")}</th>
              <td>{date(report.processedAt)}</td>
            </tr>
          ) : null}
          <tr>
            <th scope="row">{t("adminReports.rows")}</th>
            <td className="num">{report.rows}</td>
          </tr>
          <tr>
            <th scope="row">{t("adminReports.lines")}</th>
            <td className="num">{report.linesCount}</td>
          </tr>
          <tr>
            <th scope="row">{t("adminReports.errors")}</th>
            <td className="num">{report.errorsCount}</td>
          </tr>
          <tr>
            <th scope="row">{t("adminReports.warnings")}</th>
            <td className="num">{report.warningsCount}</td>
          </tr>
          <tr>
            <th scope="row">{t("adminReports.totals")}</th>
            <td className="num">
              <ReportTotals totals={report.totals} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t("adminReports.held")}</th>
            <td className="num">{held.total}</td>
          </tr>
        </tbody>
      </table>
      {report.message ? (
        <p className={report.status === "active" ? "notice" : "alert"}>
          <strong>{t("adminReports.message")}:</strong> {report.message}
        </p>
      ) : null}

      <h2>{t("adminReports.heldTitle")}</h2>
      {held.total === 0 ? (
        <p>{t("adminReports.noHeld")}</p>
      ) : (
        <>
          <p>{t("adminReports.heldHelp", { supplier: supplierName })}</p>
          <table>
            <thead>
              <tr>
                <th className="num">{t("adminReports.row")}</th>
                <th>{t("adminReports.invoiceDate")}</th>
                <th>{t("adminReports.invoice")}</th>
                <th>{t("adminReports.customerKey")}</th>
                <th>{t("adminReports.customer")}</th>
                <th>{t("adminReports.sku")}</th>
                <th className="num">{t("adminReports.amount")}</th>
                <th>{t("adminReports.repeats")}</th>
              </tr>
            </thead>
            <tbody>
              {held.rows.map((line) => (
                <tr key={line.id}>
                  <td className="num">{line.row}</td>
                  <td>{date(line.invoiceDate)}</td>
                  <td>{line.invoiceNumber}</td>
                  <td>{line.customerKey}</td>
                  <td>{line.customerName}</td>
                  <td>{line.sku}</td>
                  <td className="num">{money(line.amountMinor, line.currency)}</td>
                  <td>
                    {line.other ? (
                      <Link to={`/admin/reports/${line.other.reportId}`}>
                        {t("adminReports.repeatsLine", {
                          month: month(line.other.period),
                          version: line.other.version,
                          row: line.other.row,
                        })}
                      </Link>
                    ) : (
                      t("adminReports.repeatsGone")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={held.page} pageSize={pageSize} total={held.total} param="heldPage" />
          {report.status === "active" ? (
            <Form
              method="post"
              onSubmit={(event) => {
                if (!window.confirm(plural("adminReports.acceptConfirm", held.total)))
                  event.preventDefault();
              }}
            >
              <input type="hidden" name="intent" value="accept" />
              <button type="submit" disabled={busy}>
                {t("adminReports.accept")}
              </button>
            </Form>
          ) : null}
        </>
      )}

      <h2>{t("adminReports.problems")}</h2>
      {problems.total === 0 ? (
        <p>{t("adminReports.noProblems")}</p>
      ) : (
        <>
          <p>
            <a href={`/reports/${report.id}/problems.xlsx`} download>
              {t("adminReports.problemsXlsx")}
            </a>
          </p>
          <table>
            <thead>
              <tr>
                <th>{t("adminReports.sheet")}</th>
                <th className="num">{t("adminReports.row")}</th>
                <th>{t("adminReports.column")}</th>
                <th>{t("adminReports.severity")}</th>
                <th>{t("adminReports.problem")}</th>
              </tr>
            </thead>
            <tbody>
              {problems.rows.map((p) => (
                <tr key={p.id}>
                  <td>{p.sheet}</td>
                  <td className="num">{p.row}</td>
                  <td>{p.column}</td>
                  <td className={p.severity === "error" ? "error" : undefined}>
                    {t(
                      p.severity === "error"
                        ? "adminReports.severityError"
                        : "adminReports.severityWarning",
                    )}
                  </td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={problems.page} pageSize={pageSize} total={problems.total} />
        </>
      )}

      {versions.length > 1 ? (
        <>
          <h2>{t("adminReports.versions")}</h2>
          <table>
            <thead>
              <tr>
                <th className="num">{t("adminReports.version")}</th>
                <th>{t("adminReports.status")}</th>
                <th>{t("adminReports.file")}</th>
                <th>{t("adminReports.uploadedAt")}</th>
                <th className="num">{t("adminReports.lines")}</th>
                <th className="num">{t("adminReports.totals")}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <td className="num">
                    {v.id === report.id ? (
                      <strong>{v.version}</strong>
                    ) : (
                      <Link to={`/admin/reports/${v.id}`}>{v.version}</Link>
                    )}
                  </td>
                  <td>
                    <StatusLabel status={v.status} />
                  </td>
                  <td>{v.fileName}</td>
                  <td>{date(v.uploadedAt)}</td>
                  <td className="num">{v.linesCount}</td>
                  <td className="num">
                    <ReportTotals totals={v.totals} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
