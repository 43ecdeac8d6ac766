import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { Field, fieldErrors } from "~/components/forms/Field";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { listFxRates, upsertFxRates } from "~/models/fx-rates.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "fx.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  return { rates: listFxRates() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData());
  try {
    const [rate] = upsertFxRates(actor, [form]);
    return Response.json({ saved: `${rate.month} ${rate.from} ${rate.to}` });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function FxRates() {
  const { rates } = useLoaderData<typeof loader>();
  const result = useActionData<{
    saved?: string;
    details?: unknown;
    values?: Record<string, string>;
  }>();
  const { t, month } = useI18n();
  // The form sends one rate as a list of one: "0.rate" is this form's "rate".
  const e = Object.fromEntries(
    Object.entries(fieldErrors(result?.details)).map(([path, message]) => [
      path.replace(/^0\./, ""),
      message,
    ]),
  );
  const v: Record<string, string> = result?.saved ? {} : (result?.values ?? {});
  return (
    <>
      <h1>{t("fx.title")}</h1>
      {rates.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("fx.month")}</th>
              <th>{t("fx.from")}</th>
              <th>{t("fx.to")}</th>
              <th>{t("fx.rate")}</th>
              <th>{t("fx.updatedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {rates.map((r) => (
              <tr key={`${r.month} ${r.from} ${r.to}`}>
                <td>{month(r.month)}</td>
                <td>{r.from}</td>
                <td>{r.to}</td>
                <td className="num">{r.rate}</td>
                <td>{r.updatedAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("fx.new")}</h2>
      {result?.saved ? (
        <p className="notice" role="status">
          {t("common.saved")}
        </p>
      ) : null}
      <Form method="post" key={result?.saved}>
        <Field
          label={t("fx.month")}
          name="month"
          type="month"
          placeholder="YYYY-MM"
          defaultValue={v.month ?? ""}
          error={e.month}
          required
        />
        <Field
          label={t("fx.from")}
          name="from"
          defaultValue={v.from ?? ""}
          error={e.from}
          required
          maxLength={3}
        />
        <Field
          label={t("fx.to")}
          name="to"
          defaultValue={v.to ?? ""}
          error={e.to}
          required
          maxLength={3}
        />
        <Field
          label={t("fx.rate")}
          name="rate"
          inputMode="decimal"
          placeholder="0.180196"
          defaultValue={v.rate ?? ""}
          error={e.rate}
          required
        />
        <small>{t("fx.rateHelp")}</small>
        {e.form ? (
          <p className="alert" role="alert">
            {e.form}
          </p>
        ) : null}
        <button type="submit">{t("common.save")}</button>
      </Form>
    </>
  );
}
