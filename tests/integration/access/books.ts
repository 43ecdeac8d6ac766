// Access-matrix cases for the admin's money screens in words: run history and a run's why, and the
// ledger's and the audit log's downloads.
import type { ApiCase, PageCase } from "./cases";

const MISSING = 999999;

export const pages: PageCase[] = [
  { file: "admin.runs_.history.tsx", path: () => "/admin/runs/history", allowed: ["admin"] },
  {
    file: "admin.runs_.history_.export.tsx",
    path: () => "/admin/runs/history/export?format=csv",
    allowed: ["admin"],
  },
  {
    file: "admin.runs_.$id.tsx",
    path: () => `/admin/runs/${MISSING}`,
    allowed: ["admin"],
    missing: true,
  },
  {
    file: "admin.ledger_.export.tsx",
    path: () => "/admin/ledger/export?format=xlsx",
    allowed: ["admin"],
  },
  {
    file: "admin.audit_.export.tsx",
    path: () => "/admin/audit/export?format=csv",
    allowed: ["admin"],
  },
];

export const api: ApiCase[] = [];
