// Moves a dashboard to the year before or after (not past this year).
import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/context";

export function YearSwitch({ year, currentYear }: { year: number; currentYear: number }) {
  const { t } = useI18n();
  return (
    <nav className="year-switch" aria-label={t("dash.year")}>
      <Link to={`?year=${year - 1}`} rel="prev">
        ← {year - 1}
      </Link>
      <strong>{year}</strong>
      {year < currentYear ? (
        <Link to={`?year=${year + 1}`} rel="next">
          {year + 1} →
        </Link>
      ) : null}
    </nav>
  );
}
