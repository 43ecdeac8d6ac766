import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { paymentDownload } from "~/http/money-lists.server";

/** The supplier payments received, as CSV or XLSX (`?format=`), with the screen's filters and sort. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  return paymentDownload(actor, request);
}
