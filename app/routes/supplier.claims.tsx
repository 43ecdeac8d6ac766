// The supplier's claims queue (SPEC 5.2): members' pending claims with their lines and proof, to
// accept (a category per line) or reject with a reason; decided claims stay listed.
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { ClaimDecisionAnswer } from "~/components/claims/ClaimDecided";
import { ClaimFilters, ClaimList } from "~/components/claims/ClaimViews";
import { Pager } from "~/components/tables/Pager";
import { claimDecisionAction } from "~/http/claims.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import claimStyles from "~/styles/claims.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: claimStyles }];
import { claimListPage } from "~/http/claim-lists.server";
import { Downloads } from "~/components/tables/Downloads";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "claims.supplierTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  // The queue opens on what waits for an answer; only this supplier's claims.
  return claimListPage(request, await authorize(request, { roles: ["supplier"] }));
}

export const action = (args: ActionFunctionArgs) => claimDecisionAction(args, ["supplier"]);

export default function SupplierClaims() {
  const { claims, total, page, pageSize } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("claims.supplierTitle")}</h1>
      <p>
        <Link to="/claims/reconciliation">{t("claims.openRecon")}</Link>
      </p>
      <ClaimDecisionAnswer />
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
