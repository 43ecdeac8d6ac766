import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { Pager } from "~/components/tables/Pager";
import { oneOf, pageParams } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";
import { listJournalLines } from "~/models/journal-lines.server";
import { trialBalance } from "~/models/ledger.server";
import { isMonthKey } from "~/refunds/money";

/** A positive integer filter, or undefined for anything else (never a query on garbage). */
function idFilter(value: string | null): number | undefined {
  const id = Number(value?.trim() || Number.NaN);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { url, page, pageSize } = pageParams(request, 100);
  const get = (k: string) => url.searchParams.get(k)?.trim() || undefined;
  const month = get("month");
  const { rows, total } = listJournalLines(
    {
      account: get("account"),
      memberId: idFilter(url.searchParams.get("memberId")),
      supplierId: idFilter(url.searchParams.get("supplierId")),
      programId: idFilter(url.searchParams.get("programId")),
      month: isMonthKey(month) ? month : undefined,
      entryId: idFilter(url.searchParams.get("entryId")),
      payoutBatchId: idFilter(url.searchParams.get("batchId")),
      supplierPaymentId: idFilter(url.searchParams.get("paymentId")),
      kind: oneOf(url.searchParams.get("kind"), ["allocation", "supplier_payment", "payout"]),
    },
    page,
    pageSize,
  );
  const accounts = trialBalance();
  const totals: Record<string, number> = {};
  for (const a of accounts) totals[a.currency] = (totals[a.currency] ?? 0) + a.balanceMinor;
  return {
    rows,
    total,
    page,
    pageSize,
    trialBalance: {
      accounts,
      totals: Object.entries(totals).map(([currency, amountMinor]) => ({ currency, amountMinor })),
    },
  };
}

const KIND: Record<string, MessageKey> = {
  allocation: "ledger.kindAllocation",
  supplier_payment: "ledger.kindSupplierPayment",
  payout: "ledger.kindPayout",
};

export default function Ledger() {
  const { rows, total, page, pageSize, trialBalance } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, money } = useI18n();
  const filter = (name: string, label: MessageKey, extra: Record<string, unknown> = {}) => (
    <input
      name={name}
      placeholder={t(label)}
      aria-label={t(label)}
      defaultValue={params.get(name) ?? ""}
      {...extra}
    />
  );
  return (
    <>
      <h1>{t("ledger.title")}</h1>
      <h2>{t("ledger.trialBalance")}</h2>
      {trialBalance.accounts.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <table className="trial-balance">
          <thead>
            <tr>
              <th>{t("ledger.account")}</th>
              <th>{t("common.currency")}</th>
              <th>{t("ledger.balance")}</th>
            </tr>
          </thead>
          <tbody>
            {trialBalance.accounts.map((a) => (
              <tr key={`${a.currency} ${a.account}`}>
                <td>
                  <Link to={`?account=${encodeURIComponent(a.account)}`}>{a.account}</Link>
                </td>
                <td>{a.currency}</td>
                <td className="num">
                  <Link to={`?account=${encodeURIComponent(a.account)}`}>
                    {money(a.balanceMinor, a.currency)}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {trialBalance.totals.map((s) => (
              <tr key={s.currency}>
                <th scope="row">{t("ledger.total")}</th>
                <td>{s.currency}</td>
                <td className="num">
                  {money(s.amountMinor, s.currency)}{" "}
                  {s.amountMinor === 0 ? (
                    <span className="notice">{t("ledger.balanced")}</span>
                  ) : (
                    <strong className="alert" role="alert">
                      {t("ledger.unbalanced")}
                    </strong>
                  )}
                </td>
              </tr>
            ))}
          </tfoot>
        </table>
      )}
      <h2>{t("ledger.lines")}</h2>
      <Form method="get" className="toolbar">
        {filter("account", "ledger.account")}
        {filter("memberId", "ledger.memberId", { type: "number", min: 1, step: 1 })}
        {filter("supplierId", "ledger.supplierId", { type: "number", min: 1, step: 1 })}
        {filter("programId", "ledger.programId", { type: "number", min: 1, step: 1 })}
        {filter("month", "ledger.month", { type: "month" })}
        {filter("entryId", "ledger.entryId", { type: "number", min: 1, step: 1 })}
        {filter("batchId", "ledger.batchId", { type: "number", min: 1, step: 1 })}
        {filter("paymentId", "ledger.paymentId", { type: "number", min: 1, step: 1 })}
        {params.get("kind") ? (
          <input type="hidden" name="kind" value={params.get("kind")!} />
        ) : null}
        <button type="submit">{t("common.filter")}</button>
      </Form>
      <table>
        <thead>
          <tr>
            <th>{t("ledger.entry")}</th>
            <th>{t("ledger.date")}</th>
            <th>{t("ledger.kind")}</th>
            <th>{t("ledger.memo")}</th>
            <th>{t("ledger.account")}</th>
            <th>{t("common.currency")}</th>
            <th>{t("ledger.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="num">
                <Link to={`?entryId=${r.entryId}`}>{r.entryId}</Link>
              </td>
              <td>{r.createdAt.replace("T", " ").slice(0, 19)}</td>
              <td>
                {KIND[r.kind] ? t(KIND[r.kind]) : r.kind}
                {r.payoutBatchId ? (
                  <>
                    {" "}
                    <Link to={`/admin/payouts/${r.payoutBatchId}`}>#{r.payoutBatchId}</Link>
                  </>
                ) : null}
              </td>
              <td>{r.memo}</td>
              <td>{r.account}</td>
              <td>{r.currency}</td>
              <td className="num">{money(r.amountMinor, r.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p>{t("common.none")}</p> : null}
      <Pager page={page} pageSize={pageSize} total={total} />
    </>
  );
}
