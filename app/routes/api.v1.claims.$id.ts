import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { apiRoute } from "~/http/api.server";
import { assertSeesClaim } from "~/http/claims.server";
import { idParam } from "~/http/query.server";
import { claimForApi, getClaim } from "~/models/claims.server";
import { notFound } from "~/models/errors";

/** One claim: its member, its supplier, the admin. */
export const loader = apiRoute(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await authorize(request, { roles: ["admin", "supplier", "member"] });
  const claim = getClaim(idParam(params.id));
  if (!claim) throw notFound("claim");
  assertSeesClaim(request, actor, claim);
  return Response.json(claimForApi(claim));
});
