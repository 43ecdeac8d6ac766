// The model half of the shared list toolkit (SPEC 6: every list sorts, filters and downloads, in SQL,
// at 100,000 rows). Models cannot import app/http, so the sort and paging types live here and
// app/http/list-query.server.ts re-exports them.
//
// Usage in a model:
//   export const SUPPLIER_SORTS = ["name", "country", "createdAt"] as const;
//   export function listSuppliers(filter: SupplierFilter, sorted: ListSort<SupplierSort>, paging?: Paging) {
//     const where = and(contains(suppliers.name, filter.q), ...);
//     const rows = db.select().from(suppliers).where(where)
//       .orderBy(...orderFor({ name: suppliers.name, country: suppliers.country,
//                              createdAt: suppliers.createdAt }, sorted, suppliers.id))
//       .limit(limitOf(paging)).offset(offsetOf(paging)).all();
//     const total = db.select({ n: count() }).from(suppliers).where(where).get()?.n ?? 0;
//     return { rows, total };
//   }
// `paging` left out means every row (a download); a screen always passes its page.
import { asc, desc, sql, type SQL, type SQLWrapper } from "drizzle-orm";

export type SortDir = "asc" | "desc";
/** A whitelisted sort key and its direction, as app/http/list-query.server.ts reads them. */
export type ListSort<K extends string> = { sort: K; dir: SortDir };
/** One page of a list: `page` from 1. */
export type Paging = { page: number; pageSize: number };

/**
 * ORDER BY terms: the sort key's column (or columns, in order) in the chosen direction, then the
 * tie-breakers ascending, so that pages never repeat or skip a row when values are equal.
 * `columns` maps every allowed key to SQL; a key is never text from the request.
 */
export function orderFor<K extends string>(
  columns: Record<K, SQLWrapper | readonly SQLWrapper[]>,
  sorted: ListSort<K>,
  ...tieBreakers: SQLWrapper[]
): SQL[] {
  const chosen = columns[sorted.sort];
  const list: readonly SQLWrapper[] = Array.isArray(chosen) ? chosen : [chosen as SQLWrapper];
  const by = sorted.dir === "desc" ? desc : asc;
  return [...list.map((c) => by(c)), ...tieBreakers.map((c) => asc(c))];
}

/** LIMIT of a page; every row (-1, SQLite's "no limit") when there is no page. */
export const limitOf = (paging?: Paging) => (paging ? paging.pageSize : -1);
/** OFFSET of a page. */
export const offsetOf = (paging?: Paging) =>
  paging ? (Math.max(1, paging.page) - 1) * paging.pageSize : 0;

/** `text` with LIKE's wildcards escaped (with `\`), so a search for "50%" finds "50%". */
export const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * "Column contains the search text" (case-insensitive for ASCII, as SQLite's LIKE is), or
 * undefined when there is no text, so it can go straight into drizzle's `and(...)`.
 * Several columns: any of them contains it.
 */
export function contains(
  columns: SQLWrapper | readonly SQLWrapper[],
  text: string | undefined,
): SQL | undefined {
  if (!text) return undefined;
  const pattern = `%${likeEscaped(text)}%`;
  const list: readonly SQLWrapper[] = Array.isArray(columns) ? columns : [columns as SQLWrapper];
  const terms = list.map((c) => sql`${c} like ${pattern} escape '\\'`);
  return terms.length === 1 ? terms[0] : sql`(${sql.join(terms, sql` or `)})`;
}

/**
 * The same for a hand-written statement (`db.$client.prepare`): "ORDER BY" text from the list's
 * own column map (constants, never request text), e.g.
 * `orderText({ name: "s.name", owed: "owed_minor" }, sorted, "p.id")` → "s.name DESC, p.id ASC".
 */
export function orderText<K extends string>(
  columns: Record<K, string | readonly string[]>,
  sorted: ListSort<K>,
  ...tieBreakers: string[]
): string {
  const dir = sorted.dir === "desc" ? "DESC" : "ASC";
  const chosen: string | readonly string[] = columns[sorted.sort];
  const list: readonly string[] = typeof chosen === "string" ? [chosen] : chosen;
  return [...list.map((c) => `${c} ${dir}`), ...tieBreakers.map((c) => `${c} ASC`)].join(", ");
}

/** The parameter of `column LIKE ? ESCAPE '\'` for "contains `text`". */
export const likeContains = (text: string) => `%${likeEscaped(text)}%`;
