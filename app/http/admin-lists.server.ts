// The admin's lists of parties and settings (members, suppliers, programs, users, FX rates): each
// list's query string (filters and sort, with listQuery) and its download, so a screen and its
// export route read the same filters.
import type { Actor } from "~/auth/authorize.server";
import { DATE_ORDER, LANGUAGE_NAME } from "~/i18n/supplier-labels";
import { listMembers, MEMBER_SORTS, MEMBER_STATES } from "~/models/members.server";
import {
  countPrograms,
  PROGRAM_SORTS,
  programsWithTiers,
  type ProgramFilter,
} from "~/models/programs.server";
import { findSuppliers, SUPPLIER_SORTS } from "~/models/suppliers.server";
import { REPORT_STATUSES } from "@db/schema";
import { minorToDecimal, type MessageKey } from "~/i18n/locale";
import { DEFAULT_REPORT_SORT, listReports, REPORT_SORTS } from "~/models/reports.server";
import { isMonthKey } from "~/refunds/money";
import { OUTBOX_STATES, ROLES } from "@db/schema";
import { NOTIFICATION_KINDS } from "~/mail/kinds";
import { listOutbox, OUTBOX_SORTS } from "~/models/outbox.server";
import { listUnmatched, UNMATCHED_SORTS } from "~/models/matching.server";
import { findFxRates, findUsers, FX_SORTS, USER_SORTS } from "~/models/admin-lists.server";
import { amountCell, listDownload } from "./list-export.server";
import { listQuery } from "./list-query.server";

export function memberList(request: Request) {
  const list = listQuery(request, { sorts: MEMBER_SORTS, sort: "name" });
  const country = list.text("country", 2);
  return {
    list,
    filter: {
      q: list.q,
      country: country && /^[a-z]{2}$/i.test(country) ? country : undefined,
      state: list.oneOf("state", MEMBER_STATES),
      sort: list.sorted.sort,
      dir: list.sorted.dir,
    },
  };
}

export function memberDownload(actor: Actor, request: Request) {
  const { rows } = listMembers(memberList(request).filter);
  return listDownload(actor, request, {
    fileName: "lists.membersFile",
    columns: [
      { header: "common.name", cell: (m) => m.name },
      { header: "members.taxId", cell: (m) => m.taxId },
      { header: "common.country", cell: (m) => m.country },
      { header: "members.joinedOn", cell: (m) => m.joinedOn },
      { header: "members.leftOn", cell: (m) => m.leftOn },
    ],
    rows,
  });
}

const currencyOf = (text: string | undefined) =>
  text && /^[a-z]{3}$/i.test(text) ? text.toUpperCase() : undefined;

export function supplierList(request: Request) {
  const list = listQuery(request, { sorts: SUPPLIER_SORTS, sort: "name" });
  return { list, filter: { q: list.q, currency: currencyOf(list.text("currency", 3)) } };
}

export function supplierDownload(actor: Actor, request: Request) {
  const { list, filter } = supplierList(request);
  const { rows } = findSuppliers(filter, list.sorted);
  return listDownload(actor, request, {
    fileName: "lists.suppliersFile",
    columns: [
      { header: "common.name", cell: (s) => s.name },
      { header: "common.currency", cell: (s) => s.currency },
      { header: "suppliers.dateOrder", cell: (s) => DATE_ORDER[s.dateOrder] },
      { header: "common.language", cell: (s) => LANGUAGE_NAME[s.language] },
    ],
    rows,
  });
}

export function programList(request: Request) {
  const list = listQuery(request, { sorts: PROGRAM_SORTS, sort: "name" });
  const filter: ProgramFilter = {
    q: list.q,
    supplierId: list.id("supplierId"),
    sorted: list.sorted,
  };
  return { list, filter };
}

/** One page of programs with their schedules, and how many match. */
export function programPage(request: Request) {
  const { list, filter } = programList(request);
  return {
    rows: programsWithTiers({ ...filter, paging: list.paging }),
    total: countPrograms(filter),
    ...list.state,
  };
}

