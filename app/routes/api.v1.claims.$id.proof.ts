import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { apiRoute } from "~/http/api.server";
import { assertSeesClaim, proofResponse } from "~/http/claims.server";
import { idParam } from "~/http/query.server";
import { getClaim } from "~/models/claims.server";
import { notFound } from "~/models/errors";

/** A typed claim's proof, as an attachment: its member, its supplier, the admin. */
export const loader = apiRoute(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await authorize(request, { roles: ["admin", "supplier", "member"] });
  const claim = getClaim(idParam(params.id));
  if (!claim) throw notFound("claim");
  assertSeesClaim(request, actor, claim);
  return proofResponse(claim.id);
});
