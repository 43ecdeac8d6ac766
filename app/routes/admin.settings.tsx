import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { authorize } from "~/auth/authorize.server";
import { Field, fieldErrors } from "~/components/forms/Field";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import {
  getSettings,
  listPayoutMinimums,
  saveSettingsAsAdmin,
  setPayoutMinimumAsAdmin,
} from "~/models/settings.server";
import { currencyCode, settingsInput } from "~/schemas/parties";
import { MAX_AMOUNT_MINOR } from "~/schemas/ranges";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  return { settings: getSettings(), minimums: listPayoutMinimums() };
}

const minimumInput = z.object({
  currency: currencyCode,
  amountMinor: z.coerce.number().int().min(0).max(MAX_AMOUNT_MINOR, "amount_too_large"),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent === "minimum") {
      setPayoutMinimumAsAdmin(actor, minimumInput.parse(form));
    } else {
      saveSettingsAsAdmin(actor, settingsInput.parse(form));
    }
    return Response.json({ saved: true });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function Settings() {
  const { settings, minimums } = useLoaderData<typeof loader>();
  const result = useActionData<{ saved?: boolean; message?: string; details?: unknown }>();
  const { t, money } = useI18n();
  const errors = fieldErrors(result?.details);
  return (
    <>
      <h1>{t("settings.title")}</h1>
      {result?.saved ? (
        <p className="notice" role="status">
          {t("common.saved")}
        </p>
      ) : null}
      {result?.message && !result.saved ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      <Form method="post" key={settings.updatedAt}>
        <Field
          label={t("common.name")}
          name="name"
          defaultValue={settings.name}
          error={errors.name}
          required
        />
        <Field
          label={t("settings.baseCurrency")}
          name="baseCurrency"
          defaultValue={settings.baseCurrency}
          error={errors.baseCurrency}
          required
        />
        <Field
          label={t("settings.defaultFee")}
          name="defaultFeeBps"
          type="number"
          defaultValue={settings.defaultFeeBps}
          error={errors.defaultFeeBps}
          required
        />
        <Field
          label={t("settings.claimDeadlineDays")}
          name="claimDeadlineDays"
          type="number"
          min={1}
          max={90}
          defaultValue={settings.claimDeadlineDays}
          error={errors.claimDeadlineDays}
          hint={t("settings.claimDeadlineHint")}
          required
        />
        <Field
          label={t("settings.reportDueDay")}
          name="reportDueDay"
          type="number"
          min={1}
          max={28}
          defaultValue={settings.reportDueDay}
          error={errors.reportDueDay}
          hint={t("settings.reportDueHint")}
          required
        />
        <label className="field">
          <span>
            <input type="checkbox" name="fourEyes" defaultChecked={settings.fourEyes} />{" "}
            {t("settings.fourEyes")}
          </span>
        </label>
        <button type="submit">{t("common.save")}</button>
      </Form>
      <h2>{t("settings.minimumPayout")}</h2>
      <ul>
        {minimums.map((m) => (
          <li key={m.currency}>{money(m.amountMinor, m.currency)}</li>
        ))}
      </ul>
      <Form method="post" className="toolbar">
        <input type="hidden" name="intent" value="minimum" />
        <Field label={t("common.currency")} name="currency" maxLength={3} required />
        <Field
          label={`${t("settings.minimumPayout")} (minor units)`}
          name="amountMinor"
          type="number"
          min={0}
          required
        />
        <button type="submit">{t("common.save")}</button>
      </Form>
    </>
  );
}
