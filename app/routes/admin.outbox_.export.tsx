import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { outboxDownload } from "~/http/admin-lists.server";

/** The outbox as CSV or XLSX (`?format=`), with the screen's filters and sort. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  return outboxDownload(actor, request);
}
