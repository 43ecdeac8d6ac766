// The "supplier" select of list filters: every supplier, or all of them.
import { useI18n } from "~/i18n/context";

export function SupplierFilter({
  suppliers,
  selected,
}: {
  suppliers: { id: number; name: string }[];
  selected: string | null;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{t("adminReports.supplier")}</span>
      <select name="supplierId" defaultValue={selected ?? ""}>
        <option value="">{t("adminReports.allSuppliers")}</option>
        {suppliers.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
