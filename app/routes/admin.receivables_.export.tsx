import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { receivableDownload } from "~/http/money-lists.server";

/** What suppliers owe, per program, as CSV or XLSX (`?format=`), with the screen's filters and sort. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  return receivableDownload(actor, request);
}
