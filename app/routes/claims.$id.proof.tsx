// A typed claim's proof, downloaded from the claim screens: its member, its supplier, the admin;
// always as an attachment with nosniff, never shown inline.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { assertSeesClaim, proofResponse } from "~/http/claims.server";
import { idParam } from "~/http/query.server";
import { getClaim } from "~/models/claims.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin", "supplier", "member"] });
  const claim = getClaim(idParam(params.id));
  if (!claim) throw new Response("Not found", { status: 404 });
  assertSeesClaim(request, actor, claim);
  try {
    return await proofResponse(claim.id);
  } catch {
    throw new Response("Not found", { status: 404 });
  }
}
