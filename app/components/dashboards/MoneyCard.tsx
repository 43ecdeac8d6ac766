// A headline figure of a dashboard: one amount per currency (or a dash when there is none). The
// figures shrink with the card (CSS container units) so no amount or currency code is cut off.
import type { CSSProperties, ReactNode } from "react";
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
  const figures = amounts.map((a) => ({ ...a, text: money(a.amountMinor, a.currency) }));
  // The longest figure sets the size of all of them, so a card's amounts line up.
  const chars = Math.max(8, ...figures.map((f) => f.text.length));
  return (
    <div
      className="card money-card"
      data-testid={testId}
      style={{ "--chars": chars } as CSSProperties}
    >
      <div className="label">{label}</div>
      {figures.length === 0 ? (
        <div className="figure">—</div>
      ) : (
        figures.map((f) => (
          <div className="figure money" key={f.currency} data-currency={f.currency}>
            {f.text}
          </div>
        ))
      )}
      {note ? <div className="label">{note}</div> : null}
    </div>
  );
}
