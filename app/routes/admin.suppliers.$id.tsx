import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { fieldErrors } from "~/components/forms/Field";
import { SupplierForm } from "~/components/forms/SupplierForm";
import { formFailure } from "~/http/forms.server";
import { idParam } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { editSupplierAsAdmin } from "~/models/supplier-admin.server";
import { getSupplier } from "~/models/suppliers.server";
import { supplierTaxIdsOf } from "~/models/supplier-tax-ids.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "title.supplier", { name: data?.supplier.name ?? "" });

function loadSupplier(id: string | undefined) {
  const supplier = getSupplier(idParam(id));
  if (!supplier) throw new Response("Not found", { status: 404 });
  return supplier;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const supplier = loadSupplier(params.id);
  return { supplier: { ...supplier, taxIds: supplierTaxIdsOf(supplier.id).join("\n") } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const supplier = loadSupplier(params.id);
  const form = Object.fromEntries(await request.formData());
  // An emptied box clears the tax ids: the form always sends them.
  form.taxIds ??= "";
  try {
    editSupplierAsAdmin(actor, supplier.id, form);
    return Response.json({ saved: true });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function EditSupplier() {
  const { supplier } = useLoaderData<typeof loader>();
  const result = useActionData<{
    saved?: boolean;
    details?: unknown;
    values?: Record<string, string>;
  }>();
  const { t } = useI18n();
  return (
    <>
      <h1>{supplier.name}</h1>
      {result?.saved ? (
        <p className="notice" role="status">
          {t("common.saved")}
        </p>
      ) : null}
      <SupplierForm
        key={supplier.updatedAt}
        intent="edit"
        values={result?.values ?? supplier}
        errors={fieldErrors(result?.details)}
      />
    </>
  );
}
