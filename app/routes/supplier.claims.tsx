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
import { ClaimDecided, decidedClaim, type DecidedClaim } from "~/components/claims/ClaimDecided";
import { ClaimFilters, ClaimList } from "~/components/claims/ClaimViews";
import { Pager } from "~/components/tables/Pager";
import { decideFromForm } from "~/http/claims.server";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import claimStyles from "~/styles/claims.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: claimStyles }];
import { claimListPage } from "~/http/claim-lists.server";
import { Downloads } from "~/components/tables/Downloads";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "claims.supplierTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  // The queue opens on what waits for an answer; only this supplier's claims.
  return claimListPage(request, { supplierId: actor.supplierId! }, "pending");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  try {
    const claim = await decideFromForm(request, actor, context.ip as string | undefined);
    return Response.json({ decided: decidedClaim(claim) });
  } catch (error) {
    return formFailure(request, error, {});
  }
}

export default function SupplierClaims() {
  const { claims, total, page, pageSize } = useLoaderData<typeof loader>();
  const result = useActionData<{ decided?: DecidedClaim; message?: string }>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("claims.supplierTitle")}</h1>
      <p>
        <Link to="/claims/reconciliation">{t("claims.openRecon")}</Link>
      </p>
      {result?.decided ? (
        <ClaimDecided claim={result.decided} />
      ) : result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      <ClaimFilters />
      <Downloads path="/supplier/claims/export" />
      <ClaimList
        claims={claims}
        show="member"
        decide={(c) => (c.status === "pending" ? "decide" : null)}
      />
      <Pager page={page} pageSize={pageSize} total={total} />
    </>
  );
}
