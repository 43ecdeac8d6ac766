import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, redirect, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { PayoutStatus } from "~/components/money/PayoutStatus";
import { ChoiceFilter, TextFilter } from "~/components/tables/FilterFields";
import { ListFilters } from "~/components/tables/ListFilters";
import { ListTable } from "~/components/tables/ListTable";
import { formFailure } from "~/http/forms.server";
import { batchList } from "~/http/money-lists.server";
import { findBatches } from "~/models/admin-lists.server";
import { useI18n } from "~/i18n/context";
import { buildBatch, payoutCurrencies } from "~/models/payouts.server";
import { listPayoutMinimums } from "~/models/settings.server";
import { batchBuildInput } from "~/schemas/money";
import { pageTitle } from "~/i18n/page-title";
import type { MessageKey } from "~/i18n/locale";
import { PAYOUT_STATUSES } from "@db/schema";

const STATUS_LABEL: Record<(typeof PAYOUT_STATUSES)[number], MessageKey> = {
  draft: "payouts.statusDraft",
  approved: "payouts.statusApproved",
  paid: "payouts.statusPaid",
  cancelled: "payouts.statusCancelled",
};

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "payouts.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { list, filter } = batchList(request);
  const { rows, total } = findBatches(filter, list.sorted, list.paging);
  return {
    batches: rows,
    total,
    ...list.state,
    currencies: payoutCurrencies(),
    minimums: listPayoutMinimums(),
  };
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
  const { batches, total, page, pageSize, sorted, currencies, minimums } =
    useLoaderData<typeof loader>();
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
      <h2>{t("lists.batches")}</h2>
      <ListFilters>
        <TextFilter label={t("payouts.reference")} />
        <ChoiceFilter
          name="status"
          label={t("payouts.status")}
          all={t("lists.allStatuses")}
          choices={PAYOUT_STATUSES.map((s) => ({ value: s, label: t(STATUS_LABEL[s]) }))}
        />
        <ChoiceFilter
          name="currency"
          label={t("payouts.currency")}
          all={t("lists.allCurrencies")}
          choices={currencies}
        />
      </ListFilters>
      <ListTable
        testId="batches"
        rows={batches}
        list={{ total, page, pageSize, sorted }}
        rowKey={(b) => b.id}
        rowData={(b) => ({ "data-batch": b.id })}
        downloads="/admin/payouts/export"
        columns={[
          {
            label: t("payouts.reference"),
            sort: "reference",
            cell: (b) => <Link to={`/admin/payouts/${b.id}`}>{b.reference}</Link>,
          },
          {
            label: t("payouts.created"),
            sort: "createdAt",
            first: "desc",
            cell: (b) => date(b.createdAt),
            td: () => ({ className: "nowrap" }),
          },
          {
            label: t("payouts.status"),
            sort: "status",
            cell: (b) => <PayoutStatus status={b.status} />,
          },
          {
            label: t("payouts.lines"),
            sort: "lines",
            className: "num",
            first: "desc",
            cell: (b) => b.lines,
          },
          {
            label: t("payouts.total"),
            sort: "total",
            className: "num",
            first: "desc",
            cell: (b) => money(b.totalMinor, b.currency),
          },
        ]}
      />
    </>
  );
}
