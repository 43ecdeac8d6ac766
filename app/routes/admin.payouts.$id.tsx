import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { authorize } from "~/auth/authorize.server";
import { PayoutStatus } from "~/components/money/PayoutStatus";
import { ListFilters } from "~/components/tables/ListFilters";
import { Pager } from "~/components/tables/Pager";
import { SortHeader } from "~/components/tables/SortHeader";
import { formFailure } from "~/http/forms.server";
import { batchLineList } from "~/http/money-lists.server";
import { findBatchLines } from "~/models/admin-lists.server";
import { orRefusal } from "~/http/refusals.server";
import { idParam } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";
import {
  approveBatch,
  cancelBatch,
  carriedForward,
  dropLine,
  getBatch,
  payBatch,
} from "~/models/payouts.server";
import { getSettings } from "~/models/settings.server";
import { batchDropInput } from "~/schemas/money";
import { pageTitle } from "~/i18n/page-title";
import { BankCheck } from "~/components/books/BankCheck";
import booksStyles from "~/styles/books.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: booksStyles }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "payouts.batch", { reference: data?.batch.reference ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const batch = orRefusal(request, () => getBatch(idParam(params.id)));
  const open = batch.status === "draft" || batch.status === "approved";
  // The lines a page at a time, sorted and filtered in SQL; the counts from the whole batch.
  const { list, filter } = batchLineList(request);
  const lines = findBatchLines(batch.id, filter, list.sorted, list.paging);
  const { lines: all, ...figures } = batch;
  return {
    batch: {
      ...figures,
      kept: all.filter((l) => !l.dropped).length,
      invalid: all.filter((l) => !l.dropped && !l.bank.ok).length,
    },
    lines: lines.rows,
    linesTotal: lines.total,
    ...list.state,
    carried: open ? carriedForward(batch) : [],
    fourEyes: getSettings().fourEyes,
    me: actor.id,
  };
}

