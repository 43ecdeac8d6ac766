// The fields of a list's filter form (shared list toolkit, SPEC 6): each a labelled control named
// after its query parameter, showing the value the screen was opened with.
//
// Usage, inside <ListFilters> (or any GET form):
//   <TextFilter label={t("lists.search")} placeholder={t("lists.searchUser")} />
//   <ChoiceFilter name="status" label={t("payouts.status")} all={t("lists.allStatuses")}
//     choices={PAYOUT_STATUSES.map((s) => ({ value: s, label: t(STATUS_LABEL[s]) }))} />
import { useSearchParams } from "@remix-run/react";
import type { InputHTMLAttributes } from "react";

/** A value the list filters on, and its words; a plain string is both. */
export type Choice = string | { value: string | number; label: string };

/** A select of one of the list's values, or (the empty first option, `all`) every row. */
export function ChoiceFilter({
  name,
  label,
  all,
  choices,
}: {
  name: string;
  label: string;
  /** The first option, the unfiltered list: "All statuses". */
  all: string;
  choices: readonly Choice[];
}) {
  const [params] = useSearchParams();
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} defaultValue={params.get(name) ?? ""}>
        <option value="">{all}</option>
        {choices.map((c) => {
          const { value, label: words } = typeof c === "string" ? { value: c, label: c } : c;
          return (
            <option key={value} value={value}>
              {words}
            </option>
          );
        })}
      </select>
    </label>
  );
}

/** A typed filter: the search box (`q`) unless told otherwise, or a month, a country, an address. */
export function TextFilter({
  name = "q",
  label,
  type = "search",
  ...input
}: {
  name?: string;
  label: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue">) {
  const [params] = useSearchParams();
  return (
    <label className="field">
      <span>{label}</span>
      <input type={type} name={name} defaultValue={params.get(name) ?? ""} {...input} />
    </label>
  );
}
