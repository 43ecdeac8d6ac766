// Access-matrix cases for the admin's list downloads (SPEC 6: every list downloads as CSV/XLSX):
// each is an export resource route for admins only, like the screen it belongs to.
import type { ApiCase, PageCase } from "./cases";

const exportCase = (file: string, path: string): PageCase => ({
  file,
  path: () => path,
  allowed: ["admin"],
});

export const pages: PageCase[] = [
  exportCase("admin.members_.export.tsx", "/admin/members/export?format=csv"),
  exportCase("admin.suppliers_.export.tsx", "/admin/suppliers/export?format=xlsx"),
  exportCase("admin.programs_.export.tsx", "/admin/programs/export?format=csv"),
  exportCase("admin.reports_.export.tsx", "/admin/reports/export?format=csv"),
  exportCase("admin.payouts_.export.tsx", "/admin/payouts/export?format=csv"),
  exportCase("admin.receivables_.export.tsx", "/admin/receivables/export?format=csv"),
  exportCase(
    "admin.receivables_.payments_.export.tsx",
    "/admin/receivables/payments/export?format=xlsx",
  ),
  exportCase("admin.fx_.export.tsx", "/admin/fx/export?format=csv"),
  exportCase("admin.users_.export.tsx", "/admin/users/export?format=csv"),
  exportCase("admin.outbox_.export.tsx", "/admin/outbox/export?format=csv"),
  exportCase("admin.matching_.export.tsx", "/admin/matching/export?format=csv"),
];

export const api: ApiCase[] = [];
