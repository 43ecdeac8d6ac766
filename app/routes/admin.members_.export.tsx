import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { memberDownload } from "~/http/admin-lists.server";

/** The members list as CSV or XLSX (`?format=`), with the screen's filters and sort. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  return memberDownload(actor, request);
}
