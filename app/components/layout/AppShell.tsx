// The page frame: the role's navigation on the left, the page on the right.
import { Form, NavLink } from "@remix-run/react";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";

type ShellUser = { name: string; email: string; role: "admin" | "supplier" | "member" } | null;

const NAV: Record<string, [string, MessageKey][]> = {
  admin: [
    ["/admin", "nav.dashboard"],
    ["/admin/reports", "nav.reports"],
    ["/admin/matching", "nav.matching"],
    ["/admin/members", "nav.members"],
    ["/admin/suppliers", "nav.suppliers"],
    ["/admin/programs", "nav.programs"],
    ["/admin/fx", "nav.fx"],
    ["/admin/runs", "nav.runs"],
    ["/admin/ledger", "nav.ledger"],
    ["/admin/receivables", "nav.receivables"],
    ["/admin/payouts", "nav.payouts"],
    ["/admin/month-close", "nav.monthClose"],
    ["/admin/users", "nav.users"],
    ["/admin/settings", "nav.settings"],
    ["/admin/audit", "nav.audit"],
    ["/account/tokens", "nav.tokens"],
  ],
  supplier: [
    ["/supplier", "nav.dashboard"],
    ["/supplier/reports/new", "nav.upload"],
    ["/supplier/mapping", "nav.mapping"],
    ["/supplier/refunds", "nav.refunds"],
    ["/supplier/tokens", "nav.tokens"],
  ],
  member: [
    ["/member", "nav.dashboard"],
    ["/member/statement", "nav.statement"],
    ["/account/tokens", "nav.tokens"],
  ],
};

export function AppShell({ user, children }: { user: ShellUser; children: React.ReactNode }) {
  const { t } = useI18n();
  if (!user) return <main className="page bare">{children}</main>;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="main">
        <div className="brand">{t("app.name")}</div>
        <ul>
          {NAV[user.role].map(([to, key]) => (
            <li key={to}>
              <NavLink to={to} end={to.split("/").length === 2}>
                {t(key)}
              </NavLink>
            </li>
          ))}
        </ul>
        <div className="who">
          <NavLink to="/account">{user.name || user.email}</NavLink>
          <Form method="post" action="/logout">
            <button type="submit" className="link">
              {t("nav.logout")}
            </button>
          </Form>
        </div>
      </nav>
      <main className="page">{children}</main>
    </div>
  );
}
