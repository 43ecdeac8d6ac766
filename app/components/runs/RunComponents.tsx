// A run's components (SPEC 3.7) as the preview lists them: each component's basis, tier or rate
// reached, gross, fee, net and the limit that applied, then each member's share of each.
import { componentLabel } from "~/i18n/component-label";
import { useI18n } from "~/i18n/context";
import type { RunView } from "~/models/runs.server";

type Component = NonNullable<RunView["components"]>[number];

/** Growth of V over B in basis points, rounded half up (display only; the engine judges exactly). */
function growthBps(volume: number, baseline: number): number {
  const num = (BigInt(volume) - BigInt(baseline)) * 20_000n;
  const den = BigInt(baseline) * 2n;
  const q = num / den;
  const r = num % den;
  return Number(r * 2n >= den ? q + 1n : r * -2n >= den ? q - 1n : q);
}

/** A component's name as people read it (a growth tier component has a baseline). */
function useLabel() {
  const { locale } = useI18n();
  return (c: Component) => componentLabel(c, c.baselineMinor !== undefined, locale);
}

/** Props: `components` of the run, `currency`. */
export function RunComponents({
  components,
  currency,
}: {
  components: Component[];
  currency: string;
}) {
  const { t, money, bps } = useI18n();
  const label = useLabel();
  const limitText = (c: Component) =>
    c.limit === "volume-cap"
      ? t("runParts.limitVolumeCap", { amount: money(c.paidVolumeMinor ?? 0, currency) })
      : c.limit === "refund-cap"
        ? t("runParts.limitRefundCap")
        : c.limit === "minimum"
          ? t("runParts.limitMinimum")
          : t("runParts.noLimit");
  const rateText = (c: Component) => {
    if (c.kind === "tier")
      return c.tierIndex === null || c.tierIndex === undefined
        ? t("runParts.noTier")
        : t("runParts.tierReached", { n: c.tierIndex + 1, rate: bps(c.rateBps ?? 0) });
    return c.perUnitMinor !== undefined
      ? t("runParts.perUnit", { amount: money(c.perUnitMinor, currency) })
      : bps(c.rateBps ?? 0);
  };
  return (
    <section className="run-components" aria-label={t("runParts.components")}>
      <h3>{t("runParts.components")}</h3>
      <div className="component-cards">
        {components.map((c) => (
          <article key={c.name} className="card component-card" data-component={c.name}>
            <h4>{label(c)}</h4>
            <dl>
              <dt>
                {t(
                  c.kind === "tier"
                    ? "runParts.basisTier"
                    : c.perUnitMinor !== undefined
                      ? "runParts.basisPerUnit"
                      : "runParts.basisBonus",
                )}
              </dt>
              <dd data-field="basis">{money(c.basisMinor, currency)}</dd>
              {c.baselineMinor !== undefined ? (
                <>
                  <dt>{t("runParts.baseline")}</dt>
                  <dd data-field="baseline">
                    {money(c.baselineMinor, currency)}
                    {c.baselineMinor > 0
                      ? ` · ${t("runParts.growth", { growth: bps(growthBps(c.basisMinor, c.baselineMinor)) })}`
                      : ""}
                  </dd>
                </>
              ) : null}
              <dt>{t("runParts.rate")}</dt>
              <dd data-field="rate">{rateText(c)}</dd>
              <dt>{t("runs.gross")}</dt>
              <dd data-field="gross">{money(c.grossMinor, currency)}</dd>
              <dt>{t("runs.fee")}</dt>
              <dd data-field="fee">{money(c.feeMinor, currency)}</dd>
              <dt>{t("runs.net")}</dt>
              <dd data-field="net">{money(c.netMinor, currency)}</dd>
              {c.kind === "tier" ? (
                <>
                  <dt>{t("runParts.limit")}</dt>
                  <dd data-field="limit">{limitText(c)}</dd>
                </>
              ) : null}
              {c.requirements?.length ? (
                <>
                  <dt>{t("runParts.mix")}</dt>
                  <dd data-field="mix">
                    <ul className="plain">
                      {c.requirements.map((r) => (
                        <li key={r.category}>
                          {t(r.met ? "runParts.mixMet" : "runParts.mixUnmet", {
                            category: r.category,
                            volume: money(r.volumeMinor, currency),
                            minimum: money(r.minVolumeMinor, currency),
                          })}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </dl>
          </article>
        ))}
      </div>
    </section>
  );
}

/** Props: the run's `members` (with their `components`), `components`, `names` by id, `currency`. */
export function MemberComponentShares({
  members,
  components,
  names,
  currency,
}: {
  members: RunView["members"];
  components: Component[];
  names: Record<number, string>;
  currency: string;
}) {
  const { t, money } = useI18n();
  const label = useLabel();
  const rows = [...members].sort(
    (a, b) =>
      (names[a.memberId] ?? "").localeCompare(names[b.memberId] ?? "") || a.memberId - b.memberId,
  );
  return (
    <section aria-label={t("runParts.memberShares")}>
      <h3>{t("runParts.memberShares")}</h3>
      <div className="table-scroll">
        <table data-testid="member-components">
          <thead>
            <tr>
              <th>{t("runs.member")}</th>
              {components.map((c) => (
                <th key={c.name} className="num">
                  {label(c)}
                </th>
              ))}
              <th className="num">{t("runs.ytdShare")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.memberId}>
                <td>{names[m.memberId] ?? `#${m.memberId}`}</td>
                {components.map((c) => {
                  const share = m.components?.find((s) => s.name === c.name);
                  return (
                    <td key={c.name} className="num" title={t("runParts.weight")}>
                      {money(share?.amountMinor ?? 0, currency)}
                      <small className="muted weight">
                        {" "}
                        (
                        {t("runParts.weightOf", {
                          weight: money(share?.weightMinor ?? 0, currency),
                        })}
                        )
                      </small>
                    </td>
                  );
                })}
                <td className="num">{money(m.ytdMinor, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
