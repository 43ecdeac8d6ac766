import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { authorize } from "~/auth/authorize.server";
import { fieldErrors } from "~/components/forms/Field";
import { AmountInput } from "~/components/inputs/AmountInput";
import { SupplierFilter } from "~/components/forms/SupplierFilter";
import { ChoiceFilter, TextFilter } from "~/components/tables/FilterFields";
import { ListFilters } from "~/components/tables/ListFilters";
import { ListTable } from "~/components/tables/ListTable";
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

/** Both lists' page parameters: a download of either is every row. */
const PAGE_PARAMS = ["page", "rpage"];
/** An amount column: right-aligned, largest first. */
const AMOUNT = { className: "num", first: "desc" } as const;

export default function Receivables() {
  const { receivables, owed, payments, paid, programs, suppliers } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const { t, money, bps, date } = useI18n();
  const errors = fieldErrors(result?.details);
  const v = result?.payment ? {} : (result?.values ?? {});
  const ledger = (q: string) => `/admin/ledger?${q}`;
  const account = (r: { supplierId: number; programId: number }) =>
    `account=supplier_receivable:${r.supplierId}&programId=${r.programId}`;
  return (
    <>
      <h1>{t("receivables.title")}</h1>
      <ListFilters keep={["sort", "dir", "rsort", "rdir"]}>
        <TextFilter label={t("lists.search")} placeholder={t("lists.searchSupplierProgram")} />
        <SupplierFilter suppliers={suppliers} />
        <ChoiceFilter
          name="owing"
          label={t("receivables.owed")}
          all={t("lists.allPrograms")}
          choices={[{ value: "1", label: t("lists.owingOnly") }]}
        />
      </ListFilters>
      <ListTable
        testId="receivables"
        rows={receivables}
        list={owed}
        prefix="r"
        rowKey={(r) => r.programId}
        rowData={(r) => ({ "data-program": r.programId })}
        downloads="/admin/receivables/export"
        pageParams={PAGE_PARAMS}
        columns={[
          { label: t("receivables.supplier"), sort: "supplier", cell: (r) => r.supplierName },
          { label: t("receivables.program"), sort: "program", cell: (r) => r.programName },
          {
            label: t("statement.pooledVolume"),
            sort: "volume",
            ...AMOUNT,
            cell: (r) => money(r.pooledVolumeMinor, r.currency),
          },
          {
            label: t("statement.tier"),
            className: "num",
            cell: (r) =>
              r.tierIndex === null ? "—" : `${r.tierIndex + 1} · ${bps(r.rateBps ?? 0)}`,
          },
          {
            label: t("receivables.posted"),
            sort: "posted",
            ...AMOUNT,
            cell: (r) => (
              <Link to={ledger(`${account(r)}&kind=allocation`)}>
                {money(r.postedMinor, r.currency)}
              </Link>
            ),
          },
          {
            label: t("receivables.paid"),
            sort: "paid",
            ...AMOUNT,
            cell: (r) => (
              <Link to={ledger(`${account(r)}&kind=supplier_payment`)}>
                {money(r.paidMinor, r.currency)}
              </Link>
            ),
          },
          {
            label: t("receivables.owed"),
            sort: "owed",
            ...AMOUNT,
            cell: (r) => <Link to={ledger(account(r))}>{money(r.owedMinor, r.currency)}</Link>,
            td: (r) => ({ "data-testid": `owed-${r.programId}` }),
          },
        ]}
      />
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
      <ListTable
        testId="payments"
        rows={payments}
        list={paid}
        rowKey={(p) => p.id}
        rowData={(p) => ({ "data-payment": p.id })}
        downloads="/admin/receivables/payments/export"
        pageParams={PAGE_PARAMS}
        columns={[
          {
            label: t("receivables.receivedOn"),
            sort: "receivedOn",
            first: "desc",
            cell: (p) => date(p.receivedOn),
            td: () => ({ className: "nowrap" }),
          },
          { label: t("receivables.supplier"), sort: "supplier", cell: (p) => p.supplierName },
          { label: t("receivables.program"), sort: "program", cell: (p) => p.programName },
          { label: t("receivables.reference"), sort: "reference", cell: (p) => p.reference },
          {
            label: t("receivables.amount"),
            sort: "amount",
            ...AMOUNT,
            cell: (p) => (
              <Link to={ledger(`paymentId=${p.id}`)}>{money(p.amountMinor, p.currency)}</Link>
            ),
          },
          { label: t("receivables.note"), cell: (p) => p.overpaymentNote },
        ]}
      />
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
