// The "supplier" select of list filters: every supplier, or all of them.
import { ChoiceFilter } from "~/components/tables/FilterFields";
import { useI18n } from "~/i18n/context";

export function SupplierFilter({ suppliers }: { suppliers: { id: number; name: string }[] }) {
  const { t } = useI18n();
  return (
    <ChoiceFilter
      name="supplierId"
      label={t("adminReports.supplier")}
      all={t("adminReports.allSuppliers")}
      choices={suppliers.map((s) => ({ value: s.id, label: s.name }))}
    />
  );
}
