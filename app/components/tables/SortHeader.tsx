// A column header that sorts its list on the server (shared list toolkit, SPEC 6). A link (so the
// keyboard reaches it and it works before hydration) that sets `?sort=<column>&dir=` and goes back
// to page 1, keeping the screen's filters; aria-sort says how the list is sorted now.
//
// Usage (the loader returns `sorted` from listQuery(...).state, so the default sort shows too):
//   <thead><tr>
//     <SortHeader column="name" label={t("common.name")} sorted={data.sorted} />
//     <SortHeader column="balance" label={t("x.balance")} sorted={data.sorted} className="num" first="desc" />
//     <th scope="col">{t("x.notSortable")}</th>
//   </tr></thead>
// `column` is one of the list's sort keys (app/http/list-query.server.ts); the header adds only a
// one-character arrow to the active column, so it never widens a table.
import { Link, useSearchParams } from "@remix-run/react";
import { useI18n } from "~/i18n/context";

type Dir = "asc" | "desc";

export function SortHeader({
  column,
  label,
  sorted,
  first = "asc",
  className,
  prefix = "",
}: {
  column: string;
  label: string;
  /** The list's sort as the loader applied it; the query string's when left out. */
  sorted?: { sort: string; dir: Dir };
  /** The direction of the first click (e.g. "desc" for dates and amounts: newest, largest first). */
  first?: Dir;
  className?: string;
  /** A second list on the screen: its `<prefix>sort`, `<prefix>dir`, `<prefix>page` parameters. */
  prefix?: string;
}) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const current = sorted ?? {
    sort: params.get(`${prefix}sort`) ?? "",
    dir: params.get(`${prefix}dir`) === "desc" ? ("desc" as const) : ("asc" as const),
  };
  const active = current.sort === column;
  const dir: Dir = active ? (current.dir === "asc" ? "desc" : "asc") : first;
  const next = new URLSearchParams(params);
  next.set(`${prefix}sort`, column);
  next.set(`${prefix}dir`, dir);
  next.delete(`${prefix}page`);
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active ? (current.dir === "asc" ? "ascending" : "descending") : "none"}
      data-sort={column}
    >
      <Link
        to={`?${next}`}
        preventScrollReset
        title={t(dir === "asc" ? "lists.sortAscending" : "lists.sortDescending", { column: label })}
      >
        {label}
        {active ? <span aria-hidden="true">{current.dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}
