// The program editor, for creating and editing: the program's fields, its tier component (basis,
// tiers as rows, limits, negotiated baselines), its categories and its bonus cards. Amounts and
// rates are typed in the reader's format; every field is named by its path in the program input
// (app/schemas/program-form.ts), so the API's one validation answers each field.
import { Form } from "@remix-run/react";
import { useRef, useState, type ReactNode } from "react";
import { TierEditor } from "~/components/charts/TierEditor";
import { AmountInput } from "~/components/inputs/AmountInput";
import { PercentInput } from "~/components/inputs/PercentInput";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";
import { ALL_TERMS } from "~/schemas/program-form";
import { BonusCards } from "./BonusCards";
import { Field, fieldErrors, type FieldErrors } from "./Field";
import { draftFromFields, type BaselineRow, type Basis } from "./program-draft";

export type ProgramFormValues = Partial<Record<string, string>>;

/**
 * Props: `suppliers`; `values` (the form's fields: `programFields(program)` or a refused form's
 * values); `errors` by path (`programErrors`); `intent` of the save button; `children` go inside
 * the form after it (the simulator's controls, which send the program as edited).
 */
export function ProgramForm({
  suppliers,
  values,
  errors: e,
  defaultFeeBps,
  intent,
  children,
}: {
  suppliers: { id: number; name: string; currency: string }[];
  values: ProgramFormValues;
  errors: FieldErrors;
  defaultFeeBps: number;
  intent: "create" | "edit";
  children?: ReactNode;
}) {
  const { t, plural } = useI18n();
  const [draft] = useState(() => draftFromFields(values, defaultFeeBps));
  const [currency, setCurrency] = useState(draft.currency);
  const [basis, setBasis] = useState<Basis>(draft.basis);
  const growth = basis === "growth";
  const problems = Object.values(e);
  return (
    <Form method="post" className="program-form">
      <input type="hidden" name={ALL_TERMS.name} value={ALL_TERMS.value} />
      {problems.length ? (
        <div className="alert" role="alert">
          <p>{plural("editor.problems", problems.length)}</p>
          <ul>
            {Object.entries(e).map(([path, message]) => (
              <li key={path}>
                {path === "form" ? message : `${problemLabel(path, t)}: ${message}`}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <fieldset>
        <legend>{t("editor.program")}</legend>
        <label className="field">
          <span>{t("programs.supplier")}</span>
          <select
            name="supplierId"
            defaultValue={draft.supplierId}
            required
            aria-invalid={e.supplierId ? true : undefined}
            onChange={(ev) => {
              const s = suppliers.find((x) => String(x.id) === ev.target.value);
              if (s && currency === "") setCurrency(s.currency);
            }}
          >
            <option value="" disabled>
              —
            </option>
            {suppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.currency})
              </option>
            ))}
          </select>
          {e.supplierId ? <em className="error">{e.supplierId}</em> : null}
        </label>
        <Field
          label={t("common.name")}
          name="name"
          defaultValue={draft.name}
          error={e.name}
          required
        />
        <Field
          label={t("common.currency")}
          name="currency"
          value={currency}
          onChange={(ev) => setCurrency(ev.target.value.trim().toUpperCase())}
          error={e.currency}
          required
          maxLength={3}
        />
        <div className="row-fields">
          <Field
            label={t("programs.start")}
            name="start"
            type="date"
            defaultValue={draft.start}
            error={e.start}
            required
          />
          <Field
            label={t("programs.end")}
            name="end"
            type="date"
            defaultValue={draft.end}
            error={e.end}
            required
          />
        </div>
        <PercentInput
          name="feeBps"
          label={t("editor.fee")}
          defaultBps={draft.feeBps}
          error={e.feeBps}
          required
        />
      </fieldset>
      <fieldset>
        <legend>{t("editor.tierComponent")}</legend>
        <label className="field">
          <span>{t("editor.basis")}</span>
          <select
            name="basis"
            value={basis}
            onChange={(ev) => setBasis(ev.target.value === "growth" ? "growth" : "volume")}
          >
            <option value="volume">{t("editor.basisVolume")}</option>
            <option value="growth">{t("editor.basisGrowth")}</option>
          </select>
          {e.basis ? <em className="error">{e.basis}</em> : null}
        </label>
        {growth ? (
          <label className="field">
            <span>{t("editor.growthPays")}</span>
            <select name="growthPays" defaultValue={draft.growthPays}>
              <option value="whole">{t("editor.growthWhole")}</option>
              <option value="increment">{t("editor.growthIncrement")}</option>
            </select>
            {e.growthPays ? <em className="error">{e.growthPays}</em> : null}
          </label>
        ) : (
          <label className="field">
            <span>{t("programs.method")}</span>
            <select name="method" defaultValue={draft.method}>
              <option value="all-units">{t("programs.allUnits")}</option>
              <option value="incremental">{t("programs.incremental")}</option>
            </select>
            {e.method ? <em className="error">{e.method}</em> : null}
          </label>
        )}
        <TierEditor
          key={basis}
          basis={basis}
          currency={currency}
          defaultTiers={
            basis === draft.basis
              ? draft.tiers
              : [{ threshold: 0, rateBps: draft.tiers[0].rateBps }]
          }
          errors={e}
        />
        <h3>{t("editor.limits")}</h3>
        <small className="muted">{t("editor.limitsHelp")}</small>
        <AmountInput
          name="volumeCapMinor"
          label={t("editor.volumeCap")}
          currency={currency}
          defaultMinor={draft.volumeCapMinor}
          error={e.volumeCapMinor}
        />
        <AmountInput
          name="refundCapMinor"
          label={t("editor.refundCap")}
          currency={currency}
          defaultMinor={draft.refundCapMinor}
          error={e.refundCapMinor}
        />
        <AmountInput
          name="minimumRefundMinor"
          label={t("editor.minimumRefund")}
          currency={currency}
          defaultMinor={draft.minimumRefundMinor}
          error={e.minimumRefundMinor}
        />
        {growth ? <Baselines defaults={draft.baselines} currency={currency} errors={e} /> : null}
      </fieldset>
      <fieldset>
        <legend>{t("editor.categories")}</legend>
        <Field
          label={t("programs.includeCategories")}
          name="includeCategories"
          defaultValue={draft.includeCategories}
          error={e.includeCategories}
        />
        <Field
          label={t("programs.excludeCategories")}
          name="excludeCategories"
          defaultValue={draft.excludeCategories}
          error={e.excludeCategories}
        />
      </fieldset>
      <BonusCards defaultBonuses={draft.bonuses} currency={currency} errors={e} />
      <button type="submit" name="intent" value={intent}>
        {t(intent === "create" ? "common.create" : "common.save")}
      </button>
      {children}
    </Form>
  );
}

function Baselines({
  defaults,
  currency,
  errors,
}: {
  defaults: BaselineRow[];
  currency: string;
  errors: FieldErrors;
}) {
  const { t } = useI18n();
  const next = useRef(defaults.length);
  const [rows, setRows] = useState(() => defaults.map((b, key) => ({ ...b, key })));
  return (
    <div className="baselines">
      <h3>{t("editor.baselines")}</h3>
      <small className="muted">{t("editor.baselinesHelp")}</small>
      {rows.map((row, i) => (
        <div key={row.key} className="row-fields">
          <label className="field">
            <span>{t("editor.baselineMonth")}</span>
            <input type="month" name={`baselines.${i}.month`} defaultValue={row.month} required />
            {errors[`baselines.${i}.month`] ? (
              <em className="error">{errors[`baselines.${i}.month`]}</em>
            ) : null}
          </label>
          <AmountInput
            name={`baselines.${i}.amountMinor`}
            label={t("editor.baselineAmount")}
            currency={currency}
            defaultMinor={row.amountMinor}
            error={errors[`baselines.${i}.amountMinor`]}
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
      ))}
      {errors.baselines ? <em className="error">{errors.baselines}</em> : null}
      <button
        type="button"
        className="secondary"
        onClick={() =>
          setRows((all) => [...all, { month: "", amountMinor: null, key: next.current++ }])
        }
      >
        {t("editor.addBaseline")}
      </button>
    </div>
  );
}

const FIELD_LABELS: Record<string, MessageKey> = {
  supplierId: "programs.supplier",
  name: "common.name",
  currency: "common.currency",
  start: "programs.start",
  end: "programs.end",
  feeBps: "editor.fee",
  basis: "editor.basis",
  method: "programs.method",
  growthPays: "editor.growthPays",
  tiers: "editor.tierComponent",
  thresholdMinor: "editor.tierFrom",
  thresholdBps: "editor.tierFromGrowth",
  rateBps: "editor.tierRate",
  volumeCapMinor: "editor.volumeCap",
  refundCapMinor: "editor.refundCap",
  minimumRefundMinor: "editor.minimumRefund",
  baselines: "editor.baselines",
  month: "editor.baselineMonth",
  amountMinor: "editor.baselineAmount",
  includeCategories: "programs.includeCategories",
  excludeCategories: "programs.excludeCategories",
  bonuses: "editor.bonuses",
  categories: "editor.bonusCategories",
  skus: "editor.bonusSkus",
  perUnitMinor: "editor.perUnit",
  requires: "editor.mix",
  category: "editor.mixCategory",
  minVolumeMinor: "editor.mixMinimum",
};

/** A field's path as the reader names it: "bonuses.0.end" → "Bonus 1 · To month". */
function problemLabel(path: string, t: ReturnType<typeof useI18n>["t"]): string {
  const parts = path.split(".");
  const named: string[] = [];
  parts.forEach((part, i) => {
    const index = /^\d+$/.test(part) ? Number(part) + 1 : null;
    const owner = parts[i - 1];
    if (index !== null && owner === "bonuses")
      named.splice(-1, 1, t("editor.bonusN", { n: index }));
    else if (index !== null && owner === "tiers")
      named.splice(-1, 1, t("editor.tierN", { n: index }));
    else if (index !== null) named[named.length - 1] += ` ${index}`;
    else if (part === "start" && parts[0] === "bonuses") named.push(t("editor.windowFrom"));
    else if (part === "end" && parts[0] === "bonuses") named.push(t("editor.windowTo"));
    else if (part === "rateBps" && parts[0] === "bonuses") named.push(t("editor.bonusRate"));
    else named.push(FIELD_LABELS[part] ? t(FIELD_LABELS[part]) : part);
  });
  return named.join(" · ");
}

/** Each refusal at its field's path ("bonuses.0.end"); a refusal of the whole form under "form". */
export function programErrors(details: unknown): FieldErrors {
  return fieldErrors(details);
}
