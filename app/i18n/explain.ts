// A statement posting's explanation in words, in the reader's language (screen and XLSX alike).
import { formatBps, formatMonth, translate, type Locale } from "~/i18n/locale";
import type { PostingExplanation } from "~/refunds/statement";

export function explainPosting(e: PostingExplanation, locale: Locale): string {
  const month = formatMonth(e.month, locale);
  switch (e.code) {
    case "regular":
      return translate(locale, "statement.explainRegular", {
        month,
        tier: e.tier,
        rate: formatBps(e.rateBps, locale),
      });
    case "tier_up":
    case "tier_down":
      return translate(
        locale,
        e.code === "tier_up" ? "statement.explainTierUp" : "statement.explainTierDown",
        {
          month,
          tier: e.tier,
          range:
            e.from === e.to
              ? formatMonth(e.from, locale)
              : `${formatMonth(e.from, locale)}–${formatMonth(e.to, locale)}`,
        },
      );
    case "rerun":
      return translate(locale, "statement.explainRerun", { month });
    case "correction":
      return translate(locale, "statement.explainCorrection", { month });
  }
}
