// An audit row in words: the action as a phrase, its target named and linked, its details as
// labelled values (amounts as money, months as months) instead of raw JSON.
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";
import type { AuditBookRow } from "~/models/audit-book.server";

type Row = SerializeFrom<AuditBookRow>;

export const AUDIT_ACTIONS: Record<string, MessageKey> = {
  "alias.resolve": "auditAction.alias.resolve",
  "claim.escalate": "auditAction.claim.escalate",
  "claim.upload": "auditAction.claim.upload",
  "fx.upsert": "auditAction.fx.upsert",
  "invitation.accept": "auditAction.invitation.accept",
  "invitation.create": "auditAction.invitation.create",
  "login.failed": "auditAction.login.failed",
  "login.ok": "auditAction.login.ok",
  "login.throttled": "auditAction.login.throttled",
  "member.create": "auditAction.member.create",
  "member.import": "auditAction.member.import",
  "member.update": "auditAction.member.update",
  "payout_batch.approve": "auditAction.payout_batch.approve",
  "payout_batch.build": "auditAction.payout_batch.build",
  "payout_batch.cancel": "auditAction.payout_batch.cancel",
  "payout_batch.drop": "auditAction.payout_batch.drop",
  "payout_batch.export": "auditAction.payout_batch.export",
  "payout_batch.pay": "auditAction.payout_batch.pay",
  "program.create": "auditAction.program.create",
  "program.update": "auditAction.program.update",
  "report.accept_duplicates": "auditAction.report.accept_duplicates",
  "report.upload": "auditAction.report.upload",
  "run.post": "auditAction.run.post",
  "settings.payout_minimum": "auditAction.settings.payout_minimum",
  "settings.update": "auditAction.settings.update",
  "statement.export": "auditAction.statement.export",
  "supplier.create": "auditAction.supplier.create",
  "supplier.mapping.remove": "auditAction.supplier.mapping.remove",
  "supplier.mapping.save": "auditAction.supplier.mapping.save",
  "supplier.update": "auditAction.supplier.update",
  "supplier_payment.record": "auditAction.supplier_payment.record",
  "token.create": "auditAction.token.create",
  "token.revoke": "auditAction.token.revoke",
  "user.create": "auditAction.user.create",
  "user.disable": "auditAction.user.disable",
  "user.enable": "auditAction.user.enable",
  "user.password_change": "auditAction.user.password_change",
  "user.password_check_failed": "auditAction.user.password_check_failed",
  "user.password_check_throttled": "auditAction.user.password_check_throttled",
  "user.password_reset": "auditAction.user.password_reset",
  "user.password_reset_requested": "auditAction.user.password_reset_requested",
  "user.role_change": "auditAction.user.role_change",
};

const TARGET_LINKS: Record<string, (id: string) => string> = {
  member: (id) => `/admin/members/${id}`,
  supplier: (id) => `/admin/suppliers/${id}`,
  program: (id) => `/admin/programs/${id}`,
  allocation_run: (id) => `/admin/runs/${id}`,
  payout_batch: (id) => `/admin/payouts/${id}`,
  report: (id) => `/admin/reports/${id}`,
  user: () => `/admin/users`,
  supplier_payment: (id) => `/admin/ledger?paymentId=${id}`,
};

export function AuditAction({ action }: { action: string }) {
  const { t } = useI18n();
  const key = AUDIT_ACTIONS[action];
  return key ? <>{t(key)}</> : <code>{action}</code>;
}

export function AuditTargetLink({ target }: { target: Row["target"] }) {
  if (!target) return null;
  const text = target.name ?? `${target.type} ${target.id}`;
  const link = TARGET_LINKS[target.type];
  return link ? <Link to={link(target.id)}>{text}</Link> : <>{text}</>;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The details a person reads: each value formatted by what it is; ids and internals left out. */
export function AuditDetails({ details }: { details: Row["details"] }) {
  const { money, month, number } = useI18n();
  const currency = typeof details.currency === "string" ? details.currency : null;
  const shown = Object.entries(details).filter(
    ([k, v]) => !/Id$|^id$|^entryId$/.test(k) && v !== null && v !== undefined && v !== "",
  );
  if (shown.length === 0) return null;
  const value = (k: string, v: unknown): string => {
    if (typeof v === "number" && k.endsWith("Minor") && currency) return money(v, currency);
    if (typeof v === "number") return number(v);
    if (typeof v === "string" && MONTH.test(v)) return month(v);
    if (Array.isArray(v)) return v.map((x) => (typeof x === "object" ? "…" : String(x))).join(", ");
    if (typeof v === "object") return "…";
    return String(v);
  };
  return (
    <ul className="muted">
      {shown.slice(0, 6).map(([k, v]) => (
        <li key={k}>
          {k
            .replace(/Minor$/, "")
            .replace(/([A-Z])/g, " $1")
            .toLowerCase()}
          : {value(k, v)}
        </li>
      ))}
    </ul>
  );
}
