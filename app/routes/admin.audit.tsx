import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import {
  AUDIT_ACTIONS,
  AuditAction,
  AuditDetails,
  AuditTargetLink,
} from "~/components/books/AuditWords";
import { Downloads } from "~/components/tables/Downloads";
import { Pager } from "~/components/tables/Pager";
import { auditFilter } from "~/http/ledger-books.server";
import { pageParams } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import { auditActionsSeen, auditBook } from "~/models/audit-book.server";
import booksStyles from "~/styles/books.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: booksStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { url, page, pageSize } = pageParams(request, 100);
  const { rows, total } = auditBook(auditFilter(url), page, pageSize);
  return { rows, total, page, pageSize, actions: auditActionsSeen() };
}

export default function AuditLog() {
  const { rows, total, page, pageSize, actions } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, dateTime } = useI18n();
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <Form method="get" className="filters" data-testid="audit-filters">
        <label>
          {t("audit.who")}
          <input
            type="search"
            name="who"
            defaultValue={params.get("who") ?? ""}
            placeholder={t("books.whoHint")}
          />
        </label>
        <label>
          {t("audit.what")}
          <select name="action" defaultValue={params.get("action") ?? ""}>
            <option value="">{t("books.allActions")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {AUDIT_ACTIONS[a] ? t(AUDIT_ACTIONS[a]) : a}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("books.searchName")}
          <input
            type="search"
            name="q"
            defaultValue={params.get("q") ?? ""}
            placeholder={t("books.targetHint")}
          />
        </label>
        <label>
          {t("books.from")}
          <input name="from" type="date" defaultValue={params.get("from") ?? ""} />
        </label>
        <label>
          {t("books.to")}
          <input name="to" type="date" defaultValue={params.get("to") ?? ""} />
        </label>
        <button type="submit">{t("common.filter")}</button>
        {params.toString() ? <Link to="/admin/audit">{t("books.clearFilters")}</Link> : null}
      </Form>
      <Downloads path="/admin/audit/export" />
      <div className="table-scroll">
        <table data-testid="audit-rows">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-action={r.action}>
                <td className="nowrap">{dateTime(r.at)}</td>
                <td>{r.actorEmail ?? t("books.nobody")}</td>
                <td>
                  <AuditAction action={r.action} />
                  {r.target ? (
                    <>
                      {": "}
                      <AuditTargetLink target={r.target} />
                    </>
                  ) : null}
                  <AuditDetails details={r.details} />
                </td>
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
