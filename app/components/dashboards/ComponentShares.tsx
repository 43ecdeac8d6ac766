// The member's year-to-date share of each component of a program (SPEC 3.7), as the last posted
// run allocated them: "Q1 cameras: 540.00".
import { componentLabel } from "~/i18n/component-label";
import { useI18n } from "~/i18n/context";

export function ComponentShares({
  components,
  currency,
  growthBasis,
}: {
  components: { kind: "tier" | "bonus"; name: string; amountMinor: number }[];
  currency: string;
  growthBasis: boolean;
}) {
  const { t, money, locale } = useI18n();
  if (components.length === 0) return null;
  return (
    <div className="component-shares" data-testid="component-shares">
      <h4>{t("comp.yourShares")}</h4>
      <dl>
        {components.map((c) => (
          <div key={`${c.kind}:${c.name}`} data-component={c.name}>
            <dt>{componentLabel(c, growthBasis, locale)}</dt>
            <dd className="num" data-amount>
              {money(c.amountMinor, currency)}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
