// The page frame: the role's navigation on the left (in a menu on phones), the page on the right.
import { Form, NavLink, useLocation } from "@remix-run/react";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";

type ShellUser = {
  name: string;
  email: string;
  role: "admin" | "supplier" | "member";
  /** Unread notifications, for the bell. */
  unread?: number;
} | null;

const NAV: Record<string, [string, MessageKey][]> = {
  admin: [
    ["/admin", "nav.dashboard"],
    ["/admin/reports", "nav.reports"],
    ["/admin/matching", "nav.matching"],
    ["/admin/claims", "nav.claims"],
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
    ["/admin/outbox", "nav.outbox"],
    ["/account/tokens", "nav.tokens"],
  ],
  supplier: [
    ["/supplier", "nav.dashboard"],
    ["/supplier/reports/new", "nav.upload"],
    ["/supplier/claims", "nav.claims"],
    ["/supplier/mapping", "nav.mapping"],
    ["/supplier/refunds", "nav.refunds"],
    ["/supplier/tokens", "nav.tokens"],
  ],
  member: [
    ["/member", "nav.dashboard"],
    ["/member/statement", "nav.statement"],
    ["/member/claims", "nav.claims"],
    ["/account/tokens", "nav.tokens"],
  ],
};

/** The bell: the unread count, linking to the list of notifications. */
function NotificationBell({ count }: { count: number }) {
  const { t } = useI18n();
  return (
    <NavLink to="/notifications" className="bell" aria-label={t("notifications.bell", { count })}>
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      {count > 0 ? (
        <span className="bell-count" data-testid="unread-count">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </NavLink>
  );
}

export function AppShell({ user, children }: { user: ShellUser; children: React.ReactNode }) {
  const { t } = useI18n();
  // Keyed by the page, so the phone menu is closed again after each navigation.
  const { pathname } = useLocation();
  if (!user) return <main className="page bare">{children}</main>;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="main">
        {/* Phones: the menu opens with this checkbox and CSS alone (no script; the CSP allows none inline). */}
        <input type="checkbox" id="nav-menu" className="nav-toggle" key={pathname} />
        <div className="bar">
          <label htmlFor="nav-menu" className="menu-button">
            <span aria-hidden="true">☰</span> {t("shell.menu")}
          </label>
          <div className="brand">
            {t("app.name")}
            <NotificationBell count={user.unread ?? 0} />
          </div>
        </div>
        <div className="nav-items">
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
        </div>
      </nav>
      <main className="page">{children}</main>
    </div>
  );
}
