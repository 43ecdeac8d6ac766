// Previous/next links that keep the current filters in the query string.
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
  const { t } = useI18n();
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
      <span>{t("common.page", { page, pages, total })}</span>
      {page < pages ? <Link to={to(page + 1)}>{t("common.next")}</Link> : <span />}
    </nav>
  );
}

/** A column header that sorts the list server-side by `column`, toggling the direction. */
export function SortHeader({ column, label }: { column: string; label: string }) {
  const [params] = useSearchParams();
  const active = params.get("sort") === column;
  const dir = active && params.get("dir") !== "desc" ? "desc" : "asc";
  const next = new URLSearchParams(params);
  next.set("sort", column);
  next.set("dir", dir);
  next.delete("page");
  const mark = active ? (dir === "desc" ? " ▲" : " ▼") : "";
  return (
    <th aria-sort={active ? (dir === "desc" ? "ascending" : "descending") : "none"}>
      <Link to={`?${next}`}>
        {label}
        {mark}
      </Link>
    </th>
  );
}
