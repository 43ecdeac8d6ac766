import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { buildBatch, listBatches } from "~/models/payouts.server";
import { batchBuildInput } from "~/schemas/money";

/** Builds a draft batch for a currency from the members at or above the minimum payout. */
export const action = apiRoute(async ({ request }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const input = batchBuildInput.parse(await readJson(request));
  return Response.json(buildBatch(actor, input), { status: 201 });
});

export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  await authorize(request, { roles: ["admin"] });
  return Response.json(listBatches());
});
