// A program's year-to-date pooled volume month by month against its tier thresholds, drawn as
// reference lines labelled with their rates; the same figures as a table under a toggle.
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { useI18n } from "~/i18n/context";
import type { ProgramVolume } from "~/models/supplier-dashboard.server";
import { ChartFrame } from "./ChartFrame";
import { ChartTable } from "./ChartTable";
import { monthInterval, useCompactMoney, useShortMonth } from "./StackedMonthsChart";

export function VolumeTiersChart({ volume, year }: { volume: ProgramVolume; year: number }) {
  const { t, money, month, bps } = useI18n();
  const compact = useCompactMoney();
  const shortMonth = useShortMonth();
  const { program } = volume;
  const byMonth = new Map(volume.months.map((m) => [m.month, m]));
  const rows = Array.from({ length: 12 }, (_, i) => {
    const key = `${year}-${String(i + 1).padStart(2, "0")}`;
    return { month: key, volume: byMonth.get(key)?.pooledVolumeMinor ?? null };
  });
  const top = Math.max(
    ...volume.months.map((m) => m.pooledVolumeMinor),
    ...program.tiers.map((tier) => tier.thresholdMinor),
    1,
  );
  return (
    <figure className="dash-chart" data-testid={`volume-chart-${program.id}`}>
      <figcaption>{t("dash.pooledAgainstTiers", { program: program.name })}</figcaption>
      <ChartFrame height={260}>
        {(width) => (
          <BarChart
            width={width}
            height={260}
            data={rows}
            margin={{ top: 16, right: 60, bottom: 0, left: width < 520 ? 0 : 10 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tickFormatter={shortMonth} interval={monthInterval(width)} />
            <YAxis
              domain={[0, Math.ceil(top * 1.1)]}
              tickFormatter={(v: number) => compact(v, program.currency)}
              width={width < 520 ? 64 : 80}
            />
            <Tooltip
              formatter={(v: number) => money(Math.round(v), program.currency)}
              labelFormatter={(m: string) => month(m)}
            />
            <Bar
              dataKey="volume"
              name={t("dash.pooledVolume")}
              fill="#0b6e4f"
              isAnimationActive={false}
            />
            {program.tiers
              .filter((tier) => tier.thresholdMinor > 0)
              .map((tier) => (
                <ReferenceLine
                  key={tier.thresholdMinor}
                  y={tier.thresholdMinor}
                  stroke="#b45309"
                  strokeDasharray="6 3"
                  label={{ value: bps(tier.rateBps), position: "right", fill: "#b45309" }}
                />
              ))}
          </BarChart>
        )}
      </ChartFrame>
      <ChartTable caption={t("dash.pooledAgainstTiers", { program: program.name })}>
        <thead>
          <tr>
            <th scope="col">{t("dash.month")}</th>
            <th scope="col" className="num">
              {t("dash.pooledVolumeYtd")}
            </th>
            <th scope="col" className="num">
              {t("dash.rate")}
            </th>
          </tr>
        </thead>
        <tbody>
          {volume.months.map((m) => (
            <tr key={m.month} data-month={m.month}>
              <th scope="row">{month(m.month)}</th>
              <td className="num" data-volume>
                {money(m.pooledVolumeMinor, program.currency)}
              </td>
              <td className="num">{bps(m.rateBps)}</td>
            </tr>
          ))}
          {program.tiers.map((tier) => (
            <tr key={`tier-${tier.thresholdMinor}`} className="threshold">
              <th scope="row">{t("dash.threshold")}</th>
              <td className="num">{money(tier.thresholdMinor, program.currency)}</td>
              <td className="num">{bps(tier.rateBps)}</td>
            </tr>
          ))}
        </tbody>
      </ChartTable>
    </figure>
  );
}
