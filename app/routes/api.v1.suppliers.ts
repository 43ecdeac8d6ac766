import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { createSupplierAsAdmin } from "~/models/supplier-admin.server";
import { listSuppliers } from "~/models/suppliers.server";

export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  await authorize(request, { roles: ["admin"] });
  return Response.json(listSuppliers());
});

export const action = apiRoute(async ({ request }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const supplier = createSupplierAsAdmin(actor, await readJson(request));
  return Response.json(supplier, { status: 201 });
});
