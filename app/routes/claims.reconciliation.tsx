// Reconciliation per supplier and month (SPEC 5.2), for the admin (any supplier) and a supplier
// (its own): lines reported, claims by status, accepted claim volume, the share the report missed.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { Reconciliation } from "~/components/claims/ClaimViews";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import claimStyles from "~/styles/claims.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: claimStyles }];
import { reconciliation, reconciliationMonths } from "~/models/claim-reconciliation.server";
import { listSuppliers } from "~/models/suppliers.server";
import { isMonthKey, monthOfDate } from "~/refunds/money";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "claims.reconTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin", "supplier"] });
  const url = new URL(request.url);
  const suppliers = listSuppliers().map((s) => ({ id: s.id, name: s.name }));
  const asked = Number(url.searchParams.get("supplierId")) || undefined;
  // A supplier sees its own month only: no parameter names another supplier.
  const supplierId = actor.role === "supplier" ? actor.supplierId! : (asked ?? suppliers[0]?.id);
  const months = supplierId ? reconciliationMonths(supplierId) : [];
  const m = url.searchParams.get("month") ?? "";
  const month = isMonthKey(m) ? m : (months[0] ?? monthOfDate(new Date()));
  return {
    admin: actor.role === "admin",
    suppliers: actor.role === "admin" ? suppliers : suppliers.filter((s) => s.id === supplierId),
    supplierId: supplierId ?? null,
    month,
    months,
    data: supplierId ? reconciliation(supplierId, month) : null,
  };
}

export default function ClaimsReconciliation() {
  const { admin, suppliers, supplierId, month, months, data } = useLoaderData<typeof loader>();
  const { t, month: monthName } = useI18n();
  const name = suppliers.find((s) => s.id === supplierId)?.name ?? "";
  return (
    <>
      <h1>
        {t("claims.reconTitle")}: {name}, {monthName(month)}
      </h1>
      <Form method="get" className="toolbar">
        {admin ? (
          <label className="field">
            <span>{t("claims.supplier")}</span>
            <select name="supplierId" defaultValue={supplierId ?? ""}>
              {suppliers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="field">
          <span>{t("claims.month")}</span>
          <input type="month" name="month" defaultValue={month} list="recon-months" />
          <datalist id="recon-months">
            {months.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </label>
        <div className="field">
          <button type="submit">{t("claims.show")}</button>
        </div>
      </Form>
      {data ? <Reconciliation data={data} /> : null}
    </>
  );
}
