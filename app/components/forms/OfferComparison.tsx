// The simulator of the program editor: replays the saved program and the program as edited over
// past volume, and shows them side by side — gross refund per component and in all, year to date
// at the last month, then month by month.
import { componentLabel } from "~/i18n/component-label";
import { useI18n } from "~/i18n/context";
import type { OfferComparison, OfferMonth } from "~/models/offer-simulator.server";

/** Props: `defaultThrough` (YYYY-MM). Goes inside the program form: it sends the program as edited. */
export function SimulatorControls({ defaultThrough }: { defaultThrough: string }) {
  const { t } = useI18n();
  return (
    <section className="simulator" aria-label={t("offers.title")}>
      <h2>{t("offers.title")}</h2>
      <p className="muted">{t("offers.help")}</p>
      <div className="row-fields">
        <label className="field">
          <span>{t("programs.simulateThrough")}</span>
          <input type="month" name="through" defaultValue={defaultThrough} required />
        </label>
        <button type="submit" name="intent" value="simulate" className="secondary">
          {t("offers.simulate")}
        </button>
      </div>
    </section>
  );
}

/** Props: `offers`, the action's comparison. */
export function OfferComparisonView({ offers }: { offers: OfferComparison }) {
  const { t, money, month, locale } = useI18n();
  const saved = offers.saved.months.at(-1);
  const edited = offers.edited.months.at(-1);
  const parts = [...(saved?.components ?? []), ...(edited?.components ?? [])];
  const names = [...new Set(parts.map((c) => c.name))];
  const growth = offers.saved.growth || offers.edited.growth;
  const gross = (m: OfferMonth | undefined, name: string) =>
    m?.components.find((c) => c.name === name)?.grossMinor ?? null;
  const label = (name: string) =>
    componentLabel(
      parts.find((c) => c.name === name)!,
      growth,
      locale,
    );
  const cell = (minor: number | null, currency: string) =>
    minor === null ? "—" : money(minor, currency);
  const sameCurrency = offers.saved.currency === offers.edited.currency;
  const byMonth = new Map<string, { saved?: OfferMonth; edited?: OfferMonth }>();
  for (const m of offers.saved.months) byMonth.set(m.month, { saved: m });
  for (const m of offers.edited.months)
    byMonth.set(m.month, { ...byMonth.get(m.month), edited: m });
  const months = [...byMonth.keys()].sort();
  return (
    <section className="offers" aria-label={t("offers.title")}>
      <h3>{t("offers.ytd", { month: month(offers.through) })}</h3>
      <div className="table-scroll">
        <table data-testid="offers">
          <thead>
            <tr>
              <th>{t("runParts.component")}</th>
              <th className="num">{t("offers.saved")}</th>
              <th className="num">{t("offers.edited")}</th>
              {sameCurrency ? <th className="num">{t("offers.difference")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {names.map((name) => {
              const a = gross(saved, name);
              const b = gross(edited, name);
              return (
                <tr key={name}>
                  <td>{label(name)}</td>
                  <td className="num">{cell(a, offers.saved.currency)}</td>
                  <td className="num">{cell(b, offers.edited.currency)}</td>
                  {sameCurrency ? (
                    <td className="num">{cell((b ?? 0) - (a ?? 0), offers.saved.currency)}</td>
                  ) : null}
                </tr>
              );
            })}
            <tr className="total">
              <th scope="row">{t("offers.total")}</th>
              <td className="num">{cell(saved?.grossMinor ?? 0, offers.saved.currency)}</td>
              <td className="num">{cell(edited?.grossMinor ?? 0, offers.edited.currency)}</td>
              {sameCurrency ? (
                <td className="num">
                  {cell(
                    (edited?.grossMinor ?? 0) - (saved?.grossMinor ?? 0),
                    offers.saved.currency,
                  )}
                </td>
              ) : null}
            </tr>
          </tbody>
        </table>
      </div>
      <h3>{t("offers.byMonth")}</h3>
      <div className="table-scroll">
        <table data-testid="offers-by-month">
          <thead>
            <tr>
              <th>{t("programs.period")}</th>
              <th className="num">{t("programs.pooledVolume")}</th>
              <th className="num">{t("offers.saved")}</th>
              <th className="num">{t("offers.edited")}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => {
              const row = byMonth.get(m)!;
              return (
                <tr key={m}>
                  <td>{month(m)}</td>
                  <td className="num">
                    {cell(
                      (row.edited ?? row.saved)?.pooledVolumeMinor ?? null,
                      row.edited ? offers.edited.currency : offers.saved.currency,
                    )}
                  </td>
                  <td className="num">
                    {cell(row.saved?.grossMinor ?? null, offers.saved.currency)}
                  </td>
                  <td className="num">
                    {cell(row.edited?.grossMinor ?? null, offers.edited.currency)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
