// The program's bonuses (SPEC 3.7) as cards: what qualifies, when, how much, and the mix
// condition that switches it on. Each field is named by its path in the program input
// ("bonuses.1.requires.0.minVolumeMinor"), so a refusal lands on the field it names.
import { useRef, useState } from "react";
import { AmountInput } from "~/components/inputs/AmountInput";
import { PercentInput } from "~/components/inputs/PercentInput";
import { useI18n } from "~/i18n/context";
import { lastDayOfMonth } from "~/refunds/money";
import { NEW_BONUS, type BonusRow, type RequirementRow } from "./program-draft";

type Keyed<T> = T & { key: number };
type Errors = Record<string, string>;

/** Props: `defaultBonuses` (the cards to start with), `currency`, `errors` by field path. */
export function BonusCards({
  defaultBonuses,
  currency,
  errors,
}: {
  defaultBonuses: BonusRow[];
  currency: string;
  errors: Errors;
}) {
  const { t } = useI18n();
  const next = useRef(defaultBonuses.length);
  const [cards, setCards] = useState<Keyed<BonusRow>[]>(() =>
    defaultBonuses.map((b, key) => ({ ...b, key })),
  );
  return (
    <fieldset className="bonuses">
      <legend>{t("editor.bonuses")}</legend>
      {cards.length === 0 ? <p className="muted">{t("editor.noBonuses")}</p> : null}
      {cards.map((card, i) => (
        <BonusCard
          key={card.key}
          index={i}
          bonus={card}
          currency={currency}
          errors={errors}
          onRemove={() => setCards((all) => all.filter((c) => c.key !== card.key))}
        />
      ))}
      {errors.bonuses ? <em className="error">{errors.bonuses}</em> : null}
      <button
        type="button"
        className="secondary"
        onClick={() => setCards((all) => [...all, { ...NEW_BONUS, key: next.current++ }])}
      >
        {t("editor.addBonus")}
      </button>
    </fieldset>
  );
}

function BonusCard({
  index,
  bonus,
  currency,
  errors,
  onRemove,
}: {
  index: number;
  bonus: BonusRow;
  currency: string;
  errors: Errors;
  onRemove: () => void;
}) {
  const { t, date } = useI18n();
  const at = `bonuses.${index}`;
  const [pays, setPays] = useState(bonus.pays);
  const [start, setStart] = useState(bonus.start);
  const [end, setEnd] = useState(bonus.end);
  const e = (field: string) => errors[`${at}.${field}`];
  return (
    <section className="card bonus-card" aria-label={t("editor.bonusN", { n: index + 1 })}>
      <header>
        <h3>{t("editor.bonusN", { n: index + 1 })}</h3>
        <button type="button" className="secondary" onClick={onRemove}>
          {t("editor.remove")}
        </button>
      </header>
      {errors[at] ? <em className="error">{errors[at]}</em> : null}
      <label className="field">
        <span>{t("editor.bonusName")}</span>
        <input name={`${at}.name`} defaultValue={bonus.name} required maxLength={200} />
        {e("name") ? <em className="error">{e("name")}</em> : null}
      </label>
      <h4>{t("editor.qualifies")}</h4>
      <label className="field">
        <span>{t("editor.bonusCategories")}</span>
        <input name={`${at}.categories`} defaultValue={bonus.categories} />
        {e("categories") ? <em className="error">{e("categories")}</em> : null}
      </label>
      <label className="field">
        <span>{t("editor.bonusSkus")}</span>
        <input name={`${at}.skus`} defaultValue={bonus.skus} />
        {e("skus") ? <em className="error">{e("skus")}</em> : null}
      </label>
      <small className="muted">{t("editor.qualifiesHelp")}</small>
      <h4>{t("editor.when")}</h4>
      <div className="row-fields">
        <label className="field">
          <span>{t("editor.windowFrom")}</span>
          <input
            type="month"
            value={start.slice(0, 7)}
            onChange={(ev) => setStart(ev.target.value ? `${ev.target.value}-01` : "")}
          />
          {e("start") ? <em className="error">{e("start")}</em> : null}
        </label>
        <label className="field">
          <span>{t("editor.windowTo")}</span>
          <input
            type="month"
            value={end.slice(0, 7)}
            onChange={(ev) => setEnd(ev.target.value ? lastDayOfMonth(ev.target.value) : "")}
          />
          {e("end") ? <em className="error">{e("end")}</em> : null}
        </label>
      </div>
      <input type="hidden" name={`${at}.start`} value={start} />
      <input type="hidden" name={`${at}.end`} value={end} />
      <small className="muted">
        {start || end
          ? t("editor.windowMeans", {
              from: start ? date(start) : "…",
              to: end ? date(end) : "…",
            })
          : t("editor.windowHelp")}
      </small>
      <h4>{t("editor.howMuch")}</h4>
      <div className="choice" role="radiogroup">
        {(["rate", "perUnit"] as const).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name={`${at}.pays`}
              value={kind}
              checked={pays === kind}
              onChange={() => setPays(kind)}
            />{" "}
            {t(kind === "rate" ? "editor.paysRate" : "editor.paysPerUnit")}
          </label>
        ))}
      </div>
      {pays === "rate" ? (
        <PercentInput
          name={`${at}.rateBps`}
          label={t("editor.bonusRate")}
          defaultBps={bonus.rateBps}
          error={e("rateBps")}
          required
        />
      ) : (
        <AmountInput
          name={`${at}.perUnitMinor`}
          label={t("editor.perUnit")}
          currency={currency}
          defaultMinor={bonus.perUnitMinor}
          error={e("perUnitMinor")}
          required
        />
      )}
      <Requirements at={at} defaults={bonus.requires} currency={currency} errors={errors} />
    </section>
  );
}

function Requirements({
  at,
  defaults,
  currency,
  errors,
}: {
  at: string;
  defaults: RequirementRow[];
  currency: string;
  errors: Errors;
}) {
  const { t } = useI18n();
  const next = useRef(defaults.length);
  const [rows, setRows] = useState<Keyed<RequirementRow>[]>(() =>
    defaults.map((r, key) => ({ ...r, key })),
  );
  return (
    <>
      <h4>{t("editor.mix")}</h4>
      <small className="muted">{t("editor.mixHelp")}</small>
      {rows.map((row, j) => {
        const path = `${at}.requires.${j}`;
        return (
          <div key={row.key} className="row-fields">
            <label className="field">
              <span>{t("editor.mixCategory")}</span>
              <input name={`${path}.category`} defaultValue={row.category} required />
              {errors[`${path}.category`] ? (
                <em className="error">{errors[`${path}.category`]}</em>
              ) : null}
            </label>
            <AmountInput
              name={`${path}.minVolumeMinor`}
              label={t("editor.mixMinimum")}
              currency={currency}
              defaultMinor={row.minVolumeMinor}
              error={errors[`${path}.minVolumeMinor`]}
              required
            />
            <button
              type="button"
              className="secondary"
              onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
            >
              {t("editor.remove")}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="secondary"
        onClick={() =>
          setRows((all) => [...all, { category: "", minVolumeMinor: null, key: next.current++ }])
        }
      >
        {t("editor.addRequirement")}
      </button>
    </>
  );
}
