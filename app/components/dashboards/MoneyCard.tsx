// A headline figure of a dashboard: one amount per currency (or a dash when there is none).
import type { ReactNode } from "react";
import { useI18n } from "~/i18n/context";

export function MoneyCard({
  label,
  amounts,
  testId,
  note,
}: {
  label: string;
  amounts: { currency: string; amountMinor: number }[];
  testId: string;
  note?: ReactNode;
}) {
  const { money } = useI18n();
  return (
    <div className="card" data-testid={testId}>
      <div className="label">{label}</div>
      {amounts.length === 0 ? (
        <div className="figure">—</div>
      ) : (
        amounts.map((a) => (
          <div className="figure" key={a.currency} data-currency={a.currency}>
            {money(a.amountMinor, a.currency)}
          </div>
        ))
      )}
      {note ? <div className="label">{note}</div> : null}
    </div>
  );
}
