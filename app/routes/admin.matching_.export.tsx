import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { matchingDownload } from "~/http/admin-lists.server";

/** The matching queue as CSV or XLSX (`?format=`), with the screen's filters and sort. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  return matchingDownload(actor, request);
}