export function programDownload(actor: Actor, request: Request) {
  const rows = programsWithTiers(programList(request).filter);
  return listDownload(actor, request, {
    fileName: "lists.programsFile",
    columns: [
      { header: "common.name", cell: (p) => p.name },
      { header: "programs.supplier", cell: (p) => p.supplierName },
      { header: "common.currency", cell: (p) => p.currency },
      { header: "lists.start", cell: (p) => p.start },
      { header: "lists.end", cell: (p) => p.end },
      {
        header: "programs.method",
        cell: (p, t) => t(p.method === "all-units" ? "programs.allUnits" : "programs.incremental"),
      },
      { header: "editor.fee", cell: (p) => ({ decimal: (p.feeBps / 100).toFixed(2) }) },
      {
        header: "programs.tiers",
        cell: (p) =>
          p.basis === "growth"
            ? p.growthTiers.map((g) => `${g.thresholdBps / 100}%: ${g.rateBps / 100}%`).join("; ")
            : p.tiers
                .map(
                  (x) =>
                    `${amountCell(x.thresholdMinor, p.currency)?.decimal}: ${x.rateBps / 100}%`,
                )
                .join("; "),
      },
    ],
    rows,
  });
}

export function reportList(request: Request) {
  const list = listQuery(request, { sorts: REPORT_SORTS, ...DEFAULT_REPORT_SORT });
  const period = list.text("period", 7);
  return {
    list,
    filter: {
      supplierId: list.id("supplierId"),
      period: isMonthKey(period) ? period : undefined,
      status: list.oneOf("status", REPORT_STATUSES),
      q: list.q,
    },
  };
}

const REPORT_STATUS: Record<(typeof REPORT_STATUSES)[number], MessageKey> = {
  queued: "adminReports.statusQueued",
  processing: "adminReports.statusProcessing",
  active: "adminReports.statusActive",
  superseded: "adminReports.statusSuperseded",
  rejected: "adminReports.statusRejected",
  failed: "adminReports.statusFailed",
};

export function reportDownload(actor: Actor, request: Request) {
  const { list, filter } = reportList(request);
  const { rows } = listReports(filter, 1, 0, list.sorted);
  return listDownload(actor, request, {
    fileName: "lists.reportsFile",
    columns: [
      { header: "adminReports.supplier", cell: (r) => r.supplierName },
      { header: "adminReports.month", cell: (r) => r.period },
      { header: "adminReports.version", cell: (r) => r.version },
      { header: "adminReports.status", cell: (r, t) => t(REPORT_STATUS[r.status]) },
      { header: "adminReports.file", cell: (r) => r.fileName },
      { header: "adminReports.uploadedAt", cell: (r) => r.uploadedAt },
      { header: "adminReports.rows", cell: (r) => r.rows },
      { header: "adminReports.lines", cell: (r) => r.linesCount },
      { header: "adminReports.errors", cell: (r) => r.errorsCount },
      { header: "adminReports.warnings", cell: (r) => r.warningsCount },
      {
        header: "adminReports.totals",
        cell: (r) =>
          Object.entries(r.totals as Record<string, number>)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([currency, minor]) => `${currency} ${minorToDecimal(minor, currency)}`)
            .join("; ") || null,
      },
      { header: "adminReports.held", cell: (r) => r.held },
    ],
    rows,
  });
}

export function fxList(request: Request) {
  const list = listQuery(request, { sorts: FX_SORTS, sort: "month", dir: "desc" });
  const month = list.text("month", 7);
  return {
    list,
    filter: {
      month: isMonthKey(month) ? month : undefined,
      currency: currencyOf(list.text("currency", 3)),
    },
  };
}

