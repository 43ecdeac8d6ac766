// The program form (supplier, dates, method, fee, tiers, categories), for creating and editing.
import { Form } from "@remix-run/react";
import { TierEditor } from "~/components/charts/TierEditor";
import { useI18n } from "~/i18n/context";
import { Field, fieldErrors, type FieldErrors } from "./Field";

export type ProgramFormValues = Partial<Record<string, string>>;

export function ProgramForm({
  suppliers,
  values: v,
  errors: e,
  defaultFeeBps,
  intent,
}: {
  suppliers: { id: number; name: string; currency: string }[];
  values: ProgramFormValues;
  errors: FieldErrors;
  defaultFeeBps: number;
  intent: "create" | "edit";
}) {
  const { t } = useI18n();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
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
      <button type="submit">{t(intent === "create" ? "common.create" : "common.save")}</button>
    </Form>
  );
}

/** Field errors, with every tier problem ("tiers.1.rateBps", "tiers") gathered under "tiers". */
export function programErrors(details: unknown) {
  const errors = fieldErrors(details);
  if (Array.isArray(details)) {
    const tierProblems = (details as { path: string; message: string }[])
      .filter((d) => d.path.startsWith("tiers"))
      .map((d) => (d.path === "tiers" ? d.message : `${d.path}: ${d.message}`));
    if (tierProblems.length) errors.tiers = tierProblems.join(" ");
  }
  return errors;
}
