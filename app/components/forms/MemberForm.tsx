// The member form, for creating and editing.
import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/context";
import { Field, type FieldErrors } from "./Field";

type MemberValues = Partial<
  Record<
    | "name"
    | "taxId"
    | "country"
    | "joinedOn"
    | "leftOn"
    | "bankName"
    | "bankAccount"
    | "bankHolder",
    string | null
  >
>;

export function MemberForm({ values, errors }: { values?: MemberValues; errors?: FieldErrors }) {
  const { t } = useI18n();
  const v = (k: keyof MemberValues) => values?.[k] ?? "";
  const e = errors ?? {};
  return (
    <Form method="post" className="grid2">
      <div>
        <Field
          label={t("common.name")}
          name="name"
          defaultValue={v("name")}
          error={e.name}
          required
        />
        <Field
          label={t("members.taxId")}
          name="taxId"
          defaultValue={v("taxId")}
          error={e.taxId}
          required
        />
        <Field
          label={t("common.country")}
          name="country"
          defaultValue={v("country")}
          error={e.country}
          required
          maxLength={2}
        />
        <Field
          label={t("members.joinedOn")}
          name="joinedOn"
          type="date"
          defaultValue={v("joinedOn")}
          error={e.joinedOn}
          required
        />
        <Field
          label={t("members.leftOn")}
          name="leftOn"
          type="date"
          defaultValue={v("leftOn")}
          error={e.leftOn}
        />
      </div>
      <div>
        <Field
          label={t("members.bankName")}
          name="bankName"
          defaultValue={v("bankName")}
          error={e.bankName}
        />
        <Field
          label={t("members.bankAccount")}
          name="bankAccount"
          defaultValue={v("bankAccount")}
          error={e.bankAccount}
        />
        <Field
          label={t("members.bankHolder")}
          name="bankHolder"
          defaultValue={v("bankHolder")}
          error={e.bankHolder}
        />
        {e.form ? (
          <p className="alert" role="alert">
            {e.form}
          </p>
        ) : null}
        <button type="submit">{t("common.save")}</button>
      </div>
    </Form>
  );
}
