// A statement posting's explanation in words, in the reader's language and format region (screen
// and XLSX alike): rates as the region writes them, months in the reader's language.
import { formatBps, formatMonth, translate, type Locale } from "~/i18n/locale";
import { dateRegion, defaultRegion, type Region } from "~/i18n/regions";
import type { PostingExplanation } from "~/refunds/statement";

/** `region` is the reader's (useI18n().region); left out, the language's default region. */
export function explainPosting(
  e: PostingExplanation,
  locale: Locale,
  region: Region = defaultRegion(locale),
): string {
  const dates = dateRegion(locale, region);
  const month = formatMonth(e.month, dates);
  switch (e.code) {
    case "regular":
      return translate(locale, "statement.explainRegular", {
        month,
        tier: e.tier,
        rate: formatBps(e.rateBps, region),
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
              ? formatMonth(e.from, dates)
              : `${formatMonth(e.from, dates)}–${formatMonth(e.to, dates)}`,
        },
      );
    case "rerun":
      return translate(locale, "statement.explainRerun", { month });
    case "correction":
      return translate(locale, "statement.explainCorrection", { month });
  }
}
