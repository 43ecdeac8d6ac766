// The tier schedule editor: the text lines, a live step chart of the schedule, and a what-if
// that applies the draft schedule to a volume with both methods (the engine runs in the browser).
import { useState } from "react";
import { Line, LineChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./ChartFrame";
import { useI18n } from "~/i18n/context";
import { grossRefund, validateTierSchedule, type Tier } from "~/refunds/tiers";
import { readTierText } from "~/schemas/tier-text";

// The one tier-text parser, shared with the program schema (decision 036).
export { parseTierLines } from "~/schemas/tier-text";

export function TierChart({ tiers, currency }: { tiers: Tier[]; currency: string }) {
  const { money, bps } = useI18n();
  if (tiers.length === 0) return null;
  const last = tiers[tiers.length - 1];
  const end = Math.max(last.thresholdMinor * 1.25, 100_000);
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
            <XAxis
              dataKey="volume"
              type="number"
              domain={[0, end]}
              tickFormatter={(v: number) => money(Math.round(v), currency)}
            />
            <YAxis dataKey="rate" tickFormatter={(v: number) => bps(v)} />
            <Tooltip
              formatter={(v: number) => bps(v)}
              labelFormatter={(v: number) => money(Math.round(v), currency)}
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
              <td>{money(t.thresholdMinor, currency)}</td>
              <td>{bps(t.rateBps)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function TierEditor({
  defaultValue,
  error,
  currency,
}: {
  defaultValue: string;
  error?: string;
  currency: string;
}) {
  const { t, money } = useI18n();
  const [text, setText] = useState(defaultValue);
  const [volume, setVolume] = useState("");
  const { tiers, unreadable } = readTierText(text);
  // A line that is not a tier makes the server refuse the whole text: no preview of the rest.
  const problems = unreadable.length ? [] : validateTierSchedule(tiers);
  const readable = unreadable.length === 0 && problems.length === 0;
  const v = Number(volume);
  const whatIf = readable && /^\d+$/.test(volume);
  return (
    <div className="tier-editor">
      <label className="field">
        <span>{t("programs.tiers")}</span>
        <textarea
          name="tiers"
          rows={4}
          required
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby="tiers-help"
        />
        <small id="tiers-help">{t("programs.tiersHelp")}</small>
        {error ? <em className="error">{error}</em> : null}
        {!error && unreadable.length ? (
          <em className="error" data-testid="tier-problems">
            {unreadable.map((l) => `${l.line}: "${l.text}"`).join(" · ")} —{" "}
            {t("programs.tiersHelp")}
          </em>
        ) : null}
        {!error && problems.length ? (
          <em className="error" data-testid="tier-problems">
            {problems.join(" ")}
          </em>
        ) : null}
      </label>
      {readable ? <TierChart tiers={tiers} currency={currency} /> : null}
      <label className="field">
        <span>{t("programs.whatIfVolume")}</span>
        <input
          inputMode="numeric"
          value={volume}
          onChange={(e) => setVolume(e.target.value.trim())}
        />
      </label>
      {whatIf ? (
        <p data-testid="what-if">
          {t("programs.allUnits")}: {money(grossRefund(v, tiers, "all-units"), currency)} ·{" "}
          {t("programs.incremental")}: {money(grossRefund(v, tiers, "incremental"), currency)}
        </p>
      ) : null}
    </div>
  );
}
