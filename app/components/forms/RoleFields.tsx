// Role with the supplier or member it is scoped to.
import { useState } from "react";
import { useI18n } from "~/i18n/context";

type Option = { id: number; name: string };
type Defaults = { role: string; supplierId: number | null; memberId: number | null };

export function RoleFields({
  suppliers,
  members,
  defaults,
}: {
  suppliers: Option[];
  members: Option[];
  defaults?: Defaults;
}) {
  const { t } = useI18n();
  const [role, setRole] = useState(defaults?.role ?? "member");
  return (
    <>
      <label className="field">
        <span>{t("users.role")}</span>
        <select name="role" value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="admin">{t("lists.roleAdmin")}</option>
          <option value="supplier">{t("lists.roleSupplier")}</option>
          <option value="member">{t("lists.roleMember")}</option>
        </select>
      </label>
      {role === "supplier" ? (
        <label className="field">
          <span>{t("nav.suppliers")}</span>
          <select name="supplierId" defaultValue={defaults?.supplierId ?? ""} required>
            <option value="">—</option>
            {suppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {role === "member" ? (
        <label className="field">
          <span>{t("nav.members")}</span>
          <select name="memberId" defaultValue={defaults?.memberId ?? ""} required>
            <option value="">—</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </>
  );
}
