// The order of a list shown as cards (no column headers to click): a "Sort by" select of the
// list's sort keys and an "Order" select, sent with the list's filter form (shared list toolkit).
import { useSearchParams } from "@remix-run/react";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";

export function SortChoice<K extends string>({
  sorts,
  label,
}: {
  sorts: readonly K[];
  /** The words for each sort key. */
  label: (key: K) => MessageKey;
}) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  return (
    <>
      <label className="field">
        <span>{t("claims.sortBy")}</span>
        <select name="sort" defaultValue={params.get("sort") ?? "createdAt"}>
          {sorts.map((k) => (
            <option key={k} value={k}>
              {t(label(k))}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("claims.order")}</span>
        <select name="dir" defaultValue={params.get("dir") ?? "desc"}>
          <option value="desc">{t("claims.dir.desc")}</option>
          <option value="asc">{t("claims.dir.asc")}</option>
        </select>
      </label>
    </>
  );
}
