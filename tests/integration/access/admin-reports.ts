// Access-matrix cases for the admin reports and matching screens.
import type { ApiCase, PageCase } from "./cases";

export const pages: PageCase[] = [
  { file: "admin.reports._index.tsx", path: () => "/admin/reports", allowed: ["admin"] },
  {
    file: "admin.reports.$id.tsx",
    path: (ids) => `/admin/reports/${ids.reportA}`,
    allowed: ["admin"],
  },
  { file: "admin.matching.tsx", path: () => "/admin/matching", allowed: ["admin"] },
];

export const api: ApiCase[] = [];
