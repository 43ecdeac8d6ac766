import type { ActionFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute } from "~/http/api.server";
import { idParam } from "~/http/query.server";
import { postRun } from "~/models/runs.server";

/** Posts a previewed run; posting it again answers the same run and posts nothing new. */
export const action = apiRoute(async ({ request, params }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  return Response.json(postRun(actor, idParam(params.id)));
});

export const loader = apiRoute(async ({ request }) => {
  await authorize(request, { roles: ["admin"] });
  allowMethods(request, "POST");
  return new Response(null);
});
