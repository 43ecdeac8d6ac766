import type { ActionFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { revokeOwnToken } from "~/auth/tokens.server";
import { allowMethods, apiRoute } from "~/http/api.server";
import { idParam } from "~/http/query.server";

const ROLES = ["admin", "supplier", "member"] as const;

/** Revokes one of the caller's own tokens (again: no change); someone else's is a 404. */
export const action = apiRoute(async ({ request, params, context }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ROLES });
  const token = revokeOwnToken(actor, idParam(params.id), context.ip as string | undefined);
  return Response.json(token);
});

export const loader = apiRoute(async ({ request }) => {
  await authorize(request, { roles: ROLES });
  allowMethods(request, "POST");
  return new Response(null);
});
