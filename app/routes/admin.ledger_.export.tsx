import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { ledgerDownload } from "~/http/ledger-books.server";

/** The ledger's lines as CSV or XLSX (`?format=`), with the screen's filters. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  return ledgerDownload(actor, request);
}
