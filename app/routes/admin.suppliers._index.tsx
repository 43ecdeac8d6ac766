import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { fieldErrors } from "~/components/forms/Field";
import { SupplierForm } from "~/components/forms/SupplierForm";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { createSupplierAsAdmin } from "~/models/supplier-admin.server";
import { listSuppliers } from "~/models/suppliers.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "suppliers.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  return { suppliers: listSuppliers() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData());
  try {
    const supplier = createSupplierAsAdmin(actor, form);
    return Response.json({ created: supplier.id });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function Suppliers() {
  const { suppliers } = useLoaderData<typeof loader>();
  const result = useActionData<{
    created?: number;
    details?: unknown;
    values?: Record<string, string>;
  }>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("suppliers.title")}</h1>
      <table>
        <thead>
          <tr>
            <th>{t("common.name")}</th>
            <th>{t("common.currency")}</th>
            <th>{t("suppliers.dateOrder")}</th>
            <th>{t("common.language")}</th>
          </tr>
        </thead>
        <tbody>
          {suppliers.map((s) => (
            <tr key={s.id}>
              <td>
                <Link to={`/admin/suppliers/${s.id}`}>{s.name}</Link>
              </td>
              <td>{s.currency}</td>
              <td>{s.dateOrder}</td>
              <td>{s.language}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("suppliers.new")}</h2>
      {result?.created ? (
        <p className="notice" role="status">
          {t("common.saved")}
        </p>
      ) : null}
      <SupplierForm
        key={result?.created}
        intent="create"
        values={result?.values}
        errors={fieldErrors(result?.details)}
      />
    </>
  );
}
