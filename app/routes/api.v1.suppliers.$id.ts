// PATCH /api/v1/suppliers/:id (SPEC 7): name, dateOrder, language, taxIds.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { idParam } from "~/http/query.server";
import { notFound } from "~/models/errors";
import { patchSupplierAsAdmin } from "~/models/supplier-admin.server";
import { supplierTaxIdsOf } from "~/models/supplier-tax-ids.server";
import { getSupplier } from "~/models/suppliers.server";

export const loader = apiRoute(async ({ request, params }: LoaderFunctionArgs) => {
  await authorize(request, { roles: ["admin"] });
  const supplier = getSupplier(idParam(params.id));
  if (!supplier) throw notFound("supplier");
  return Response.json({ ...supplier, taxIds: supplierTaxIdsOf(supplier.id) });
});

export const action = apiRoute(async ({ request, params }: ActionFunctionArgs) => {
  allowMethods(request, "PATCH");
  const actor = await authorize(request, { roles: ["admin"] });
  const supplier = patchSupplierAsAdmin(actor, idParam(params.id), await readJson(request));
  return Response.json({ ...supplier, taxIds: supplierTaxIdsOf(supplier.id) });
});
