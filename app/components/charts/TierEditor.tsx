// The tier schedule editor: one row per tier (from, rate) typed as amounts and percentages, a
// live step chart of the schedule, and a what-if that applies it to a volume (the engine runs in
// the browser). A growth schedule's "from" is growth over last year (SPEC 3.7).
import { useRef, useState } from "react";
import { Line, LineChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./ChartFrame";
import { AmountInput } from "~/components/inputs/AmountInput";
import { PercentInput } from "~/components/inputs/PercentInput";
import { useNumberLocale } from "~/components/inputs/NumberInput";
import type { Basis, TierRow } from "~/components/forms/program-draft";
import { useI18n } from "~/i18n/context";
import { formatAmount, formatPercent } from "~/i18n/numbers";
import { growthGross, growthTierReached } from "~/refunds/growth";
import { grossRefund, validateTierSchedule, type Tier } from "~/refunds/tiers";

// The one tier-text parser, shared with the program schema (decision 036).
export { parseTierLines } from "~/schemas/tier-text";

/** A step chart of a schedule; `growth`: thresholds are growth in basis points, not money. */
export function TierChart({
  tiers,
  currency,
  growth = false,
}: {
  tiers: Tier[];
  currency: string;
  growth?: boolean;
}) {
  const tag = useNumberLocale();
  if (tiers.length === 0) return null;
  const from = (v: number) =>
    growth ? formatPercent(Math.round(v), tag) : formatAmount(Math.round(v), tag, currency);
  const last = tiers[tiers.length - 1];
  const end = Math.max(last.thresholdMinor * 1.25, growth ? 500 : 100_000);
  const points = [
    ...tiers.map((t) => ({ volume: t.thresholdMinor, rate: t.rateBps })),
    { volume: end, rate: last.rateBps },
  ];
  return (
    <figure className="tier-chart" aria-label="tier schedule chart">
      <ChartFrame height={220}>
        {() => (
          <LineChart
            width={520}
            height={220}
            data={points}
            margin={{ top: 10, right: 20, bottom: 10, left: 10 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="volume" type="number" domain={[0, end]} tickFormatter={from} />
            <YAxis dataKey="rate" tickFormatter={(v: number) => formatPercent(v, tag)} />
            <Tooltip
              formatter={(v: number) => formatPercent(v, tag)}
              labelFormatter={(v: number) => from(v)}
            />
            <Line
              type="stepAfter"
              dataKey="rate"
              stroke="#0b6e4f"
              strokeWidth={2}
              dot
              isAnimationActive={false}
            />
          </LineChart>
        )}
      </ChartFrame>
      <table className="sr-table">
        <tbody>
          {tiers.map((t) => (
            <tr key={t.thresholdMinor}>
              <td>{from(t.thresholdMinor)}</td>
              <td>{formatPercent(t.rateBps, tag)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

type KeyedRow = TierRow & { key: number };

/** Props: `basis`, `currency`, `defaultTiers` (rows), `errors` by field path ("tiers", "tiers.1.rateBps"). */
export function TierEditor({
  basis,
  currency,
  defaultTiers,
  errors,
}: {
  basis: Basis;
  currency: string;
  defaultTiers: TierRow[];
  errors: Record<string, string>;
}) {
  const { t, locale } = useI18n();
  const tag = useNumberLocale();
  const next = useRef(defaultTiers.length);
  const [rows, setRows] = useState<KeyedRow[]>(() =>
    defaultTiers.map((row, key) => ({ ...row, ...(key === 0 ? { threshold: 0 } : {}), key })),
  );
  const growth = basis === "growth";
  const field = growth ? "thresholdBps" : "thresholdMinor";
  const update = (key: number, change: Partial<TierRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const complete = rows.every((r) => r.threshold !== null && r.rateBps !== null);
  const tiers: Tier[] = complete
    ? rows.map((r) => ({ thresholdMinor: r.threshold!, rateBps: r.rateBps! }))
    : [];
  const problems = complete && !growth ? validateTierSchedule(tiers, locale) : [];
  return (
    <div className="tier-editor">
      <ol className="tier-rows">
        {rows.map((row, i) => (
          <li key={row.key} className="tier-row">
            <span className="tier-name">{t("editor.tierN", { n: i + 1 })}</span>
            {i === 0 ? (
              <p className="field">
                <span>{t(growth ? "editor.tierFromGrowth" : "editor.tierFrom")}</span>
                <input type="hidden" name={`tiers.0.${field}`} value="0" />
                <strong>{growth ? formatPercent(0, tag) : formatAmount(0, tag, currency)}</strong>
              </p>
            ) : growth ? (
              <PercentInput
                name={`tiers.${i}.${field}`}
                label={t("editor.tierFromGrowth")}
                defaultBps={row.threshold}
                error={errors[`tiers.${i}.${field}`]}
                required
                onBps={(threshold) => update(row.key, { threshold })}
              />
            ) : (
              <AmountInput
                name={`tiers.${i}.${field}`}
                label={t("editor.tierFrom")}
                currency={currency}
                defaultMinor={row.threshold}
                error={errors[`tiers.${i}.${field}`]}
                required
                onMinor={(threshold) => update(row.key, { threshold })}
              />
            )}
            <PercentInput
              name={`tiers.${i}.rateBps`}
              label={t("editor.tierRate")}
              defaultBps={row.rateBps}
              error={errors[`tiers.${i}.rateBps`]}
              required
              onBps={(rateBps) => update(row.key, { rateBps })}
            />
            {i > 0 ? (
              <button
                type="button"
                className="secondary"
                onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
              >
                {t("editor.remove")}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="secondary"
        onClick={() =>
          setRows((all) => [...all, { threshold: null, rateBps: null, key: next.current++ }])
        }
      >
        {t("editor.addTier")}
      </button>
      {errors.tiers ? <em className="error">{errors.tiers}</em> : null}
      {problems.length ? (
        <em className="error" data-testid="tier-problems">
          {problems.join(" ")}
        </em>
      ) : null}
      {complete && problems.length === 0 ? (
        <TierChart tiers={tiers} currency={currency} growth={growth} />
      ) : null}
      {complete && problems.length === 0 ? (
        growth ? (
          <GrowthWhatIf tiers={tiers} currency={currency} />
        ) : (
          <VolumeWhatIf tiers={tiers} currency={currency} />
        )
      ) : null}
    </div>
  );
}

function VolumeWhatIf({ tiers, currency }: { tiers: Tier[]; currency: string }) {
  const { t } = useI18n();
  const tag = useNumberLocale();
  const [volume, setVolume] = useState<number | null>(null);
  return (
    <div className="what-if">
      <AmountInput label={t("editor.whatIfVolume")} currency={currency} onMinor={setVolume} />
      {volume !== null ? (
        <p data-testid="what-if">
          {t("programs.allUnits")}:{" "}
          {formatAmount(grossRefund(volume, tiers, "all-units"), tag, currency)} ·{" "}
          {t("programs.incremental")}:{" "}
          {formatAmount(grossRefund(volume, tiers, "incremental"), tag, currency)}
        </p>
      ) : null}
    </div>
  );
}

function GrowthWhatIf({ tiers, currency }: { tiers: Tier[]; currency: string }) {
  const { t } = useI18n();
  const tag = useNumberLocale();
  const [baseline, setBaseline] = useState<number | null>(null);
  const [volume, setVolume] = useState<number | null>(null);
  const schedule = tiers.map((x) => ({ thresholdBps: x.thresholdMinor, rateBps: x.rateBps }));
  const reached =
    baseline !== null && volume !== null ? growthTierReached(volume, baseline, schedule) : null;
  const money = (minor: number) => formatAmount(minor, tag, currency);
  return (
    <div className="what-if">
      <AmountInput label={t("editor.whatIfBaseline")} currency={currency} onMinor={setBaseline} />
      <AmountInput label={t("editor.whatIfVolume")} currency={currency} onMinor={setVolume} />
      {reached && baseline !== null && volume !== null ? (
        <p data-testid="what-if">
          {reached.index === null
            ? t("editor.whatIfNoTier")
            : t("editor.whatIfGrowth", {
                tier: reached.index + 1,
                rate: formatPercent(reached.rateBps, tag),
                whole: money(growthGross(volume, baseline, reached.rateBps, "whole")),
                increment: money(growthGross(volume, baseline, reached.rateBps, "increment")),
              })}
        </p>
      ) : null}
    </div>
  );
}
