import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { ProgramForm, programErrors } from "~/components/forms/ProgramForm";
import { SupplierFilter } from "~/components/forms/SupplierFilter";
import { Downloads } from "~/components/tables/Downloads";
import { ListFilters } from "~/components/tables/ListFilters";
import { Pager } from "~/components/tables/Pager";
import { SortHeader } from "~/components/tables/SortHeader";
import { programPage } from "~/http/admin-lists.server";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import { createProgram } from "~/models/programs.server";
import { getSettings } from "~/models/settings.server";
import { listSuppliers } from "~/models/suppliers.server";
import { programFromForm } from "~/schemas/program-form";
import programStyles from "~/styles/programs.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: programStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "programs.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  return {
    ...programPage(request),
    suppliers: listSuppliers().map((s) => ({ id: s.id, name: s.name, currency: s.currency })),
    defaultFeeBps: getSettings().defaultFeeBps,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData());
  try {
    const program = createProgram(actor, programFromForm(form));
    return Response.json({ created: program.id, name: program.name });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function Programs() {
  const {
    rows: programs,
    total,
    page,
    pageSize,
    sorted,
    suppliers,
    defaultFeeBps,
  } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const result = useActionData<{
    created?: number;
    name?: string;
    details?: unknown;
    values?: Record<string, string>;
  }>();
  const { t, money, date, bps } = useI18n();
  const e = programErrors(result?.details);
  const v: Record<string, string> = result?.created ? {} : (result?.values ?? {});
  const supplierName = new Map(suppliers.map((s) => [s.id, s.name]));
  return (
    <div className="program-page">
      <h1>{t("programs.title")}</h1>
      <ListFilters>
        <label>
          {t("lists.searchName")}
          <input type="search" name="q" defaultValue={params.get("q") ?? ""} />
        </label>
        <SupplierFilter suppliers={suppliers} />
      </ListFilters>
      <Downloads path="/admin/programs/export" />
      {programs.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="programs">
            <thead>
              <tr>
                <SortHeader column="name" label={t("common.name")} sorted={sorted} />
                <SortHeader column="supplier" label={t("programs.supplier")} sorted={sorted} />
                <SortHeader
                  column="start"
                  label={t("programs.period")}
                  sorted={sorted}
                  first="desc"
                />
                <SortHeader column="method" label={t("programs.method")} sorted={sorted} />
                <SortHeader column="feeBps" label={t("editor.fee")} sorted={sorted} />
                <th scope="col">{t("programs.tiers")}</th>
              </tr>
            </thead>
            <tbody>
              {programs.map((p) => (
                <tr key={p.id} data-program={p.id}>
                  <td>
                    <Link to={`/admin/programs/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{supplierName.get(p.supplierId) ?? p.supplierId}</td>
                  <td>
                    {date(p.start)} – {date(p.end)}
                  </td>
                  <td>
                    {t(p.method === "all-units" ? "programs.allUnits" : "programs.incremental")}
                  </td>
                  <td>{bps(p.feeBps)}</td>
                  <td>
                    <ul className="plain">
                      {p.basis === "growth"
                        ? p.growthTiers.map((tier) => (
                            <li key={tier.thresholdBps}>
                              {t("editor.growthTierLine", {
                                growth: bps(tier.thresholdBps),
                                rate: bps(tier.rateBps),
                              })}
                            </li>
                          ))
                        : p.tiers.map((tier) => (
                            <li key={tier.thresholdMinor}>
                              ≥ {money(tier.thresholdMinor, p.currency)}: {bps(tier.rateBps)}
                            </li>
                          ))}
                      {p.bonuses.map((b) => (
                        <li key={b.name}>
                          {b.name}:{" "}
                          {b.rateBps !== null
                            ? bps(b.rateBps)
                            : t("editor.perUnitLine", {
                                amount: money(b.perUnitMinor ?? 0, p.currency),
                              })}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageSize={pageSize} total={total} />
      <h2>{t("programs.new")}</h2>
      {result?.created ? (
        <p className="notice" role="status" data-testid="confirmation">
          <Link to={`/admin/programs/${result.created}`}>
            {t("lists.programCreated", { name: result.name ?? "" })}
          </Link>
        </p>
      ) : null}
      <ProgramForm
        key={result?.created}
        intent="create"
        suppliers={suppliers}
        values={v}
        errors={e}
        defaultFeeBps={defaultFeeBps}
      />
    </div>
  );
}
