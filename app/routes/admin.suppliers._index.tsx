import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { fieldErrors } from "~/components/forms/Field";
import { SupplierForm } from "~/components/forms/SupplierForm";
import { Downloads } from "~/components/tables/Downloads";
import { ListFilters } from "~/components/tables/ListFilters";
import { Pager } from "~/components/tables/Pager";
import { SortHeader } from "~/components/tables/SortHeader";
import { supplierList } from "~/http/admin-lists.server";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { DATE_ORDER, LANGUAGE_NAME } from "~/i18n/supplier-labels";
import { createSupplierAsAdmin } from "~/models/supplier-admin.server";
import { findSuppliers } from "~/models/suppliers.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "suppliers.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { list, filter } = supplierList(request);
  const { rows, total } = findSuppliers(filter, list.sorted, list.paging);
  return { suppliers: rows, total, ...list.state };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData());
  try {
    const supplier = createSupplierAsAdmin(actor, form);
    return Response.json({ created: supplier.id, name: supplier.name });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function Suppliers() {
  const { suppliers, total, page, pageSize, sorted } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const result = useActionData<{
    created?: number;
    name?: string;
    details?: unknown;
    values?: Record<string, string>;
  }>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("suppliers.title")}</h1>
      <ListFilters>
        <label>
          {t("lists.searchName")}
          <input type="search" name="q" defaultValue={params.get("q") ?? ""} />
        </label>
        <label>
          {t("common.currency")}
          <input name="currency" defaultValue={params.get("currency") ?? ""} size={4} />
        </label>
      </ListFilters>
      <Downloads path="/admin/suppliers/export" />
      <div className="table-scroll">
        <table data-testid="suppliers">
          <thead>
            <tr>
              <SortHeader column="name" label={t("common.name")} sorted={sorted} />
              <SortHeader column="currency" label={t("common.currency")} sorted={sorted} />
              <SortHeader column="dateOrder" label={t("suppliers.dateOrder")} sorted={sorted} />
              <SortHeader column="language" label={t("common.language")} sorted={sorted} />
            </tr>
          </thead>
          <tbody>
            {suppliers.map((s) => (
              <tr key={s.id} data-supplier={s.id}>
                <td>
                  <Link to={`/admin/suppliers/${s.id}`}>{s.name}</Link>
                </td>
                <td>{s.currency}</td>
                <td>{DATE_ORDER[s.dateOrder]}</td>
                <td>{LANGUAGE_NAME[s.language]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {suppliers.length === 0 ? <p>{t("common.none")}</p> : null}
      <Pager page={page} pageSize={pageSize} total={total} />
      <h2>{t("suppliers.new")}</h2>
      {result?.created ? (
        <p className="notice" role="status" data-testid="confirmation">
          {t("lists.supplierCreated", { name: result.name ?? "" })}
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
