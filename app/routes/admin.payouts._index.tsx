import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useSearchParams,
} from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { PayoutStatus } from "~/components/money/PayoutStatus";
import { Downloads } from "~/components/tables/Downloads";
import { ListFilters } from "~/components/tables/ListFilters";
import { Pager } from "~/components/tables/Pager";
import { SortHeader } from "~/components/tables/SortHeader";
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
  const [params] = useSearchParams();
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
        <label>
          {t("payouts.reference")}
          <input type="search" name="q" defaultValue={params.get("q") ?? ""} />
        </label>
        <label>
          {t("payouts.status")}
          <select name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">{t("lists.allStatuses")}</option>
            {PAYOUT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_LABEL[s])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("payouts.currency")}
          <select name="currency" defaultValue={params.get("currency") ?? ""}>
            <option value="">{t("lists.allCurrencies")}</option>
            {currencies.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
      </ListFilters>
      <Downloads path="/admin/payouts/export" />
      {batches.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="batches">
            <thead>
              <tr>
                <SortHeader column="reference" label={t("payouts.reference")} sorted={sorted} />
                <SortHeader
                  column="createdAt"
                  label={t("payouts.created")}
                  sorted={sorted}
                  first="desc"
                />
                <SortHeader column="status" label={t("payouts.status")} sorted={sorted} />
                <SortHeader
                  column="lines"
                  label={t("payouts.lines")}
                  sorted={sorted}
                  className="num"
                  first="desc"
                />
                <SortHeader
                  column="total"
                  label={t("payouts.total")}
                  sorted={sorted}
                  className="num"
                  first="desc"
                />
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} data-batch={b.id}>
                  <td>
                    <Link to={`/admin/payouts/${b.id}`}>{b.reference}</Link>
                  </td>
                  <td className="nowrap">{date(b.createdAt)}</td>
                  <td>
                    <PayoutStatus status={b.status} />
                  </td>
                  <td className="num">{b.lines}</td>
                  <td className="num">{money(b.totalMinor, b.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageSize={pageSize} total={total} />
    </>
  );
}
