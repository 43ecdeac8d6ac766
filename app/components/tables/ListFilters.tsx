// The filter form above a list (shared list toolkit, SPEC 6): a GET form whose fields are the
// children, keeping the current sort (a GET form replaces the whole query string), with the
// Filter button and, when anything is set, a "Clear filters" link.
//
// Usage:
//   <ListFilters>
//     <label>{t("common.search")}<input type="search" name="q" defaultValue={params.get("q") ?? ""} /></label>
//     <label>{t("lists.status")}<select name="status" defaultValue={params.get("status") ?? ""}>…</select></label>
//   </ListFilters>
import { Form, Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useI18n } from "~/i18n/context";

export function ListFilters({
  children,
  keep = ["sort", "dir"],
  testId = "list-filters",
}: {
  children: ReactNode;
  /** Query parameters the form carries over unchanged (hidden fields). */
  keep?: string[];
  testId?: string;
}) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  // Any parameter but the sort and pages is a filter ("Clear filters" then shows).
  const filtered = [...params.keys()].some((k) => !keep.includes(k) && !/page$/.test(k));
  return (
    <Form method="get" className="list-filters" data-testid={testId}>
      {children}
      {keep.map((k) => {
        const value = params.get(k);
        return value ? <input key={k} type="hidden" name={k} value={value} /> : null;
      })}
      <button type="submit">{t("common.filter")}</button>
      {filtered ? <Link to="?">{t("lists.clearFilters")}</Link> : null}
    </Form>
  );
}
