// Access-matrix cases for the supplier report screens.
import type { ApiCase, PageCase, Who } from "./cases";

const SUPPLIERS: Who[] = ["supplier", "otherSupplier"];

export const pages: PageCase[] = [
  { file: "supplier.reports.new.tsx", path: () => "/supplier/reports/new", allowed: SUPPLIERS },
  {
    file: "supplier.reports.$id.tsx",
    path: (ids) => `/supplier/reports/${ids.reportA}`,
    allowed: ["admin", "supplier"],
  },
  {
    file: "reports.$id.problems[.]xlsx.tsx",
    path: (ids) => `/reports/${ids.reportA}/problems.xlsx`,
    allowed: ["admin", "supplier"],
  },
  { file: "supplier.mapping.tsx", path: () => "/supplier/mapping", allowed: SUPPLIERS },
  {
    file: "supplier.template[.]xlsx.tsx",
    path: () => "/supplier/template.xlsx",
    allowed: SUPPLIERS,
  },
  { file: "supplier.tokens.tsx", path: () => "/supplier/tokens", allowed: SUPPLIERS },
];

export const api: ApiCase[] = [];
