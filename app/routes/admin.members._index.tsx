import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { Pager, SortHeader } from "~/components/tables/Pager";
import { oneOf, pageParams } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { listMembers, MEMBER_SORTS } from "~/models/members.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "members.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { url, page, pageSize, dir } = pageParams(request);
  const q = url.searchParams.get("q")?.trim() || undefined;
  const country = url.searchParams.get("country")?.trim() || undefined;
  const sort = oneOf(url.searchParams.get("sort"), MEMBER_SORTS);
  const { rows, total } = listMembers({ q, country, sort, dir, page, pageSize });
  return { rows, total, page, pageSize };
}

export default function MembersList() {
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, date } = useI18n();
  return (
    <>
      <h1>{t("members.title")}</h1>
      <div className="toolbar">
        <Form method="get" className="toolbar">
          <input
            name="q"
            defaultValue={params.get("q") ?? ""}
            placeholder={t("common.search")}
            aria-label={t("common.search")}
          />
          <input
            name="country"
            defaultValue={params.get("country") ?? ""}
            placeholder={t("common.country")}
            aria-label={t("common.country")}
            size={4}
          />
          <button type="submit">{t("common.filter")}</button>
        </Form>
        <Link className="button" to="/admin/members/new">
          {t("members.new")}
        </Link>
        <Link className="button" to="/admin/members/import">
          {t("members.import")}
        </Link>
      </div>
      <table>
        <thead>
          <tr>
            <SortHeader column="name" label={t("common.name")} />
            <SortHeader column="taxId" label={t("members.taxId")} />
            <SortHeader column="country" label={t("common.country")} />
            <SortHeader column="joinedOn" label={t("members.joinedOn")} />
            <th>{t("members.leftOn")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id}>
              <td>
                <Link to={`/admin/members/${m.id}`}>{m.name}</Link>
              </td>
              <td>{m.taxId}</td>
              <td>{m.country}</td>
              <td>{date(m.joinedOn)}</td>
              <td>{m.leftOn ? date(m.leftOn) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p>{t("common.none")}</p> : null}
      <Pager page={page} pageSize={pageSize} total={total} />
    </>
  );
}
