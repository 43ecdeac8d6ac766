import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { Downloads } from "~/components/tables/Downloads";
import { ChoiceFilter, TextFilter } from "~/components/tables/FilterFields";
import { ListFilters } from "~/components/tables/ListFilters";
import { Pager } from "~/components/tables/Pager";
import { SortHeader } from "~/components/tables/SortHeader";
import { memberList } from "~/http/admin-lists.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import { listMembers } from "~/models/members.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "members.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { filter, list } = memberList(request);
  const { rows, total } = listMembers({ ...filter, ...list.paging });
  return { rows, total, ...list.state };
}

export default function MembersList() {
  const { rows, total, page, pageSize, sorted } = useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  return (
    <>
      <h1>{t("members.title")}</h1>
      <div className="toolbar">
        <Link className="button" to="/admin/members/new">
          {t("members.new")}
        </Link>
        <Link className="button" to="/admin/members/import">
          {t("members.import")}
        </Link>
      </div>
      <ListFilters>
        <TextFilter label={t("common.search")} placeholder={t("lists.searchNameTaxId")} />
        <TextFilter name="country" type="text" label={t("common.country")} size={4} />
        <ChoiceFilter
          name="state"
          label={t("lists.status")}
          all={t("lists.allMembers")}
          choices={[
            { value: "active", label: t("lists.memberActive") },
            { value: "left", label: t("lists.memberLeft") },
          ]}
        />
      </ListFilters>
      <Downloads path="/admin/members/export" />
      <div className="table-scroll">
        <table data-testid="members">
          <thead>
            <tr>
              <SortHeader column="name" label={t("common.name")} sorted={sorted} />
              <SortHeader column="taxId" label={t("members.taxId")} sorted={sorted} />
              <SortHeader column="country" label={t("common.country")} sorted={sorted} />
              <SortHeader
                column="joinedOn"
                label={t("members.joinedOn")}
                sorted={sorted}
                first="desc"
              />
              <SortHeader
                column="leftOn"
                label={t("members.leftOn")}
                sorted={sorted}
                first="desc"
              />
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id} data-member={m.id}>
                <td>
                  <Link to={`/admin/members/${m.id}`}>{m.name}</Link>
                </td>
                <td>{m.taxId}</td>
                <td>{m.country}</td>
                <td className="nowrap">{date(m.joinedOn)}</td>
                <td className="nowrap">{m.leftOn ? date(m.leftOn) : ""}</td>
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
