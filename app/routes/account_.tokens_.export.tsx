// Every user's own API tokens as CSV or XLSX (?format=), with the screen's search, status and order.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { tokenDownload } from "~/http/own-lists.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin", "supplier", "member"] });
  return tokenDownload(actor, request);
}
