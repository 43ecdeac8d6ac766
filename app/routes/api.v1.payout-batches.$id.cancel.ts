import type { ActionFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute } from "~/http/api.server";
import { idParam } from "~/http/query.server";
import { cancelBatch } from "~/models/payouts.server";

/** Cancels a batch not yet paid and releases its members' balances. */
export const action = apiRoute(async ({ request, params }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const id = idParam(params.id);
  return Response.json(cancelBatch(actor, id));
});

export const loader = apiRoute(async ({ request }) => {
  await authorize(request, { roles: ["admin"] });
  allowMethods(request, "POST");
  return new Response(null);
});
