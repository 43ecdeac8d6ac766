// Whether an accepted report has counted yet, in words (issue 15 item 10): accepted versions wait
// for the monthly run; once a run covering them is posted, the note says which and what it counted.
import type { ReportCounting } from "~/models/report-counting.server";
import { useI18n } from "~/i18n/context";

export function CountingNote({ counting }: { counting: ReportCounting | undefined }) {
  const { t, month, date, money } = useI18n();
  if (!counting || counting.state === "not_accepted") return null;
  if (counting.state === "waiting" || counting.state === "no_program")
    return (
      <span className="counting" data-testid="counting" data-state={counting.state}>
        {t(
          counting.state === "waiting" ? "reports.counting.waiting" : "reports.counting.noProgram",
        )}
      </span>
    );
  return (
    <span className="counting" data-testid="counting" data-state="counted">
      {counting.runs.map((r, i) => (
        <span key={r.programId} data-run={r.runId}>
          {i > 0 ? <br /> : null}
          {t("reports.counting.counted", {
            program: r.programName,
            month: month(r.runMonth),
            date: date(r.postedAt),
            amount: money(r.amountMinor, r.currency),
          })}
        </span>
      ))}
    </span>
  );
}
