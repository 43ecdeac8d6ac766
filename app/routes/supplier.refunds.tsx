import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { useI18n } from "~/i18n/context";
import { listReceivables } from "~/models/receivables.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "refunds.title");

/** The supplier's own programs: pooled volume, tier reached, refund owed and paid. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  return { rows: listReceivables({ supplierId: actor.supplierId! }) };
}

export default function SupplierRefunds() {
  const { rows } = useLoaderData<typeof loader>();
  const { t, money, bps, month } = useI18n();
  return (
    <>
      <h1>{t("refunds.title")}</h1>
      <p>{t("refunds.intro")}</p>
      <p>
        <a href="/supplier/refunds.xlsx" download>
          {t("refunds.download")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("statement.program")}</th>
              <th>{t("refunds.lastRun")}</th>
              <th>{t("statement.pooledVolume")}</th>
              <th>{t("statement.tier")}</th>
              <th>{t("receivables.posted")}</th>
              <th>{t("receivables.paid")}</th>
              <th>{t("receivables.owed")}</th>
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
