// Why a run posted what it did, in words: what it is compared with, how the pool and the tier
// moved, and what changed since the previous posting (reports, claims, matches, terms, rates).
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/context";
import type { RunWithReasons } from "~/models/run-history.server";

type Data = SerializeFrom<RunWithReasons>;

export function RunWhy({ data }: { data: Data }) {
  const { t, plural, money, month, dateTime, date, bps } = useI18n();
  const { run, previous } = data;
  const c = run.currency;
  if (!previous) {
    return (
      <section data-testid="run-why">
        <h2>{t("history.why")}</h2>
        <p>{t("history.firstPosting", { month: month(run.month) })}</p>
      </section>
    );
  }
  const tierOf = (index: number | null, rate: number) =>
    index === null ? "—" : t("history.tier", { tier: index + 1, rate: bps(rate) });
  const volumeChange = run.pooledVolumeMinor - previous.pooledVolumeMinor;
  const sameTier = previous.tierIndex === data.tierIndex && previous.rateBps === run.rateBps;
  const nothing =
    data.reports.length === 0 && (data.claims?.length ?? 0) === 0 && data.others.length === 0;
  return (
    <section data-testid="run-why">
      <h2>{t("history.why")}</h2>
      <p>
        {t("history.comparedWith", {
          month: month(previous.month),
          when: dateTime(previous.postedAt),
        })}{" "}
        <Link to={`/admin/runs/${previous.id}`}>{t("history.openPrevious")}</Link>
      </p>
      <ul className="why">
        <li data-testid="why-volume">
          {t(volumeChange === 0 ? "history.volumeSame" : "history.volumeMoved", {
            from: money(previous.pooledVolumeMinor, c),
            to: money(run.pooledVolumeMinor, c),
            change: money(volumeChange, c),
          })}
        </li>
        <li data-testid="why-tier">
          {sameTier
            ? t("history.tierSame", { tier: tierOf(data.tierIndex, run.rateBps) })
            : t("history.tierMoved", {
                from: tierOf(previous.tierIndex, previous.rateBps),
                to: tierOf(data.tierIndex, run.rateBps),
              })}
        </li>
        {data.reports.map((r) => (
          <li key={r.id} data-testid="why-report" data-kind={r.kind} data-period={r.period}>
            {r.kind === "corrected"
              ? t("history.reportCorrected", {
                  month: month(r.period),
                  version: r.version,
                  from: money(r.previousAmountMinor ?? 0, c),
                  to: money(r.amountMinor, c),
                  when: dateTime(r.processedAt),
                })
              : plural(
                  r.kind === "late" ? "history.reportLate" : "history.reportOfMonth",
                  r.lines,
                  {
                    month: month(r.period),
                    amount: money(r.amountMinor, c),
                    when: dateTime(r.processedAt),
                  },
                )}{" "}
            <span className="muted">{r.fileName}</span>
          </li>
        ))}
        {data.claims === null ? (
          <li className="muted" data-testid="why-claims">
            {t("history.claimsNotTracked")}
          </li>
        ) : (
          data.claims.map((cl) => (
            <li key={cl.id} data-testid="why-claim">
              {t("history.claimAccepted", {
                member: cl.memberName,
                invoice: cl.invoiceNumber,
                date: date(cl.invoiceDate),
                amount: money(cl.amountMinor, cl.currency),
              })}
            </li>
          ))
        )}
        {data.others.map((o, i) => (
          <li key={`${o.kind}-${i}`} data-testid="why-other" data-kind={o.kind}>
            {o.kind === "alias"
              ? o.memberId === null
                ? t("history.aliasNotMember", { key: o.customerKey, when: dateTime(o.at) })
                : t("history.aliasMember", {
                    key: o.customerKey,
                    member: o.memberName ?? `#${o.memberId}`,
                    when: dateTime(o.at),
                  })
              : o.kind === "program"
                ? t("history.programChanged", { when: dateTime(o.at) })
                : o.kind === "fx"
                  ? t("history.fxChanged", {
                      month: month(o.month),
                      from: o.from,
                      to: c,
                      rate: o.rate,
                    })
                  : t("history.memberChanged", { member: o.memberName, when: dateTime(o.at) })}
          </li>
        ))}
        {nothing ? <li>{t("history.nothingChanged")}</li> : null}
      </ul>
    </section>
  );
}
