import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { Field, fieldErrors } from "~/components/forms/Field";
import { Downloads } from "~/components/tables/Downloads";
import { ListFilters } from "~/components/tables/ListFilters";
import { Pager } from "~/components/tables/Pager";
import { SortHeader } from "~/components/tables/SortHeader";
import { fxList } from "~/http/admin-lists.server";
import { formFailure } from "~/http/forms.server";
import { findFxRates } from "~/models/admin-lists.server";
import { useI18n } from "~/i18n/context";
import { upsertFxRates } from "~/models/fx-rates.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "fx.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { list, filter } = fxList(request);
  const { rows, total } = findFxRates(filter, list.sorted, list.paging);
  return { rates: rows, total, ...list.state };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData());
  try {
    const [rate] = upsertFxRates(actor, [form]);
    return Response.json({
      saved: `${rate.month} ${rate.from} ${rate.to}`,
      rate: { month: rate.month, from: rate.from, to: rate.to, rate: rate.rate },
    });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function FxRates() {
  const { rates, total, page, pageSize, sorted } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const result = useActionData<{
    saved?: string;
    rate?: { month: string; from: string; to: string; rate: string };
    details?: unknown;
    values?: Record<string, string>;
  }>();
  const { t, month, dateTime } = useI18n();
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
      <ListFilters>
        <label>
          {t("fx.month")}
          <input type="month" name="month" defaultValue={params.get("month") ?? ""} />
        </label>
        <label>
          {t("common.currency")}
          <input name="currency" defaultValue={params.get("currency") ?? ""} size={4} />
        </label>
      </ListFilters>
      <Downloads path="/admin/fx/export" />
      {rates.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="fx-rates">
            <thead>
              <tr>
                <SortHeader column="month" label={t("fx.month")} sorted={sorted} first="desc" />
                <SortHeader column="from" label={t("fx.from")} sorted={sorted} />
                <SortHeader column="to" label={t("fx.to")} sorted={sorted} />
                <th scope="col" className="num">
                  {t("fx.rate")}
                </th>
                <SortHeader
                  column="updatedAt"
                  label={t("fx.updatedAt")}
                  sorted={sorted}
                  first="desc"
                />
              </tr>
            </thead>
            <tbody>
              {rates.map((r) => (
                <tr key={`${r.month} ${r.from} ${r.to}`}>
                  <td className="nowrap">{month(r.month)}</td>
                  <td>{r.from}</td>
                  <td>{r.to}</td>
                  <td className="num">{r.rate}</td>
                  <td className="nowrap">{dateTime(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageSize={pageSize} total={total} />
      <h2>{t("fx.new")}</h2>
      {result?.rate ? (
        <p className="notice" role="status" data-testid="confirmation">
          {t("lists.fxSaved", {
            from: result.rate.from,
            to: result.rate.to,
            rate: result.rate.rate,
            month: month(result.rate.month),
          })}
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
