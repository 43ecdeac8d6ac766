// A payout batch's status in the reader's language.
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";

const LABEL: Record<string, MessageKey> = {
  draft: "payouts.statusDraft",
  approved: "payouts.statusApproved",
  paid: "payouts.statusPaid",
  cancelled: "payouts.statusCancelled",
};

export function PayoutStatus({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span className={`status status-${status}`} data-status={status}>
      {LABEL[status] ? t(LABEL[status]) : status}
    </span>
  );
}
