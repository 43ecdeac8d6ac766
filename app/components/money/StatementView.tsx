// A member statement on screen (SPEC 3.6): the range picker, balances per currency, per program
// the figures reached and each posting explained (split by component where the program has
// components, SPEC 3.7), and the payouts; the same data as the XLSX. The postings (the
// statement's lines) sort by month or amount, narrow to one program or month and download as
// CSV/XLSX with that filter and order (decision 081).
import { Form, Link, useSearchParams } from "@remix-run/react";
import { Downloads } from "~/components/tables/Downloads";
import { ListFilters } from "~/components/tables/ListFilters";
import { SortHeader } from "~/components/tables/SortHeader";
import { useI18n } from "~/i18n/context";
import type { MemberStatement } from "~/models/statements.server";
import type { StatementLine, StatementLineSort } from "~/models/statement-lines.server";
import { explainPosting } from "~/i18n/explain";
import { componentLabel } from "~/i18n/component-label";
import { ClaimedPurchases } from "~/components/claims/ClaimedPurchases";

export function StatementView({
  statement: s,
  lines,
  sorted,
  downloadHref,
  linesHref,
  ledgerLinks = false,
}: {
  statement: MemberStatement;
  /** The statement's lines with the query's filter and order (app/http/own-lists.server.ts). */
  lines: StatementLine[];
  sorted: { sort: StatementLineSort; dir: "asc" | "desc" };
  downloadHref: string;
  /** The lines' CSV/XLSX download route. */
  linesHref: string;
  ledgerLinks?: boolean;
}) {
  const { t, money, bps, month, locale, region } = useI18n();
  const [params] = useSearchParams();
  const linesOf = (programId: number) => lines.filter((l) => l.programId === programId);
  const months = [...new Set(s.programs.flatMap((p) => p.postings.map((x) => x.month)))].sort();
  const entry = (id: number, text: string) =>
    ledgerLinks ? <Link to={`/admin/ledger?entryId=${id}`}>{text}</Link> : text;
  return (
    <>
      <p>
        {s.member.name} · {s.member.taxId}
      </p>
      <Form method="get" className="toolbar">
        <label className="field">
          <span>{t("statement.from")}</span>
          <input type="month" name="from" defaultValue={s.from} required />
        </label>
        <label className="field">
          <span>{t("statement.to")}</span>
          <input type="month" name="to" defaultValue={s.to} required />
        </label>
        <button type="submit">{t("statement.show")}</button>
        <a href={`${downloadHref}?from=${s.from}&to=${s.to}`} download data-testid="statement-xlsx">
          {t("statement.download")}
        </a>
      </Form>
      <ListFilters keep={["sort", "dir", "from", "to"]} testId="statement-filters">
        <label className="field">
          <span>{t("statement.program")}</span>
          <select name="program" defaultValue={params.get("program") ?? ""}>
            <option value="">{t("statementLines.allPrograms")}</option>
            {s.programs.map((p) => (
              <option key={p.programId} value={p.programId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("statement.month")}</span>
          <select name="month" defaultValue={params.get("month") ?? ""}>
            <option value="">{t("statementLines.allMonths")}</option>
            {months.map((m) => (
              <option key={m} value={m}>
                {month(m)}
              </option>
            ))}
          </select>
        </label>
      </ListFilters>
      <Downloads path={linesHref} />
      <h2>{t("statement.summary")}</h2>
      {s.balances.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <table data-testid="statement-balances">
          <thead>
            <tr>
              <th>{t("common.currency")}</th>
              <th>{t("statement.opening")}</th>
              <th>{t("statement.earned")}</th>
              <th>{t("statement.paidOut")}</th>
              <th>{t("statement.closing")}</th>
            </tr>
          </thead>
          <tbody>
            {s.balances.map((b) => (
              <tr key={b.currency}>
                <td>{b.currency}</td>
                <td className="num">{money(b.openingMinor, b.currency)}</td>
                <td className="num">{money(b.earnedMinor, b.currency)}</td>
                <td className="num">{money(b.paidOutMinor, b.currency)}</td>
                <td className="num" data-testid={`closing-${b.currency}`}>
                  {money(b.closingMinor, b.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s.programs.map((p) => (
        <section key={p.programId} aria-label={p.name}>
          <h2>
            {p.name} · {p.supplierName}
          </h2>
          <table className="summary">
            <tbody>
              <tr>
                <th scope="row">{t("statement.pooledVolume")}</th>
                <td className="num">{money(p.pooledVolumeMinor, p.currency)}</td>
              </tr>
              <tr>
                <th scope="row">{t("statement.tier")}</th>
                <td className="num">
                  {p.tierIndex === null ? "—" : `${p.tierIndex + 1} · ${bps(p.rateBps ?? 0)}`}
                </td>
              </tr>
              <tr>
                <th scope="row">{t("statement.yourVolume")}</th>
                <td className="num">{money(p.memberVolumeMinor, p.currency)}</td>
              </tr>
              <tr>
                <th scope="row">{t("statement.earned")}</th>
                <td className="num">{money(p.earnedMinor, p.currency)}</td>
              </tr>
            </tbody>
          </table>
          {linesOf(p.programId).length > 0 ? (
            <table data-testid="statement-lines">
              <thead>
                <tr>
                  <SortHeader column="month" label={t("statement.month")} sorted={sorted} />
                  <SortHeader
                    column="amount"
                    label={t("statement.amount")}
                    sorted={sorted}
                    className="num"
                    first="desc"
                  />
                  <th scope="col">{t("statement.explanation")}</th>
                </tr>
              </thead>
              <tbody>
                {linesOf(p.programId).map((x) => (
                  <tr key={x.entryId} data-entry-id={x.entryId}>
                    <td>{month(x.month)}</td>
                    <td className="num">{entry(x.entryId, money(x.amountMinor, p.currency))}</td>
                    <td>
                      {explainPosting(x.explanation, locale, region)}
                      {x.components ? (
                        <ul className="posting-components" data-testid="posting-components">
                          {x.components.map((c) => (
                            <li key={`${c.kind}:${c.name}`} data-component={c.name}>
                              {t("comp.postingShares", {
                                name: componentLabel(c, p.growthBasis, locale),
                                amount: money(c.amountMinor, p.currency),
                              })}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ))}
      {s.claimed?.length ? <ClaimedPurchases claimed={s.claimed} /> : null}
      <h2>{t("statement.payouts")}</h2>
      {s.payouts.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("payouts.reference")}</th>
              <th>{t("statement.month")}</th>
              <th>{t("statement.amount")}</th>
            </tr>
          </thead>
          <tbody>
            {s.payouts.map((x) => (
              <tr key={x.entryId}>
                <td>{x.reference}</td>
                <td>{month(x.month)}</td>
                <td className="num">{entry(x.entryId, money(x.amountMinor, x.currency))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
