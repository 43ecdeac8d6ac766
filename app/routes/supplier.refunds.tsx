import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { Downloads } from "~/components/tables/Downloads";
import { ListFilters } from "~/components/tables/ListFilters";
import { SortHeader } from "~/components/tables/SortHeader";
import { listQuery } from "~/http/list-query.server";
import { useI18n } from "~/i18n/context";
import { REFUND_SORTS, supplierRefundList } from "~/models/supplier-refund-list.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "refunds.title");

/** The supplier's own programs: pooled volume, tier reached, refund owed and paid. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  const list = listQuery(request, { sorts: REFUND_SORTS, sort: "program" });
  return {
    rows: supplierRefundList(actor.supplierId!, list.sorted, list.q),
    sorted: list.sorted,
  };
}

export default function SupplierRefunds() {
  const { rows, sorted } = useLoaderData<typeof loader>();
  const { t, money, bps, month } = useI18n();
  const [params] = useSearchParams();
  return (
    <>
      <h1>{t("refunds.title")}</h1>
      <p>{t("refunds.intro")}</p>
      <ListFilters>
        <label className="field">
          <span>{t("statement.program")}</span>
          <input type="search" name="q" maxLength={100} defaultValue={params.get("q") ?? ""} />
        </label>
      </ListFilters>
      <Downloads path="/supplier/refunds/export" />
      {rows.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <SortHeader column="program" label={t("statement.program")} sorted={sorted} />
              <SortHeader
                column="lastRun"
                label={t("refunds.lastRun")}
                sorted={sorted}
                first="desc"
              />
              <SortHeader
                column="pooled"
                label={t("statement.pooledVolume")}
                sorted={sorted}
                className="num"
                first="desc"
              />
              <th scope="col">{t("statement.tier")}</th>
              <SortHeader
                column="posted"
                label={t("receivables.posted")}
                sorted={sorted}
                className="num"
                first="desc"
              />
              <SortHeader
                column="paid"
                label={t("receivables.paid")}
                sorted={sorted}
                className="num"
                first="desc"
              />
              <SortHeader
                column="owed"
                label={t("receivables.owed")}
                sorted={sorted}
                className="num"
                first="desc"
              />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.programId}>
                <td>{r.programName}</td>
                <td>{r.lastPostedMonth ? month(r.lastPostedMonth) : "—"}</td>
                <td className="num">{money(r.pooledVolumeMinor, r.currency)}</td>
                <td className="num">
                  {r.tierIndex === null ? "—" : `${r.tierIndex + 1} · ${bps(r.rateBps ?? 0)}`}
                </td>
                <td className="num">{money(r.postedMinor, r.currency)}</td>
                <td className="num">{money(r.paidMinor, r.currency)}</td>
                <td className="num">{money(r.owedMinor, r.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
