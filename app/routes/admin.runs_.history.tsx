import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { Downloads } from "~/components/tables/Downloads";
import { RunStatus } from "~/components/books/RunStatus";
import { Pager } from "~/components/tables/Pager";
import { runHistoryFilter } from "~/http/run-history.server";
import { pageParams } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import { listRunHistory, programsWithRuns } from "~/models/run-history.server";
import booksStyles from "~/styles/books.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: booksStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "history.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { url, page, pageSize } = pageParams(request, 50);
  const { rows, total } = listRunHistory(runHistoryFilter(url), page, pageSize);
  return { rows, total, page, pageSize, programs: programsWithRuns() };
}

export default function RunHistory() {
  const { rows, total, page, pageSize, programs } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, money, month, dateTime } = useI18n();
  return (
    <>
      <h1>{t("history.title")}</h1>
      <p>
        <Link to="/admin/runs">{t("history.newRun")}</Link>
      </p>
      <Form method="get" className="filters" data-testid="history-filters">
        <label>
          {t("history.program")}
          <select name="programId" defaultValue={params.get("programId") ?? ""}>
            <option value="">{t("history.allPrograms")}</option>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} · {p.supplierName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("history.month")}
          <input type="month" name="month" defaultValue={params.get("month") ?? ""} />
        </label>
        <label>
          {t("history.status")}
          <select name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">{t("history.allStatuses")}</option>
            <option value="posted">{t("history.posted")}</option>
            <option value="preview">{t("history.preview")}</option>
          </select>
        </label>
        <button type="submit">{t("common.filter")}</button>
      </Form>
      <Downloads path="/admin/runs/history/export" />
      {rows.length === 0 ? (
        <p className="muted">{t("history.none")}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="run-history">
            <thead>
              <tr>
                <th scope="col">{t("history.program")}</th>
                <th scope="col">{t("history.month")}</th>
                <th scope="col">{t("history.status")}</th>
                <th scope="col">{t("history.postedBy")}</th>
                <th scope="col" className="num">
                  {t("history.gross")}
                </th>
                <th scope="col" className="num">
                  {t("history.fee")}
                </th>
                <th scope="col" className="num">
                  {t("history.toMembers")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-run={r.id} data-month={r.month} data-status={r.status}>
                  <th scope="row">
                    <Link to={`/admin/runs/${r.id}`}>{r.programName}</Link>{" "}
                    <span className="muted">{r.supplierName}</span>
                  </th>
                  <td className="nowrap">{month(r.month)}</td>
                  <td>
                    <RunStatus status={r.status} trueUp={r.trueUp} />
                  </td>
                  <td>
                    {r.postedAt ? (
                      <>
                        {r.postedBy ?? "—"}
                        <br />
                        <span className="muted">{dateTime(r.postedAt)}</span>
                      </>
                    ) : (
                      <span className="muted">
                        {t("history.previewedBy", {
                          who: r.createdBy ?? "—",
                          when: dateTime(r.createdAt),
                        })}
                      </span>
                    )}
                  </td>
                  <td className="num nowrap" data-gross>
                    {money(r.grossMinor, r.currency)}
                  </td>
                  <td className="num nowrap">{money(r.feeMinor, r.currency)}</td>
                  <td className="num nowrap">{money(r.netMinor, r.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageSize={pageSize} total={total} />
    </>
  );
}
