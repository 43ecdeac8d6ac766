import type { ActionFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute } from "~/http/api.server";
import { idParam } from "~/http/query.server";
import { approveBatch } from "~/models/payouts.server";

/** Approves a draft; under four-eyes only an admin other than its builder may. */
export const action = apiRoute(async ({ request, params }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const id = idParam(params.id);
  return Response.json(approveBatch(actor, id));
});

export const loader = apiRoute(async ({ request }) => {
  await authorize(request, { roles: ["admin"] });
  allowMethods(request, "POST");
  return new Response(null);
});
