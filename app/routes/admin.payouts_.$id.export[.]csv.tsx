import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { exportBatch } from "~/http/money-downloads.server";
import { orRefusal } from "~/http/refusals.server";
import { idParam } from "~/http/query.server";

/** The batch for the bank, downloaded from the batch screen (recorded in the audit log). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  return orRefusal(request, () => exportBatch(actor, request, idParam(params.id), "csv"));
}
