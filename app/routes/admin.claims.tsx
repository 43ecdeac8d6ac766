// The admin's claims (SPEC 5.2): escalated claims first, every claim filterable, each decided or
// overturned (with a comment); and the way to each supplier's monthly reconciliation.
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
import { listSuppliers } from "~/models/suppliers.server";
import { claimListPage } from "~/http/claim-lists.server";
import { Downloads } from "~/components/tables/Downloads";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "claims.adminTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  return {
    ...claimListPage(request, actor),
    suppliers: listSuppliers().map((s) => ({ id: s.id, name: s.name })),
  };
}

export const action = (args: ActionFunctionArgs) => claimDecisionAction(args, ["admin"]);

const DECIDABLE = new Set(["pending", "escalated"]);
const OVERTURNABLE = new Set(["accepted", "rejected"]);

export default function AdminClaims() {
  const { claims, total, page, pageSize, suppliers } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("claims.adminTitle")}</h1>
      <p>
        <Link to="/claims/reconciliation">{t("claims.openRecon")}</Link>
      </p>
      <ClaimDecisionAnswer />
      <ClaimFilters suppliers={suppliers} />
      <Downloads path="/admin/claims/export" />
      <ClaimList
        claims={claims}
        show="both"
        decide={(c) =>
          DECIDABLE.has(c.status) ? "decide" : OVERTURNABLE.has(c.status) ? "override" : null
        }
      />
      <Pager page={page} pageSize={pageSize} total={total} />
    </>
  );
}
