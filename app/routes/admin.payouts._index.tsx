import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, redirect, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { PayoutStatus } from "~/components/money/PayoutStatus";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { buildBatch, listBatches, payoutCurrencies } from "~/models/payouts.server";
import { listPayoutMinimums } from "~/models/settings.server";
import { batchBuildInput } from "~/schemas/money";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "payouts.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  return { batches: listBatches(), currencies: payoutCurrencies(), minimums: listPayoutMinimums() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData());
  try {
    const batch = buildBatch(actor, batchBuildInput.parse(form));
    return redirect(`/admin/payouts/${batch.id}?built=1`);
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function Payouts() {
  const { batches, currencies, minimums } = useLoaderData<typeof loader>();
  const result = useActionData<{ message?: string; values?: Record<string, string> }>();
  const { t, money, date } = useI18n();
  const minimum = (c: string) => {
    const m = minimums.find((x) => x.currency === c);
    return m ? money(m.amountMinor, c) : t("payouts.noMinimum");
  };
  return (
    <>
      <h1>{t("payouts.title")}</h1>
      <h2>{t("payouts.build")}</h2>
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="toolbar">
        <label className="field">
          <span>{t("payouts.currency")}</span>
          <select name="currency" required defaultValue={result?.values?.currency ?? currencies[0]}>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c} · {minimum(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("payouts.referenceHint")}</span>
          <input name="reference" maxLength={60} defaultValue={result?.values?.reference ?? ""} />
        </label>
        <button type="submit">{t("payouts.build")}</button>
      </Form>
      <p>
        {t("payouts.buildHint", {
          minimum: currencies.map((c) => `${c} ${minimum(c)}`).join(", ") || "—",
        })}
      </p>
      {batches.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("payouts.reference")}</th>
              <th>{t("payouts.created")}</th>
              <th>{t("payouts.status")}</th>
              <th>{t("payouts.lines")}</th>
              <th>{t("payouts.total")}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id}>
                <td>
                  <Link to={`/admin/payouts/${b.id}`}>{b.reference}</Link>
                </td>
                <td>{date(b.createdAt)}</td>
                <td>
                  <PayoutStatus status={b.status} />
                </td>
                <td className="num">{b.lines}</td>
                <td className="num">{money(b.totalMinor, b.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
