import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { createSupplierAsAdmin } from "~/models/supplier-admin.server";
import { supplierTaxIdsOf, taxIdsBySupplier } from "~/models/supplier-tax-ids.server";
import { listSuppliers } from "~/models/suppliers.server";

export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  await authorize(request, { roles: ["admin"] });
  const taxIds = taxIdsBySupplier();
  return Response.json(listSuppliers().map((s) => ({ ...s, taxIds: taxIds.get(s.id) ?? [] })));
});

export const action = apiRoute(async ({ request }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const supplier = createSupplierAsAdmin(actor, await readJson(request));
  return Response.json({ ...supplier, taxIds: supplierTaxIdsOf(supplier.id) }, { status: 201 });
});
