// Access-matrix cases for the member's and supplier's list downloads (issue 15 item 11): each
// export answers only the role whose list it is, with that user's own rows.
import { SIGNED_IN, type ApiCase, type PageCase, type Who } from "./cases";

const MEMBERS: Who[] = ["member", "otherMember"];
const SUPPLIERS: Who[] = ["supplier", "otherSupplier"];

export const pages: PageCase[] = [
  { file: "member.claims_.export.tsx", path: () => "/member/claims/export", allowed: MEMBERS },
  {
    file: "supplier.claims_.export.tsx",
    path: () => "/supplier/claims/export",
    allowed: SUPPLIERS,
  },
  { file: "admin.claims_.export.tsx", path: () => "/admin/claims/export", allowed: ["admin"] },
  {
    file: "supplier.reports.export.tsx",
    path: () => "/supplier/reports/export?format=xlsx",
    allowed: SUPPLIERS,
  },
  {
    file: "supplier.refunds_.export.tsx",
    path: () => "/supplier/refunds/export",
    allowed: SUPPLIERS,
  },
  { file: "notifications_.export.tsx", path: () => "/notifications/export", allowed: SIGNED_IN },
];

export const api: ApiCase[] = [];
