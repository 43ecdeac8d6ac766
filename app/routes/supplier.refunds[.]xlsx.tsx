import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { localeOf } from "~/http/money-downloads.server";
import { listReceivables } from "~/models/receivables.server";
import { downloadHeaders } from "~/http/downloads.server";
import { supplierRefundsXlsx, XLSX_TYPE } from "~/models/money-exports.server";

/** The supplier's refunds screen as XLSX. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  const rows = listReceivables({ supplierId: actor.supplierId! });
  const body = await supplierRefundsXlsx(rows, localeOf(actor, request));
  return new Response(new Uint8Array(body), {
    headers: downloadHeaders("refunds.xlsx", XLSX_TYPE),
  });
}
