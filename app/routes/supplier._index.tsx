import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { useI18n } from "~/i18n/context";
import { getSupplier } from "~/models/suppliers.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  const supplier = getSupplier(actor.supplierId!);
  if (!supplier) throw new Response("Not found", { status: 404 });
  return { supplier: { id: supplier.id, name: supplier.name, currency: supplier.currency } };
}

export default function SupplierDashboard() {
  const { supplier } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("dashboard.supplier")}</h1>
      <p data-testid="supplier-name">{t("dashboard.welcome", { name: supplier.name })}</p>
    </>
  );
}
