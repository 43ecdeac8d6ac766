import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { AccountName } from "~/components/books/AccountName";
import { Downloads } from "~/components/tables/Downloads";
import { EntrySource } from "~/components/books/EntrySource";
import { Pager } from "~/components/tables/Pager";
import { ledgerFilter } from "~/http/ledger-books.server";
import { pageParams } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";
import { pageTitle } from "~/i18n/page-title";
import {
  accountBalances,
  ledgerCurrencies,
  ledgerLines,
  trialBalanceByKind,
} from "~/models/ledger-book.server";
import booksStyles from "~/styles/books.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: booksStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "ledger.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { url, page, pageSize } = pageParams(request, 100);
  const filter = ledgerFilter(url);
  const { rows, total } = ledgerLines(filter, page, pageSize);
  const accountsPage = Math.max(1, Number.parseInt(url.searchParams.get("apage") ?? "1", 10) || 1);
  const balances = accountBalances(filter.q, accountsPage, 50);
  const byKind = trialBalanceByKind();
  return {
    rows,
    total,
    page,
    pageSize,
    currencies: ledgerCurrencies(),
    trialBalance: {
      byKind: byKind.rows,
      totals: byKind.totals,
      accounts: balances.rows,
      names: balances.names,
      accountsTotal: balances.total,
      accountsPage,
    },
  };
}

const KIND: Record<string, MessageKey> = {
  allocation: "ledger.kindAllocation",
  supplier_payment: "ledger.kindSupplierPayment",
  payout: "ledger.kindPayout",
};

const ACCOUNT_KIND: Record<string, MessageKey> = {
  member: "books.kindMembers",
  supplier: "books.kindSuppliers",
  fee: "books.accountFee",
  cash: "books.kindCash",
  other: "books.kindOther",
};

export default function Ledger() {
  const { rows, total, page, pageSize, currencies, trialBalance } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, plural, money, dateTime, month } = useI18n();
  const narrowed = [
    "account",
    "memberId",
    "supplierId",
    "programId",
    "runId",
    "batchId",
    "paymentId",
    "entryId",
  ].filter((k) => params.get(k));
  return (
    <>
      <h1>{t("ledger.title")}</h1>
      <h2>{t("ledger.trialBalance")}</h2>
      {trialBalance.totals.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="trial-balance" data-testid="trial-balance">
            <thead>
              <tr>
                <th scope="col">{t("ledger.account")}</th>
                <th scope="col">{t("common.currency")}</th>
                <th scope="col" className="num">
                  {t("ledger.balance")}
                </th>
              </tr>
            </thead>
            <tbody>
              {trialBalance.byKind.map((k) => (
                <tr key={`${k.currency} ${k.kind}`} data-kind={k.kind} data-currency={k.currency}>
                  <th scope="row">
                    {t(ACCOUNT_KIND[k.kind])}{" "}
                    {k.kind === "member" || k.kind === "supplier" ? (
                      <span className="muted">{plural("books.accountsCount", k.accounts)}</span>
                    ) : null}
                  </th>
                  <td>{k.currency}</td>
                  <td className="num nowrap">{money(k.balanceMinor, k.currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {trialBalance.totals.map((s) => (
                <tr key={s.currency}>
                  <th scope="row">{t("ledger.total")}</th>
                  <td>{s.currency}</td>
                  <td className="num nowrap">
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
        </div>
      )}
      <Form method="get" className="filters" data-testid="ledger-filters">
        <label>
          {t("books.searchName")}
          <input
            type="search"
            name="q"
            defaultValue={params.get("q") ?? ""}
            placeholder={t("books.searchNameHint")}
          />
        </label>
        <label>
          {t("ledger.kind")}
          <select name="kind" defaultValue={params.get("kind") ?? ""}>
            <option value="">{t("books.allKinds")}</option>
            {Object.entries(KIND).map(([value, key]) => (
              <option key={value} value={value}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("ledger.month")}
          <input type="month" name="month" defaultValue={params.get("month") ?? ""} />
        </label>
        <label>
          {t("common.currency")}
          <select name="currency" defaultValue={params.get("currency") ?? ""}>
            <option value="">{t("books.allCurrencies")}</option>
            {currencies.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        {narrowed.map((k) => (
          <input key={k} type="hidden" name={k} value={params.get(k)!} />
        ))}
        <button type="submit">{t("common.filter")}</button>
        {params.toString() ? <Link to="/admin/ledger">{t("books.clearFilters")}</Link> : null}
      </Form>
      <h2>{t("books.accounts")}</h2>
      <div className="table-scroll">
        <table data-testid="account-balances">
          <thead>
            <tr>
              <th scope="col">{t("ledger.account")}</th>
              <th scope="col" className="num">
                {t("ledger.balance")}
              </th>
            </tr>
          </thead>
          <tbody>
            {trialBalance.accounts.map((a) => (
              <tr key={`${a.currency} ${a.account}`} data-account={a.account}>
                <th scope="row">
                  <AccountName account={trialBalance.names[a.account]} />{" "}
                  <Link to={`?account=${encodeURIComponent(a.account)}`} className="muted">
                    {t("books.seeLines")}
                  </Link>
                </th>
                <td className="num nowrap">{money(a.balanceMinor, a.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        page={trialBalance.accountsPage}
        pageSize={50}
        total={trialBalance.accountsTotal}
        param="apage"
      />
      <h2>{t("ledger.lines")}</h2>
      <Downloads path="/admin/ledger/export" />
      <div className="table-scroll">
        <table data-testid="ledger-lines">
          <thead>
            <tr>
              <th scope="col">{t("ledger.date")}</th>
              <th scope="col">{t("books.source")}</th>
              <th scope="col">{t("ledger.account")}</th>
              <th scope="col" className="num">
                {t("books.debit")}
              </th>
              <th scope="col" className="num">
                {t("books.credit")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-entry={r.entryId} data-account={r.account}>
                <td>
                  <Link to={`?entryId=${r.entryId}`} className="nowrap">
                    {dateTime(r.createdAt)}
                  </Link>
                  <br />
                  <span className="muted">
                    {t(KIND[r.kind])}
                    {r.month ? ` · ${month(r.month)}` : ""}
                  </span>
                </td>
                <td>
                  <EntrySource source={r.source} />
                </td>
                <td>
                  <AccountName account={r.named} />
                </td>
                <td className="num nowrap" data-debit>
                  {r.amountMinor > 0 ? money(r.amountMinor, r.currency) : ""}
                </td>
                <td className="num nowrap" data-credit>
                  {r.amountMinor < 0 ? money(-r.amountMinor, r.currency) : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p>{t("common.none")}</p> : null}
      <Pager page={page} pageSize={pageSize} total={total} />
    </>
  );
}
