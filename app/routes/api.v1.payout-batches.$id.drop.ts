import type { ActionFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { idParam } from "~/http/query.server";
import { dropLine, getBatch } from "~/models/payouts.server";
import { batchDropInput } from "~/schemas/money";

/** Drops a member from a draft; its balance carries forward. */
export const action = apiRoute(async ({ request, params }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const id = idParam(params.id);
  getBatch(id); // a missing batch is a 404 before its body is judged
  const input = batchDropInput.parse(await readJson(request));
  return Response.json(dropLine(actor, id, input.memberId));
});

export const loader = apiRoute(async ({ request }) => {
  await authorize(request, { roles: ["admin"] });
  allowMethods(request, "POST");
  return new Response(null);
});
