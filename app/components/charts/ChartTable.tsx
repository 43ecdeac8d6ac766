// The table behind every dashboard chart: the exact figures, under a toggle that keyboard and
// screen-reader users reach like any other control (the chart itself is hidden from them); it
// scrolls inside itself on a phone.
import type { ReactNode } from "react";
import { useI18n } from "~/i18n/context";

export function ChartTable({ caption, children }: { caption: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <details className="chart-table">
      <summary>{t("dash.showTable")}</summary>
      <div className="table-scroll">
        <table>
          <caption className="sr-only">{caption}</caption>
          {children}
        </table>
      </div>
    </details>
  );
}
