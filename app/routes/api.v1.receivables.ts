import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { apiRoute } from "~/http/api.server";
import { listReceivables } from "~/models/receivables.server";

/** What each supplier owes per program; a supplier sees its own programs only. */
export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  const actor = await authorize(request, { roles: ["admin", "supplier"] });
  const asked = Number(new URL(request.url).searchParams.get("supplierId")) || undefined;
  const supplierId = actor.role === "supplier" ? actor.supplierId! : asked;
  return Response.json(listReceivables({ supplierId }));
});
