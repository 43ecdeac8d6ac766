// Previous/next links that keep the current filters in the query string (shared list toolkit).
// Usage: <Pager page={data.page} pageSize={data.pageSize} total={data.total} /> under the table;
// a second list on the screen passes its own page parameter: param="rpage".
import { Link, useSearchParams } from "@remix-run/react";
import { useI18n } from "~/i18n/context";

export function Pager({
  page,
  pageSize,
  total,
  param = "page",
}: {
  page: number;
  pageSize: number;
  total: number;
  /** The query parameter of this list's page, when a screen pages two lists. */
  param?: string;
}) {
  const { t, plural, number } = useI18n();
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const to = (p: number) => {
    const next = new URLSearchParams(params);
    next.set(param, String(p));
    return `?${next}`;
  };
  return (
    <nav className="pager" aria-label={param === "page" ? "pagination" : `pagination ${param}`}>
      {page > 1 ? <Link to={to(page - 1)}>{t("common.previous")}</Link> : <span />}
      <span>{plural("lists.page", total, { page: number(page), pages: number(pages) })}</span>
      {page < pages ? <Link to={to(page + 1)}>{t("common.next")}</Link> : <span />}
    </nav>
  );
}
