import type { ActionFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { assertSeesClaim } from "~/http/claims.server";
import { idParam } from "~/http/query.server";
import { decideClaim } from "~/models/claim-decisions.server";
import { claimForApi, getClaim } from "~/models/claims.server";
import { notFound } from "~/models/errors";

/** The claim's supplier decides it while pending; the admin any time (SPEC 5.2). */
export const action = apiRoute(async ({ request, params, context }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin", "supplier"] });
  const claim = getClaim(idParam(params.id));
  if (!claim) throw notFound("claim");
  assertSeesClaim(request, actor, claim);
  const body = await readJson(request);
  const decided = decideClaim(actor, claim.id, body, context.ip as string | undefined);
  return Response.json(claimForApi(decided));
});
