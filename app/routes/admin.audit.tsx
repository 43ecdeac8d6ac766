import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { Pager } from "~/components/tables/Pager";
import { pageParams } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { listAudit } from "~/models/audit.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { url, page, pageSize } = pageParams(request, 100);
  const get = (k: string) => url.searchParams.get(k)?.trim() || undefined;
  const { rows, total } = listAudit(
    { who: get("who"), action: get("action"), from: get("from"), to: get("to") },
    page,
    pageSize,
  );
  return { rows, total, page, pageSize };
}

export default function AuditLog() {
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <Form method="get" className="toolbar">
        <input
          name="who"
          placeholder={t("audit.who")}
          aria-label={t("audit.who")}
          defaultValue={params.get("who") ?? ""}
        />
        <input
          name="action"
          placeholder={t("audit.what")}
          aria-label={t("audit.what")}
          defaultValue={params.get("action") ?? ""}
        />
        <input name="from" type="date" aria-label="from" defaultValue={params.get("from") ?? ""} />
        <input name="to" type="date" aria-label="to" defaultValue={params.get("to") ?? ""} />
        <button type="submit">{t("common.filter")}</button>
      </Form>
      <table>
        <thead>
          <tr>
            <th>{t("audit.when")}</th>
            <th>{t("audit.who")}</th>
            <th>{t("audit.what")}</th>
            <th></th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.at.replace("T", " ").slice(0, 19)}</td>
              <td>{r.actorEmail ?? "—"}</td>
              <td>{r.action}</td>
              <td>{r.targetType ? `${r.targetType} ${r.targetId}` : ""}</td>
              <td>
                <code>{r.details ? JSON.stringify(r.details) : ""}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} pageSize={pageSize} total={total} />
    </>
  );
}
