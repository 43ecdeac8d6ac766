import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { StatementView } from "~/components/money/StatementView";
import { statementList } from "~/http/own-lists.server";
import { orRefusal } from "~/http/refusals.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "statement.title");

/** The signed-in member's own statement for a range of months. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["member"] });
  const memberId = actor.memberId!;
  return orRefusal(request, () => statementList(request, memberId));
}

export default function MemberStatement() {
  const { statement, lines, sorted } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("statement.title")}</h1>
      <StatementView
        statement={statement}
        lines={lines}
        sorted={sorted}
        downloadHref={`/members/${statement.memberId}/statement.xlsx`}
        linesHref={`/members/${statement.memberId}/statement/export`}
      />
    </>
  );
}
