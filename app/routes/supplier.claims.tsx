// The supplier's claims queue (SPEC 5.2): members' pending claims with their lines and proof, to
// accept (a category per line) or reject with a reason; decided claims stay listed.
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { ClaimFilters, ClaimList } from "~/components/claims/ClaimViews";
import { Pager } from "~/components/tables/Pager";
import { decideFromForm } from "~/http/claims.server";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";
import { pageTitle } from "~/i18n/page-title";
import claimStyles from "~/styles/claims.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: claimStyles }];
import { escalateOverdue } from "~/models/claim-decisions.server";
import { listClaims, CLAIMS_PAGE_SIZE } from "~/models/claims.server";
import { claimListQuery } from "~/schemas/claims";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "claims.supplierTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  const url = new URL(request.url);
  const parsed = claimListQuery.safeParse(Object.fromEntries(url.searchParams));
  const query = parsed.success ? parsed.data : { page: 1, status: undefined, month: undefined };
  // The queue opens on what waits for an answer.
  const status = url.searchParams.has("status") ? query.status : "pending";
  escalateOverdue();
  const { rows, total } = listClaims(
    { supplierId: actor.supplierId!, status, month: query.month },
    query.page,
  );
  return { claims: rows, total, page: query.page, pageSize: CLAIMS_PAGE_SIZE };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  try {
    const claim = await decideFromForm(request, actor, context.ip as string | undefined);
    return Response.json({ decided: { id: claim.id, status: claim.status } });
  } catch (error) {
    return formFailure(request, error, {});
  }
}

export default function SupplierClaims() {
  const { claims, total, page, pageSize } = useLoaderData<typeof loader>();
  const result = useActionData<{ decided?: { id: number; status: string }; message?: string }>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("claims.supplierTitle")}</h1>
      <p>
        <Link to="/claims/reconciliation">{t("claims.openRecon")}</Link>
      </p>
      {result?.decided ? (
        <p className="notice" role="status" data-testid="decided">
          {t("claims.decided", {
            id: result.decided.id,
            status: t(`claims.status.${result.decided.status}` as MessageKey),
          })}
        </p>
      ) : result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      <ClaimFilters />
      <ClaimList
        claims={claims}
        show="member"
        decide={(c) => (c.status === "pending" ? "decide" : null)}
      />
      <Pager page={page} pageSize={pageSize} total={total} />
    </>
  );
}
