// The supplier's claims list as CSV or XLSX (?format=), with the screen's filters and order, every row.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { claimListDownload } from "~/http/claim-lists.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  return claimListDownload(actor, request);
}
