import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { apiRoute } from "~/http/api.server";
import { idParam } from "~/http/query.server";
import { exportBatch } from "~/http/money-downloads.server";

/** The batch for the bank, with the members' bank details (formula-safe). */
export const loader = apiRoute(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await authorize(request, { roles: ["admin"] });
  return exportBatch(actor, request, idParam(params.id), "xlsx");
});
