import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { listFxRates, upsertFxRates } from "~/models/fx-rates.server";

export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  await authorize(request, { roles: ["admin"] });
  return Response.json(listFxRates());
});

export const action = apiRoute(async ({ request }: ActionFunctionArgs) => {
  allowMethods(request, "PUT");
  const actor = await authorize(request, { roles: ["admin"] });
  return Response.json(upsertFxRates(actor, await readJson(request)));
});
