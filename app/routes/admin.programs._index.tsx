import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { TierEditor } from "~/components/charts/TierEditor";
import { Field, fieldErrors } from "~/components/forms/Field";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { createProgram, listPrograms } from "~/models/programs.server";
import { getSettings } from "~/models/settings.server";
import { listSuppliers } from "~/models/suppliers.server";

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
    const program = createProgram(actor, form);
    return Response.json({ created: program.id });
  } catch (error) {
    return formFailure(error, form);
  }
}

/** Field errors, with every tier problem ("tiers.1.rateBps", "tiers") gathered under "tiers". */
function programErrors(details: unknown) {
  const errors = fieldErrors(details);
  if (Array.isArray(details)) {
    const tierProblems = (details as { path: string; message: string }[])
      .filter((d) => d.path.startsWith("tiers"))
      .map((d) => (d.path === "tiers" ? d.message : `${d.path}: ${d.message}`));
    if (tierProblems.length) errors.tiers = tierProblems.join(" ");
  }
  return errors;
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
    <>
      <h1>{t("programs.title")}</h1>
      {programs.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
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
                    {p.tiers.map((tier) => (
                      <li key={tier.thresholdMinor}>
                        ≥ {money(tier.thresholdMinor, p.currency)}: {bps(tier.rateBps)}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("programs.new")}</h2>
      {result?.created ? (
        <p className="notice" role="status">
          {t("common.saved")}
        </p>
      ) : null}
      <Form method="post" key={result?.created}>
        <label className="field">
          <span>{t("programs.supplier")}</span>
          <select
            name="supplierId"
            defaultValue={v.supplierId ?? ""}
            required
            aria-invalid={e.supplierId ? true : undefined}
          >
            <option value="" disabled>
              —
            </option>
            {suppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.currency})
              </option>
            ))}
          </select>
          {e.supplierId ? <em className="error">{e.supplierId}</em> : null}
        </label>
        <Field
          label={t("common.name")}
          name="name"
          defaultValue={v.name ?? ""}
          error={e.name}
          required
        />
        <Field
          label={t("common.currency")}
          name="currency"
          defaultValue={v.currency ?? ""}
          error={e.currency}
          required
          maxLength={3}
        />
        <Field
          label={t("programs.start")}
          name="start"
          type="date"
          defaultValue={v.start ?? ""}
          error={e.start}
          required
        />
        <Field
          label={t("programs.end")}
          name="end"
          type="date"
          defaultValue={v.end ?? ""}
          error={e.end}
          required
        />
        <label className="field">
          <span>{t("programs.method")}</span>
          <select name="method" defaultValue={v.method ?? "all-units"}>
            <option value="all-units">{t("programs.allUnits")}</option>
            <option value="incremental">{t("programs.incremental")}</option>
          </select>
        </label>
        <Field
          label={t("programs.feeBps")}
          name="feeBps"
          type="number"
          min={0}
          max={10000}
          step={1}
          defaultValue={v.feeBps ?? String(defaultFeeBps)}
          error={e.feeBps}
          required
        />
        <TierEditor
          defaultValue={v.tiers ?? "0;100\n"}
          error={e.tiers}
          currency={v.currency ?? "USD"}
        />
        <Field
          label={t("programs.includeCategories")}
          name="includeCategories"
          defaultValue={v.includeCategories ?? ""}
          error={e.includeCategories}
        />
        <Field
          label={t("programs.excludeCategories")}
          name="excludeCategories"
          defaultValue={v.excludeCategories ?? ""}
          error={e.excludeCategories}
        />
        {e.form ? (
          <p className="alert" role="alert">
            {e.form}
          </p>
        ) : null}
        <button type="submit">{t("common.create")}</button>
      </Form>
    </>
  );
}
