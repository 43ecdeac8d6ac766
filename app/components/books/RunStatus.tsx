// A run's status in words: posted, a true-up (a month posted again), or a preview not posted.
import { useI18n } from "~/i18n/context";

export function RunStatus({ status, trueUp }: { status: "preview" | "posted"; trueUp: boolean }) {
  const { t } = useI18n();
  if (status === "preview") return <span className="muted">{t("history.preview")}</span>;
  return <span className="badge">{trueUp ? t("history.trueUp") : t("history.posted")}</span>;
}
