// Access-matrix cases for money out: receivables, payouts, statements, month close.
import type { ApiCase, PageCase } from "./cases";

const MISSING = 999999;

export const pages: PageCase[] = [
  { file: "admin.receivables.tsx", path: () => "/admin/receivables", allowed: ["admin"] },
  { file: "admin.payouts._index.tsx", path: () => "/admin/payouts", allowed: ["admin"] },
  {
    file: "admin.payouts.$id.tsx",
    path: () => `/admin/payouts/${MISSING}`,
    allowed: ["admin"],
    missing: true,
  },
  {
    file: "admin.payouts_.$id.export[.]xlsx.tsx",
    path: () => `/admin/payouts/${MISSING}/export.xlsx`,
    allowed: ["admin"],
    missing: true,
  },
  {
    file: "admin.payouts_.$id.export[.]csv.tsx",
    path: () => `/admin/payouts/${MISSING}/export.csv`,
    allowed: ["admin"],
    missing: true,
  },
  { file: "admin.month-close.tsx", path: () => "/admin/month-close", allowed: ["admin"] },
  {
    file: "admin.members_.$id.statement.tsx",
    path: (ids) => `/admin/members/${ids.memberA}/statement`,
    allowed: ["admin"],
  },
  {
    file: "admin.members_.$id.statement.tsx",
    path: () => `/admin/members/${MISSING}/statement`,
    allowed: ["admin"],
    missing: true,
  },
  {
    file: "member.statement.tsx",
    path: () => "/member/statement",
    allowed: ["member", "otherMember"],
  },
  {
    // Someone else's id: member B asking for member A's statement is refused.
    file: "members.$id.statement[.]xlsx.tsx",
    path: (ids) => `/members/${ids.memberA}/statement.xlsx`,
    allowed: ["admin", "member"],
  },
  {
    file: "supplier.refunds.tsx",
    path: () => "/supplier/refunds",
    allowed: ["supplier", "otherSupplier"],
  },
  {
    file: "supplier.refunds[.]xlsx.tsx",
    path: () => "/supplier/refunds.xlsx",
    allowed: ["supplier", "otherSupplier"],
  },
];

const ADMIN_ONLY = ["admin"] as ApiCase["allowed"];
const batchAction = (file: string, verb: string): ApiCase => ({
  file,
  method: "POST",
  path: () => `/api/v1/payout-batches/${MISSING}/${verb}`,
  allowed: ADMIN_ONLY,
  missing: true,
});

export const api: ApiCase[] = [
  {
    file: "api.v1.supplier-payments.ts",
    method: "GET",
    path: () => "/api/v1/supplier-payments",
    allowed: ADMIN_ONLY,
  },
  {
    file: "api.v1.supplier-payments.ts",
    method: "POST",
    path: () => "/api/v1/supplier-payments",
    allowed: ADMIN_ONLY,
    body: {},
  },
  {
    file: "api.v1.receivables.ts",
    method: "GET",
    path: () => "/api/v1/receivables",
    allowed: ["admin", "supplier", "otherSupplier"],
  },
  {
    file: "api.v1.payout-batches.ts",
    method: "GET",
    path: () => "/api/v1/payout-batches",
    allowed: ADMIN_ONLY,
  },
  {
    file: "api.v1.payout-batches.ts",
    method: "POST",
    path: () => "/api/v1/payout-batches",
    allowed: ADMIN_ONLY,
    body: {},
  },
  {
    file: "api.v1.payout-batches.$id.ts",
    method: "GET",
    path: () => `/api/v1/payout-batches/${MISSING}`,
    allowed: ADMIN_ONLY,
    missing: true,
  },
  batchAction("api.v1.payout-batches.$id.approve.ts", "approve"),
  batchAction("api.v1.payout-batches.$id.pay.ts", "pay"),
  batchAction("api.v1.payout-batches.$id.cancel.ts", "cancel"),
  batchAction("api.v1.payout-batches.$id.drop.ts", "drop"),
  {
    file: "api.v1.payout-batches.$id.export[.]xlsx.ts",
    method: "GET",
    path: () => `/api/v1/payout-batches/${MISSING}/export.xlsx`,
    allowed: ADMIN_ONLY,
    missing: true,
  },
  {
    file: "api.v1.payout-batches.$id.export[.]csv.ts",
    method: "GET",
    path: () => `/api/v1/payout-batches/${MISSING}/export.csv`,
    allowed: ADMIN_ONLY,
    missing: true,
  },
  {
    // Someone else's id: member B asking for member A's statement is refused.
    file: "api.v1.members.$id.statement.ts",
    method: "GET",
    path: (ids) => `/api/v1/members/${ids.memberA}/statement`,
    allowed: ["admin", "member"],
  },
];
