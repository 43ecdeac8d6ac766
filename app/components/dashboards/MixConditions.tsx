// Bonuses whose mix condition is not met yet (SPEC 3.7): which category needs how much more to
// switch each on, and what it would then pay the member.
import { useI18n } from "~/i18n/context";
import type { ProgramCard } from "~/models/member-dashboard.server";

export function MixConditions({
  mixes,
  currency,
}: {
  mixes: ProgramCard["mixes"];
  currency: string;
}) {
  const { t, money } = useI18n();
  if (mixes.length === 0) return null;
  return (
    <ul className="mix-conditions" data-testid="mix-conditions">
      {mixes.map((mix) => (
        <li key={mix.name} data-bonus={mix.name}>
          {mix.missing.map((m) => (
            <span key={m.category} data-category={m.category}>
              {t("comp.mixNeeded", {
                category: m.category,
                amount: money(m.neededMinor, currency),
                bonus: mix.name,
              })}{" "}
            </span>
          ))}
          {mix.memberWouldEarnMinor > 0 ? (
            <strong data-testid="mix-gain">
              {t("comp.mixGain", { amount: money(mix.memberWouldEarnMinor, currency) })}
            </strong>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
