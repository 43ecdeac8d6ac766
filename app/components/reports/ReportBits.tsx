// Small pieces the report screens share: a status badge, totals in their currencies, a progress bar.
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";

export type ReportStatus =
  "queued" | "processing" | "active" | "superseded" | "rejected" | "failed";

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge status-${status}`} data-status={status}>
      {t(`reports.status.${status}` as MessageKey)}
    </span>
  );
}

export function TotalsText({ totals }: { totals: { currency: string; amountMinor: number }[] }) {
  const { money } = useI18n();
  if (totals.length === 0) return <>—</>;
  return (
    <>
      {totals.map((x, i) => (
        <span key={x.currency} className="total">
          {i > 0 ? <br /> : null}
          {money(x.amountMinor, x.currency)}
        </span>
      ))}
    </>
  );
}

/** A labelled bar; `percent` null shows an indeterminate (waiting) bar. */
export function ProgressBar({
  label,
  percent,
  detail,
  testId,
}: {
  label: string;
  percent: number | null;
  detail?: string;
  testId?: string;
}) {
  return (
    <div className="progress" data-testid={testId}>
      <div className="progress-label">
        <span>{label}</span>
        <span>{detail ?? (percent === null ? "" : `${percent} %`)}</span>
      </div>
      <progress
        max={100}
        value={percent ?? undefined}
        aria-label={label}
        data-percent={percent ?? ""}
      />
    </div>
  );
}
