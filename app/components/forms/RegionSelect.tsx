// The select of a format region (how numbers, money and dates are written), each option showing
// how it writes 1234.56, so a reader recognizes their own way.
import type { ReactNode } from "react";
import { useI18n } from "~/i18n/context";
import { formatNumber } from "~/i18n/format";
import type { Locale } from "~/i18n/locale";
import { REGIONS, REGION_NAMES } from "~/i18n/regions";

/** Each language's name in itself, as the language select shows it. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  es: "Español",
  "pt-BR": "Português",
  en: "English",
};

/** `children` are options placed before the regions (e.g. "automatic"). */
export function RegionSelect({
  name,
  label,
  defaultValue,
  children,
}: {
  name: string;
  label: string;
  defaultValue: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} defaultValue={defaultValue}>
        {children}
        {REGIONS.map((r) => (
          <option key={r} value={r}>
            {t("region.example", { region: REGION_NAMES[r], example: formatNumber(1234.56, r) })}
          </option>
        ))}
      </select>
    </label>
  );
}
