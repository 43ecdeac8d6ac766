import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { authorize } from "~/auth/authorize.server";
import { fieldErrors } from "~/components/forms/Field";
import { AmountInput } from "~/components/inputs/AmountInput";
import { SupplierFilter } from "~/components/forms/SupplierFilter";
import { Downloads } from "~/components/tables/Downloads";
import { ListFilters } from "~/components/tables/ListFilters";
import { Pager } from "~/components/tables/Pager";
import { SortHeader } from "~/components/tables/SortHeader";
import { paymentList, receivableList } from "~/http/money-lists.server";
import { findReceivables, findSupplierPayments } from "~/models/admin-lists.server";
import { invalid } from "~/models/errors";
import { listSuppliers } from "~/models/suppliers.server";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { listReceivables, recordSupplierPayment } from "~/models/receivables.server";
import { decimalToMinor, supplierPaymentInput } from "~/schemas/money";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "receivables.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const owed = receivableList(request);
  const paid = paymentList(request);
  const receivables = findReceivables(owed.filter, owed.list.sorted, owed.list.paging);
  const payments = findSupplierPayments(paid.filter, paid.list.sorted, paid.list.paging);
  return {
    receivables: receivables.rows,
    owed: { total: receivables.total, ...owed.list.state },
    payments: payments.rows,
    paid: { total: payments.total, ...paid.list.state },
    // Every program, for the payment form (a consortium has tens of them, not thousands).
    programs: listReceivables().map((r) => ({
      programId: r.programId,
      programName: r.programName,
      supplierName: r.supplierName,
      currency: r.currency,
    })),
    suppliers: listSuppliers().map((s) => ({ id: s.id, name: s.name })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData()) as Record<string, string>;
  try {
    const program = listReceivables().find((r) => String(r.programId) === form.programId);
    // The screen's AmountInput posts minor units read in the admin's own format ("5.303,21" in
    // es-CO, "5,303.21" in es-MX); a plain "5303.21" in `amount` is still read for other clients.
    const typed = (form.amountMinor ?? "").trim();
    const amountMinor = /^-?\d{1,17}$/.test(typed)
      ? Number(typed)
      : program
        ? decimalToMinor(form.amount ?? "", program.currency)
        : null;
    // The refusal names the field the client sent (the screen's minor units, or `amount`).
    const field = form.amountMinor !== undefined ? "amountMinor" : "amount";
    if (program && amountMinor === null) throw invalid("not_an_amount", { field });
    const input = supplierPaymentInput.parse({ ...form, amountMinor });
    const payment = recordSupplierPayment(actor, input);
    return Response.json({ payment, supplier: program?.supplierName ?? "" });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

type ActionData = {
  payment?: { reference: string; amountMinor: number; currency: string };
  supplier?: string;
  message?: string;
  details?: unknown;
  values?: Record<string, string>;
};

export default function Receivables() {
  const { receivables, owed, payments, paid, programs, suppliers } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const result = useActionData<ActionData>();
  const { t, money, bps, date } = useI18n();
  const errors = fieldErrors(result?.details);
  const v = result?.payment ? {} : (result?.values ?? {});
  const ledger = (q: string) => `/admin/ledger?${q}`;
  return (
    <>
      <h1>{t("receivables.title")}</h1>
      <ListFilters keep={["sort", "dir", "rsort", "rdir"]}>
        <label>
          {t("lists.search")}
          <input
            type="search"
            name="q"
            defaultValue={params.get("q") ?? ""}
            placeholder={t("lists.searchSupplierProgram")}
          />
        </label>
        <SupplierFilter suppliers={suppliers} selected={params.get("supplierId")} />
        <label>
          {t("receivables.owed")}
          <select name="owing" defaultValue={params.get("owing") ?? ""}>
            <option value="">{t("lists.allPrograms")}</option>
            <option value="1">{t("lists.owingOnly")}</option>
          </select>
        </label>
      </ListFilters>
      <Downloads path="/admin/receivables/export" pageParams={["page", "rpage"]} />
      {receivables.length === 0 ? <p>{t("common.none")}</p> : null}
      <div className="table-scroll">
        <table data-testid="receivables">
          <thead>
            <tr>
              <SortHeader
                column="supplier"
                label={t("receivables.supplier")}
                sorted={owed.sorted}
                prefix="r"
              />
              <SortHeader
                column="program"
                label={t("receivables.program")}
                sorted={owed.sorted}
                prefix="r"
              />
              <SortHeader
                column="volume"
                label={t("statement.pooledVolume")}
                sorted={owed.sorted}
                prefix="r"
                className="num"
                first="desc"
              />
              <th scope="col" className="num">
                {t("statement.tier")}
              </th>
              <SortHeader
                column="posted"
                label={t("receivables.posted")}
                sorted={owed.sorted}
                prefix="r"
                className="num"
                first="desc"
              />
              <SortHeader
                column="paid"
                label={t("receivables.paid")}
                sorted={owed.sorted}
                prefix="r"
                className="num"
                first="desc"
              />
              <SortHeader
                column="owed"
                label={t("receivables.owed")}
                sorted={owed.sorted}
                prefix="r"
                className="num"
                first="desc"
              />
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
      </div>
      <Pager page={owed.page} pageSize={owed.pageSize} total={owed.total} param="rpage" />
      <h2>{t("receivables.record")}</h2>
      {result?.payment ? (
        <p className="notice" role="status">
          {t("lists.paymentRecorded", {
            reference: result.payment.reference,
            supplier: result.supplier ?? "",
            amount: money(result.payment.amountMinor, result.payment.currency),
          })}
        </p>
      ) : null}
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      <PaymentForm
        key={result?.payment ? payments[0]?.id : "form"}
        receivables={programs}
        values={v}
        error={errors.amountMinor ?? errors.amount}
      />
      <h2>{t("receivables.payments")}</h2>
      <Downloads path="/admin/receivables/payments/export" pageParams={["page", "rpage"]} />
      {payments.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="payments">
            <thead>
              <tr>
                <SortHeader
                  column="receivedOn"
                  label={t("receivables.receivedOn")}
                  sorted={paid.sorted}
                  first="desc"
                />
                <SortHeader
                  column="supplier"
                  label={t("receivables.supplier")}
                  sorted={paid.sorted}
                />
                <SortHeader
                  column="program"
                  label={t("receivables.program")}
                  sorted={paid.sorted}
                />
                <SortHeader
                  column="reference"
                  label={t("receivables.reference")}
                  sorted={paid.sorted}
                />
                <SortHeader
                  column="amount"
                  label={t("receivables.amount")}
                  sorted={paid.sorted}
                  className="num"
                  first="desc"
                />
                <th scope="col">{t("receivables.note")}</th>
              </tr>
            </thead>
            <tbody>
              {payments.map((p) => (
                <tr key={p.id} data-payment={p.id}>
                  <td className="nowrap">{date(p.receivedOn)}</td>
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
        </div>
      )}
      <Pager page={paid.page} pageSize={paid.pageSize} total={paid.total} />
    </>
  );
}

type Receivable = ReturnType<typeof useLoaderData<typeof loader>>["programs"][number];

/** The payment form; the amount is typed in the admin's format, in the chosen program's currency. */
function PaymentForm({
  receivables,
  values: v,
  error,
}: {
  receivables: Receivable[];
  values: Record<string, string>;
  error?: string;
}) {
  const { t } = useI18n();
  const [programId, setProgramId] = useState(v.programId ?? "");
  const currency =
    receivables.find((r) => String(r.programId) === programId)?.currency ??
    receivables[0]?.currency ??
    "USD";
  const typedMinor = /^-?\d{1,17}$/.test(v.amountMinor ?? "") ? Number(v.amountMinor) : null;
  return (
    <Form method="post" className="toolbar">
      <label className="field">
        <span>{t("receivables.program")}</span>
        <select
          name="programId"
          required
          value={programId}
          onChange={(e) => setProgramId(e.target.value)}
        >
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
      <AmountInput
        name="amountMinor"
        label={t("receivables.amount")}
        currency={currency}
        defaultMinor={typedMinor}
        required
        error={error}
      />
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
  );
}
