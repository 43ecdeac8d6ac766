import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { runHistoryDownload } from "~/http/run-history.server";

/** The run history as CSV or XLSX (`?format=`), with the screen's filters. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  return runHistoryDownload(actor, request);
}
