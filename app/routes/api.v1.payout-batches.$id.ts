import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { apiRoute } from "~/http/api.server";
import { idParam } from "~/http/query.server";
import { carriedForward, getBatch } from "~/models/payouts.server";

export const loader = apiRoute(async ({ request, params }: LoaderFunctionArgs) => {
  await authorize(request, { roles: ["admin"] });
  const batch = getBatch(idParam(params.id));
  return Response.json({ ...batch, carriedForward: carriedForward(batch) });
});
