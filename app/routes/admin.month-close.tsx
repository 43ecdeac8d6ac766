import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";
import { monthClose } from "~/models/month-close.server";
import { isMonthKey, monthOfDate, previousMonth } from "~/refunds/money";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "monthClose.title");

/** Per supplier for a month: reports arrived, runs posted, and what the supplier has not paid. */
export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const asked = new URL(request.url).searchParams.get("month") ?? "";
  const month = isMonthKey(asked) ? asked : previousMonth(monthOfDate(new Date()));
  return { month, suppliers: monthClose(month) };
}

export default function MonthClose() {
  const { month, suppliers } = useLoaderData<typeof loader>();
  const { t, money, month: monthName } = useI18n();
  return (
    <>
      <h1>
        {t("monthClose.title")} · {monthName(month)}
      </h1>
      <Form method="get" className="toolbar">
        <label className="field">
          <span>{t("monthClose.month")}</span>
          <input type="month" name="month" defaultValue={month} required />
        </label>
        <button type="submit">{t("common.filter")}</button>
      </Form>
      {suppliers.length === 0 ? <p>{t("common.none")}</p> : null}
      <table>
        <thead>
          <tr>
            <th>{t("monthClose.supplier")}</th>
            <th>{t("monthClose.report")}</th>
            <th>{t("monthClose.runs")}</th>
            <th>{t("monthClose.unpaid")}</th>
          </tr>
        </thead>
        <tbody>
          {suppliers.map((s) => (
            <tr key={s.supplierId} data-supplier={s.supplierId}>
              <td>{s.supplierName}</td>
              <td>
                {s.reports.length === 0 ? (
                  <strong className="alert">{t("monthClose.noReport")}</strong>
                ) : (
                  s.reports.map((r) => (
                    <div key={r.id}>
                      <Link to={`/admin/reports/${r.id}`}>
                        v{r.version} · {t(`reports.status.${r.status}` as MessageKey)}
                      </Link>
                    </div>
                  ))
                )}
              </td>
              <td>
                {s.programs.length === 0
                  ? t("monthClose.noPrograms")
                  : s.programs.map((p) => (
                      <div key={p.id}>
                        {p.name}:{" "}
                        {p.postedRunId ? (
                          <Link to={`/admin/ledger?programId=${p.id}&month=${month}`}>
                            {t("monthClose.posted")}
                          </Link>
                        ) : (
                          <strong className="alert">
                            {t("monthClose.notPosted", {
                              month: p.lastPostedMonth ?? t("monthClose.never"),
                            })}
                          </strong>
                        )}
                      </div>
                    ))}
              </td>
              <td className="num">
                {s.programs.map((p) => (
                  <div key={p.id}>
                    <Link
                      to={`/admin/ledger?account=supplier_receivable:${s.supplierId}&programId=${p.id}`}
                    >
                      {money(p.owedMinor, p.currency)}
                    </Link>
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
