// Reading a list's query string (shared list toolkit, SPEC 6): page, whitelisted sort and
// direction, search text and filters. Nothing read here ever reaches SQL as text: a sort is one
// of the list's own keys (anything else is the list's default), filters are bounded strings,
// ids or members of a fixed set.
//
// Usage in a loader (the export route calls the same function, so a download has the screen's
// filter and sort):
//   const list = listQuery(request, { sorts: SUPPLIER_SORTS, sort: "name" });
//   const { rows, total } = listSuppliers({ q: list.q, status: list.oneOf("status", STATUSES) },
//                                         list.sorted, list.paging);
//   return { rows, total, ...list.state };          // page, pageSize, sorted for <SortHeader>/<Pager>
// Screen: <SortHeader column="name" label={t("common.name")} sorted={data.sorted} />,
//         <Pager page={data.page} pageSize={data.pageSize} total={data.total} />,
//         <Downloads path="/admin/suppliers/export" />  (all in app/components/tables/).
import type { ListFormat } from "~/models/list-files.server";
import type { ListSort, Paging, SortDir } from "~/models/list-order.server";
import { idFilter } from "./run-history.server";

export type { ListSort, Paging, SortDir } from "~/models/list-order.server";

export type SortSpec<K extends string> = {
  /** Every key the list sorts by; the screen's column headers use the same keys. */
  sorts: readonly K[];
  /** The sort when the query string has none or an unknown one. */
  sort: K;
  /** Its direction ("asc" unless told). */
  dir?: SortDir;
  /**
   * For a second list on one screen: its parameters are `<prefix>sort`, `<prefix>dir` and
   * `<prefix>page` (give <SortHeader> and <Pager> the same prefix / param).
   */
  prefix?: string;
};

/** `?sort=&dir=` if `sort` is one of the list's keys; the list's default otherwise. */
export function sortParam<K extends string>(url: URL, spec: SortSpec<K>): ListSort<K> {
  const sort = url.searchParams.get(`${spec.prefix ?? ""}sort`);
  const dir = url.searchParams.get(`${spec.prefix ?? ""}dir`);
  if (!spec.sorts.includes(sort as K)) return { sort: spec.sort, dir: spec.dir ?? "asc" };
  return { sort: sort as K, dir: dir === "desc" ? "desc" : "asc" };
}

/** `?page=` as a number from 1 to 1,000,000. */
export function pageParam(url: URL, name = "page"): number {
  const page = Number.parseInt(url.searchParams.get(name) ?? "1", 10);
  return Math.max(1, Math.min(1_000_000, Number.isFinite(page) ? page : 1));
}

/** A text filter, trimmed and at most `max` characters; undefined when empty. */
export function textParam(url: URL, name: string, max = 100): string | undefined {
  return url.searchParams.get(name)?.trim().slice(0, max) || undefined;
}

/** `?format=xlsx` or CSV (the default) for a download. */
export function formatParam(url: URL): ListFormat {
  return url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
}

/** Everything a list's loader (or its export route) reads from the query string. */
export function listQuery<K extends string>(
  request: Request,
  spec: SortSpec<K> & { pageSize?: number },
) {
  const url = new URL(request.url);
  const sorted = sortParam(url, spec);
  const page = pageParam(url, `${spec.prefix ?? ""}page`);
  const pageSize = spec.pageSize ?? 50;
  const paging: Paging = { page, pageSize };
  return {
    url,
    sorted,
    paging,
    /** `?q=`, the list's search text. */
    q: textParam(url, "q"),
    text: (name: string, max?: number) => textParam(url, name, max),
    /** A filter that must be one of `allowed`; anything else is no filter. */
    oneOf: <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
      const value = url.searchParams.get(name);
      return allowed.includes(value as T) ? (value as T) : undefined;
    },
    /** A positive id filter; anything else is no filter. */
    id: (name: string) => idFilter(url.searchParams.get(name)),
    format: formatParam(url),
    /** What the screen needs back for its headers and pager. */
    state: { page, pageSize, sorted },
  };
}
