// Cells the admin's report screens share: a report's status in the user's language and its
// totals, one formatted amount per currency.
import type { ReportStatus } from "@db/schema";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";

export const STATUS_LABELS: Record<ReportStatus, MessageKey> = {
  queued: "adminReports.statusQueued",
  processing: "adminReports.statusProcessing",
  active: "adminReports.statusActive",
  superseded: "adminReports.statusSuperseded",
  rejected: "adminReports.statusRejected",
  failed: "adminReports.statusFailed",
};

export function StatusLabel({ status }: { status: ReportStatus }) {
  const { t } = useI18n();
  const alarming = status === "rejected" || status === "failed";
  return <span className={alarming ? "error" : undefined}>{t(STATUS_LABELS[status])}</span>;
}

export function ReportTotals({ totals }: { totals: Record<string, number> }) {
  const { money } = useI18n();
  const entries = Object.entries(totals).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      {entries.map(([currency, minor], i) => (
        <span key={currency}>
          {i > 0 ? <br /> : null}
          {money(minor, currency)}
        </span>
      ))}
    </>
  );
}
