import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { fieldErrors } from "~/components/forms/Field";
import { invalid } from "~/models/errors";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import {
  listReceivables,
  listSupplierPayments,
  recordSupplierPayment,
} from "~/models/receivables.server";
import { decimalToMinor, supplierPaymentInput } from "~/schemas/money";

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  return { receivables: listReceivables(), payments: listSupplierPayments() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  try {
    const program = listReceivables().find((r) => String(r.programId) === form.programId);
    const amountMinor = program ? decimalToMinor(form.amount ?? "", program.currency) : null;
    if (program && amountMinor === null) throw invalid("not_an_amount", { field: "amount" });
    const input = supplierPaymentInput.parse({ ...form, amountMinor });
    const payment = recordSupplierPayment(actor, input);
    return Response.json({ payment });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

type ActionData = {
  payment?: { reference: string; amountMinor: number; currency: string };
  message?: string;
  details?: unknown;
  values?: Record<string, string>;
};

export default function Receivables() {
  const { receivables, payments } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const { t, money, bps, date } = useI18n();
  const errors = fieldErrors(result?.details);
  const v = result?.payment ? {} : (result?.values ?? {});
  const ledger = (q: string) => `/admin/ledger?${q}`;
  return (
    <>
      <h1>{t("receivables.title")}</h1>
      {receivables.length === 0 ? <p>{t("common.none")}</p> : null}
      <table>
        <thead>
          <tr>
            <th>{t("receivables.supplier")}</th>
            <th>{t("receivables.program")}</th>
            <th>{t("statement.pooledVolume")}</th>
            <th>{t("statement.tier")}</th>
            <th>{t("receivables.posted")}</th>
            <th>{t("receivables.paid")}</th>
            <th>{t("receivables.owed")}</th>
          </tr>
        </thead>
        <tbody>
          {receivables.map((r) => {
            const account = `account=supplier_receivable:${r.supplierId}&programId=${r.programId}`;
            return (
              <tr key={r.programId} data-program={r.programId}>
                <td>{r.supplierName}</td>
                <td>{r.programName}</td>
                <td className="num">{money(r.pooledVolumeMinor, r.currency)}</td>
                <td className="num">
                  {r.tierIndex === null ? "—" : `${r.tierIndex + 1} · ${bps(r.rateBps ?? 0)}`}
                </td>
                <td className="num">
                  <Link to={ledger(`${account}&kind=allocation`)}>
                    {money(r.postedMinor, r.currency)}
                  </Link>
                </td>
                <td className="num">
                  <Link to={ledger(`${account}&kind=supplier_payment`)}>
                    {money(r.paidMinor, r.currency)}
                  </Link>
                </td>
                <td className="num" data-testid={`owed-${r.programId}`}>
                  <Link to={ledger(account)}>{money(r.owedMinor, r.currency)}</Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>{t("receivables.record")}</h2>
      {result?.payment ? (
        <p className="notice" role="status">
          {t("receivables.recorded", {
            reference: result.payment.reference,
            amount: money(result.payment.amountMinor, result.payment.currency),
          })}
        </p>
      ) : null}
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="toolbar" key={result?.payment ? payments[0]?.id : "form"}>
        <label className="field">
          <span>{t("receivables.program")}</span>
          <select name="programId" required defaultValue={v.programId ?? ""}>
            <option value="" disabled>
              —
            </option>
            {receivables.map((r) => (
              <option key={r.programId} value={r.programId}>
                {r.supplierName} · {r.programName} ({r.currency})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("receivables.amount")}</span>
          <input name="amount" inputMode="decimal" required defaultValue={v.amount ?? ""} />
          {errors.amountMinor || errors.amount ? (
            <em className="error">{errors.amountMinor ?? errors.amount}</em>
          ) : null}
        </label>
        <label className="field">
          <span>{t("receivables.receivedOn")}</span>
          <input
            type="date"
            name="receivedOn"
            required
            defaultValue={v.receivedOn ?? new Date().toISOString().slice(0, 10)}
          />
        </label>
        <label className="field">
          <span>{t("receivables.reference")}</span>
          <input name="reference" required defaultValue={v.reference ?? ""} />
        </label>
        <label className="field">
          <span>{t("receivables.overpaymentNote")}</span>
          <input name="overpaymentNote" defaultValue={v.overpaymentNote ?? ""} />
        </label>
        <button type="submit">{t("receivables.save")}</button>
      </Form>
      <h2>{t("receivables.payments")}</h2>
      {payments.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("receivables.receivedOn")}</th>
              <th>{t("receivables.supplier")}</th>
              <th>{t("receivables.program")}</th>
              <th>{t("receivables.reference")}</th>
              <th>{t("receivables.amount")}</th>
              <th>{t("receivables.note")}</th>
            </tr>
          </thead>
          <tbody>
            {payments.map((p) => (
              <tr key={p.id}>
                <td>{date(p.receivedOn)}</td>
                <td>{p.supplierName}</td>
                <td>{p.programName}</td>
                <td>{p.reference}</td>
                <td className="num">
                  <Link to={ledger(`paymentId=${p.id}`)}>{money(p.amountMinor, p.currency)}</Link>
                </td>
                <td>{p.overpaymentNote}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