export function fxDownload(actor: Actor, request: Request) {
  const { list, filter } = fxList(request);
  const { rows } = findFxRates(filter, list.sorted);
  return listDownload(actor, request, {
    fileName: "lists.fxFile",
    columns: [
      { header: "fx.month", cell: (r) => r.month },
      { header: "fx.from", cell: (r) => r.from },
      { header: "fx.to", cell: (r) => r.to },
      // The rate as entered (up to 8 decimals), exact: a number in XLSX, the text in CSV.
      { header: "fx.rate", cell: (r) => ({ decimal: r.rate }) },
      { header: "fx.updatedAt", cell: (r) => r.updatedAt },
    ],
    rows,
  });
}

export const USER_ROLE: Record<(typeof ROLES)[number], MessageKey> = {
  admin: "lists.roleAdmin",
  supplier: "lists.roleSupplier",
  member: "lists.roleMember",
};

export function userList(request: Request) {
  const list = listQuery(request, { sorts: USER_SORTS, sort: "email" });
  return {
    list,
    filter: {
      q: list.q,
      role: list.oneOf("role", ROLES),
      state: list.oneOf("state", ["active", "disabled"] as const),
    },
  };
}

export function userDownload(actor: Actor, request: Request) {
  const { list, filter } = userList(request);
  const { rows } = findUsers(filter, list.sorted);
  return listDownload(actor, request, {
    fileName: "lists.usersFile",
    columns: [
      { header: "login.email", cell: (u) => u.email },
      { header: "common.name", cell: (u) => u.name || null },
      { header: "users.role", cell: (u, t) => t(USER_ROLE[u.role]) },
      { header: "lists.actsFor", cell: (u) => u.scopeName },
      {
        header: "users.status",
        cell: (u, t) => t(u.disabledAt ? "users.disabled" : "users.active"),
      },
      { header: "lists.createdAt", cell: (u) => u.createdAt },
    ],
    rows,
  });
}

export function outboxList(request: Request) {
  const list = listQuery(request, { sorts: OUTBOX_SORTS, sort: "createdAt", dir: "desc" });
  return {
    list,
    filter: {
      state: list.oneOf("state", OUTBOX_STATES),
      kind: list.oneOf("kind", NOTIFICATION_KINDS),
      to: list.text("to", 320),
    },
  };
}

export function outboxDownload(actor: Actor, request: Request) {
  const { list, filter } = outboxList(request);
  const { rows } = listOutbox(filter, 1, 0, list.sorted);
  return listDownload(actor, request, {
    fileName: "lists.outboxFile",
    columns: [
      { header: "outbox.created", cell: (r) => r.createdAt },
      { header: "outbox.to", cell: (r) => r.toAddress },
      { header: "outbox.kind", cell: (r, t) => t(`notifications.kind.${r.kind}` as MessageKey) },
      { header: "outbox.subject", cell: (r) => r.subject },
      { header: "common.language", cell: (r) => r.locale },
      { header: "outbox.state", cell: (r, t) => t(`outbox.state.${r.state}` as MessageKey) },
      { header: "outbox.attempts", cell: (r) => r.attempts },
      { header: "lists.sentAt", cell: (r) => r.sentAt },
      { header: "outbox.reply", cell: (r) => r.lastReply },
    ],
    rows,
  });
}

export function matchingList(request: Request) {
  const list = listQuery(request, { sorts: UNMATCHED_SORTS, sort: "lines", dir: "desc" });
  return { list, filter: { supplierId: list.id("supplierId"), q: list.q } };
}

export function matchingDownload(actor: Actor, request: Request) {
  const { list, filter } = matchingList(request);
  const { rows } = listUnmatched(filter, 1, 0, list.sorted);
  return listDownload(actor, request, {
    fileName: "lists.matchingFile",
    columns: [
      { header: "adminReports.supplier", cell: (r) => r.supplierName },
      { header: "matching.key", cell: (r) => r.customerKey },
      { header: "matching.names", cell: (r) => r.names.join("; ") },
      { header: "matching.lines", cell: (r) => r.lines },
      { header: "common.currency", cell: (r) => r.currency },
      { header: "matching.amount", cell: (r) => amountCell(r.amountMinor, r.currency) },
    ],
    rows,
  });
}
