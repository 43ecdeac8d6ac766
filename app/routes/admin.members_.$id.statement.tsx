import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { StatementView } from "~/components/money/StatementView";
import { statementList } from "~/http/own-lists.server";
import { orRefusal } from "~/http/refusals.server";
import { idParam } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "statement.titleFor", { member: data?.statement.member.name ?? "" });

/** Any member's statement, for the admin, with every posting linked to its ledger entry. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const memberId = idParam(params.id);
  return orRefusal(request, () => statementList(request, memberId));
}

export default function AdminMemberStatement() {
  const { statement, lines, sorted } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <p>
        <Link to={`/admin/members/${statement.memberId}`}>{statement.member.name}</Link>
      </p>
      <h1>{t("statement.titleFor", { member: statement.member.name })}</h1>
      <StatementView
        statement={statement}
        lines={lines}
        sorted={sorted}
        downloadHref={`/members/${statement.memberId}/statement.xlsx`}
        linesHref={`/members/${statement.memberId}/statement/export`}
        ledgerLinks
      />
    </>
  );
}
