import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { ProgramForm, programErrors } from "~/components/forms/ProgramForm";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import { createProgram, listPrograms } from "~/models/programs.server";
import { getSettings } from "~/models/settings.server";
import { listSuppliers } from "~/models/suppliers.server";
import { programFromForm } from "~/schemas/program-form";
import programStyles from "~/styles/programs.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: programStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "programs.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  return {
    programs: listPrograms(),
    suppliers: listSuppliers().map((s) => ({ id: s.id, name: s.name, currency: s.currency })),
    defaultFeeBps: getSettings().defaultFeeBps,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData());
  try {
    const program = createProgram(actor, programFromForm(form));
    return Response.json({ created: program.id });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function Programs() {
  const { programs, suppliers, defaultFeeBps } = useLoaderData<typeof loader>();
  const result = useActionData<{
    created?: number;
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
      {programs.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t("common.name")}</th>
                <th>{t("programs.supplier")}</th>
                <th>{t("programs.period")}</th>
                <th>{t("programs.method")}</th>
                <th>{t("programs.feeBps")}</th>
                <th>{t("programs.tiers")}</th>
              </tr>
            </thead>
            <tbody>
              {programs.map((p) => (
                <tr key={p.id}>
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
      <h2>{t("programs.new")}</h2>
      {result?.created ? (
        <p className="notice" role="status">
          {t("editor.created")}{" "}
          <Link to={`/admin/programs/${result.created}`}>
            {programs.find((p) => p.id === result.created)?.name}
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
