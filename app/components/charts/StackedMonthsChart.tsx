// A year of amounts by month, stacked by series (suppliers), for one currency: a recharts bar
// chart with the same figures as a table under a toggle (screen readers and exact amounts).
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { useI18n } from "~/i18n/context";
import type { StackedMonths } from "~/models/dashboard.server";
import { ChartFrame } from "./ChartFrame";
import { ChartTable } from "./ChartTable";

export const SERIES_COLORS = ["#0b6e4f", "#2563eb", "#d97706", "#7c3aed", "#db2777", "#0891b2"];

/** Short axis labels ("$1.2 M"), formatted from the exact decimal in the reader's region. */
export function useCompactMoney() {
  return useI18n().compactMoney;
}

/** "Jan", "ene", "jan": the month's short name in the reader's language, for the axis. */
export function useShortMonth() {
  return useI18n().shortMonth;
}

/** Every month's label when there is room for them, else every other one. */
export const monthInterval = (width: number) => (width < 520 ? 1 : 0);

export function StackedMonthsChart({
  chart,
  title,
  testId,
}: {
  chart: StackedMonths;
  title: string;
  testId: string;
}) {
  const { t, money, month } = useI18n();
  const compact = useCompactMoney();
  const shortMonth = useShortMonth();
  const total = (row: Record<string, number | string>) =>
    chart.series.reduce((sum, s) => sum + Number(row[s.key] ?? 0), 0);
  return (
    <figure className="dash-chart" data-testid={testId} data-currency={chart.currency}>
      <figcaption>
        {title} · {chart.currency}
      </figcaption>
      <ChartFrame height={260}>
        {(width) => (
          <BarChart
            width={width}
            height={260}
            data={chart.rows}
            margin={{ top: 10, right: 10, bottom: 0, left: width < 520 ? 0 : 10 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tickFormatter={shortMonth} interval={monthInterval(width)} />
            <YAxis
              tickFormatter={(v: number) => compact(v, chart.currency)}
              width={width < 520 ? 64 : 80}
            />
            <Tooltip
              formatter={(v: number) => money(Math.round(v), chart.currency)}
              labelFormatter={(m: string) => month(m)}
            />
            <Legend />
            {chart.series.map((s, i) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stackId="months"
                fill={SERIES_COLORS[i % SERIES_COLORS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        )}
      </ChartFrame>
      <ChartTable caption={`${title} · ${chart.currency}`}>
        <thead>
          <tr>
            <th scope="col">{t("dash.month")}</th>
            {chart.series.map((s) => (
              <th key={s.key} scope="col" className="num">
                {s.label}
              </th>
            ))}
            <th scope="col" className="num">
              {t("dash.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {chart.rows.map((row) => (
            <tr key={row.month} data-month={row.month}>
              <th scope="row">{month(row.month)}</th>
              {chart.series.map((s) => (
                <td key={s.key} className="num" data-series={s.label}>
                  {money(Number(row[s.key] ?? 0), chart.currency)}
                </td>
              ))}
              <td className="num" data-total>
                {money(total(row), chart.currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </ChartTable>
    </figure>
  );
}
