import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { listSupplierPayments, recordSupplierPayment } from "~/models/receivables.server";
import { supplierPaymentInput } from "~/schemas/money";

/** Records a supplier payment for a program: Dr cash, Cr supplier_receivable. */
export const action = apiRoute(async ({ request }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const input = supplierPaymentInput.parse(await readJson(request));
  return Response.json(recordSupplierPayment(actor, input), { status: 201 });
});

export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  await authorize(request, { roles: ["admin"] });
  const supplierId = Number(new URL(request.url).searchParams.get("supplierId")) || undefined;
  return Response.json(listSupplierPayments({ supplierId }));
});
