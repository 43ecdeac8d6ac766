// The statement's accepted claims (SPEC 5.2): purchases the supplier did not report, marked
// "claimed", that count in the member's pooled volume.
import { useI18n } from "~/i18n/context";
import type { ClaimedPurchase } from "~/models/claims.server";

export function ClaimedPurchases({ claimed }: { claimed: ClaimedPurchase[] }) {
  const { t, money, date } = useI18n();
  return (
    <section aria-labelledby="claimed-purchases">
      <h2 id="claimed-purchases">{t("claims.claimedPurchases")}</h2>
      <div className="table-wrap">
        <table data-testid="statement-claimed">
          <thead>
            <tr>
              <th>{t("claims.supplier")}</th>
              <th>{t("claims.invoiceNumber")}</th>
              <th className="num">{t("claims.amount")}</th>
            </tr>
          </thead>
          <tbody>
            {claimed.map((c) => (
              <tr key={c.id}>
                <td>{c.supplierName}</td>
                <td>
                  {c.invoiceNumber} · {date(c.invoiceDate)}{" "}
                  <span className="badge claim-accepted">{t("claims.claimed")}</span>
                </td>
                <td className="num">{money(c.amountMinor, c.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