const intent = z.enum(["drop", "approve", "pay", "cancel"]);

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const id = idParam(params.id);
  const form = Object.fromEntries(await request.formData());
  try {
    const what = intent.parse(form.intent);
    const memberId = what === "drop" ? batchDropInput.parse(form).memberId : null;
    if (memberId !== null) dropLine(actor, id, memberId);
    else if (what === "approve") approveBatch(actor, id);
    else if (what === "pay") payBatch(actor, id);
    else cancelBatch(actor, id);
    const batch = getBatch(id);
    const dropped = batch.lines.find((l) => l.memberId === memberId);
    // What the confirmation says happened: the batch's figures after the action.
    return Response.json({
      done: what,
      status: batch.status,
      reference: batch.reference,
      currency: batch.currency,
      totalMinor: batch.totalMinor,
      lines: batch.lines.filter((l) => !l.dropped).length,
      paidAt: batch.paidAt,
      member: dropped ? { name: dropped.memberName, amountMinor: dropped.amountMinor } : null,
    });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

const REASON: Record<string, MessageKey> = {
  below_minimum: "payouts.reasonBelowMinimum",
  negative: "payouts.reasonNegative",
  reserved: "payouts.reasonReserved",
  dropped: "payouts.reasonDropped",
  not_in_batch: "payouts.reasonNotInBatch",
};

export default function PayoutBatch() {
  const { batch, lines, linesTotal, page, pageSize, sorted, carried, fourEyes, me } =
    useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const result = useActionData<Confirmation & { message?: string; code?: string }>();
  const { t, plural, money, dateTime } = useI18n();
  const invalid = batch.invalid;
  const built = params.get("built") === "1";
  const c = batch.currency;
  const draft = batch.status === "draft";
  const confirm = (message: string) => (e: React.FormEvent) => {
    if (!window.confirm(message)) e.preventDefault();
  };
  return (
    <>
      <p>
        <Link to="/admin/payouts">{t("payouts.back")}</Link>
      </p>
      <h1>{t("payouts.batch", { reference: batch.reference })}</h1>
      <p>
        <PayoutStatus status={batch.status} /> · {c} ·{" "}
        <strong data-testid="batch-total">{money(batch.totalMinor, c)}</strong>
      </p>
      <ul>
        {batch.createdByEmail ? (
          <li>{t("payouts.builtBy", { who: batch.createdByEmail })}</li>
        ) : null}
        {batch.approvedByEmail ? (
          <li>{t("payouts.approvedBy", { who: batch.approvedByEmail })}</li>
        ) : null}
        {batch.paidByEmail ? <li>{t("payouts.paidBy", { who: batch.paidByEmail })}</li> : null}
        {batch.paidAt ? (
          <li data-testid="paid-on">{t("bank.paidOn", { when: dateTime(batch.paidAt) })}</li>
        ) : null}
        {batch.cancelledByEmail ? (
          <li>{t("payouts.cancelledBy", { who: batch.cancelledByEmail })}</li>
        ) : null}
        {batch.entryId ? (
          <li>
            <Link to={`/admin/ledger?batchId=${batch.id}`}>
              {t("payouts.entry", { id: batch.entryId })}
            </Link>
          </li>
        ) : null}
      </ul>
      {result?.done ? <BatchConfirmation result={result} /> : null}
      {built && !result ? (
        <p className="notice" role="status" data-testid="confirmation">
          {plural("lists.doneBuild", batch.kept, {
            reference: batch.reference,
            total: money(batch.totalMinor, c),
          })}
        </p>
      ) : null}
      {invalid > 0 && (draft || batch.status === "approved") ? (
        <p className="alert" role="alert" data-testid="bank-invalid">
          {plural("bank.batchInvalid", invalid)}
        </p>
      ) : null}
      {result?.message ? (
        <p className="alert" role="alert" data-code={result.code}>
          {result.message}
        </p>
      ) : null}
      {draft && fourEyes ? <p>{t("payouts.fourEyes")}</p> : null}
      <div className="toolbar">
        {draft && !(fourEyes && batch.createdBy === me) ? (
          <Form method="post">
            <button type="submit" name="intent" value="approve">
              {t("payouts.approve")}
            </button>
          </Form>
        ) : null}
        {batch.status === "approved" ? (
          <Form method="post" onSubmit={confirm(t("payouts.confirmPay"))}>
            <button type="submit" name="intent" value="pay">
              {t("payouts.pay")}
            </button>
          </Form>
        ) : null}
        {draft || batch.status === "approved" ? (
          <Form method="post" onSubmit={confirm(t("payouts.confirmCancel"))}>
            <button type="submit" name="intent" value="cancel" className="danger">
              {t("payouts.cancel")}
            </button>
          </Form>
        ) : null}
        <a href={`/admin/payouts/${batch.id}/export.xlsx`} download>
          {t("payouts.exportXlsx")}
        </a>
        <a href={`/admin/payouts/${batch.id}/export.csv`} download>
          {t("payouts.exportCsv")}
        </a>
      </div>
      <ListFilters keep={["sort", "dir", "built"]}>
        <label>
          {t("lists.searchNameTaxId")}
          <input type="search" name="q" defaultValue={params.get("q") ?? ""} />
        </label>
        <label>
          {t("payouts.lines")}
          <select name="lines" defaultValue={params.get("lines") ?? ""}>
            <option value="">{t("lists.allLines")}</option>
            <option value="kept">{t("lists.linesKept")}</option>
            <option value="dropped">{t("lists.linesDropped")}</option>
          </select>
        </label>
      </ListFilters>
      <div className="table-scroll">
        <table data-testid="batch-lines">
          <thead>
            <tr>
              <SortHeader column="member" label={t("payouts.member")} sorted={sorted} />
              <SortHeader column="taxId" label={t("payouts.taxId")} sorted={sorted} />
              <SortHeader column="bank" label={t("payouts.bank")} sorted={sorted} />
              <th scope="col">{t("payouts.bankAccount")}</th>
              <th scope="col">{t("payouts.bankHolder")}</th>
              <SortHeader
                column="amount"
                label={t("payouts.amount")}
                sorted={sorted}
                className="num"
                first="desc"
              />
              {draft ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr
                key={l.memberId}
                className={l.dropped ? "dropped" : undefined}
                data-member={l.memberId}
              >
                <td>
                  <Link to={`/admin/members/${l.memberId}/statement`}>{l.memberName}</Link>
                </td>
                <td>{l.taxId}</td>
                <td>{l.bankName}</td>
                <td>
                  <span className="nowrap">{l.bankAccount}</span>{" "}
                  {l.dropped ? null : <BankCheck check={l.bank} memberId={l.memberId} />}
                </td>
                <td>{l.bankHolder}</td>
                <td className="num">
                  {l.dropped ? <s>{money(l.amountMinor, c)}</s> : money(l.amountMinor, c)}
                  {l.dropped ? ` (${t("payouts.dropped")})` : ""}
                </td>
                {draft ? (
                  <td>
                    {l.dropped ? null : (
                      <Form method="post">
                        <input type="hidden" name="memberId" value={l.memberId} />
                        <button type="submit" name="intent" value="drop" className="link">
                          {t("payouts.drop")}
                        </button>
                      </Form>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pageSize={pageSize} total={linesTotal} />
      {carried.length > 0 ? (
        <>
          <h2>{t("payouts.carriedForward")}</h2>
          <table data-testid="carried-forward">
            <thead>
              <tr>
                <th>{t("payouts.member")}</th>
                <th>{t("payouts.balance")}</th>
                <th>{t("payouts.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {carried.map((m) => (
                <tr key={m.memberId}>
                  <td>{m.memberName}</td>
                  <td className="num">{money(m.balanceMinor, c)}</td>
                  <td>{t(REASON[m.reason])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}

type Confirmation = {
  done?: "drop" | "approve" | "pay" | "cancel";
  reference?: string;
  currency?: string;
  totalMinor?: number;
  lines?: number;
  paidAt?: string | null;
  member?: { name: string; amountMinor: number } | null;
};

/** Says what the action did, with the batch's figures after it. */
function BatchConfirmation({ result }: { result: Confirmation }) {
  const { t, plural, money, dateTime } = useI18n();
  const c = result.currency ?? "USD";
  const count = result.lines ?? 0;
  const vars = {
    reference: result.reference ?? "",
    total: money(result.totalMinor ?? 0, c),
  };
  const text =
    result.done === "drop" && result.member
      ? t("bank.doneDrop", {
          ...vars,
          member: result.member.name,
          amount: money(result.member.amountMinor, c),
        })
      : result.done === "approve"
        ? plural("lists.doneApprove", count, vars)
        : result.done === "pay"
          ? plural("lists.donePay", count, {
              ...vars,
              when: result.paidAt ? dateTime(result.paidAt) : "",
            })
          : t("bank.doneCancel", vars);
  return (
    <p className="notice" role="status" data-testid="confirmation">
      {text}
    </p>
  );
}
