import type { ActionFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readOptionalJson } from "~/http/api.server";
import { idParam } from "~/http/query.server";
import { payBatch } from "~/models/payouts.server";
import { batchPayInput } from "~/schemas/money";

/** Pays an approved batch: posts one journal entry, once; a second call is a 409. */
export const action = apiRoute(async ({ request, params }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const id = idParam(params.id);
  const input = batchPayInput.parse((await readOptionalJson(request)) ?? {});
  return Response.json(payBatch(actor, id, input.paidOn));
});

export const loader = apiRoute(async ({ request }) => {
  await authorize(request, { roles: ["admin"] });
  allowMethods(request, "POST");
  return new Response(null);
});
