// The supplier form, for creating and editing.
import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/context";
import { Field, type FieldErrors } from "./Field";

type Values = {
  name?: string;
  currency?: string;
  dateOrder?: string;
  language?: string;
  /** One per line (SPEC 5.2: the tax ids its invoices are issued under). */
  taxIds?: string;
};

export function SupplierForm({
  values,
  errors,
  intent,
}: {
  values?: Values;
  errors?: FieldErrors;
  intent: string;
}) {
  const { t } = useI18n();
  const e = errors ?? {};
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <Field
        label={t("common.name")}
        name="name"
        defaultValue={values?.name ?? ""}
        error={e.name}
        required
      />
      <Field
        label={t("common.currency")}
        name="currency"
        defaultValue={values?.currency ?? ""}
        error={e.currency}
        required
        maxLength={3}
      />
      <label className="field">
        <span>{t("suppliers.dateOrder")}</span>
        <select name="dateOrder" defaultValue={values?.dateOrder ?? "dmy"}>
          <option value="dmy">dd/mm/yyyy</option>
          <option value="mdy">mm/dd/yyyy</option>
        </select>
      </label>
      <label className="field">
        <span>{t("common.language")}</span>
        <select name="language" defaultValue={values?.language ?? "es"}>
          <option value="es">Español</option>
          <option value="pt-BR">Português</option>
          <option value="en">English</option>
        </select>
      </label>
      <label className="field">
        <span>{t("claims.taxIds")}</span>
        <textarea name="taxIds" rows={3} defaultValue={values?.taxIds ?? ""} maxLength={1000} />
        {e.taxIds ? <em className="error">{e.taxIds}</em> : null}
      </label>
      {e.form ? (
        <p className="alert" role="alert">
          {e.form}
        </p>
      ) : null}
      <button type="submit">{t("common.save")}</button>
    </Form>
  );
}
