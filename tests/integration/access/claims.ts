// Access-matrix cases for member claims (SPEC 5.2): the claim screens and the claims API. Claims
// themselves are checked per owner in claims-month.test.ts (another member's claim, proof,
// upload; another supplier's decision); here an id that does not exist is a 404 for every role
// let in, after the role check.
import { SIGNED_IN, type ApiCase, type PageCase, type Who } from "./cases";

const MEMBERS: Who[] = ["member", "otherMember"];
const SUPPLIERS: Who[] = ["supplier", "otherSupplier"];
const MISSING = 999_999;

export const pages: PageCase[] = [
  { file: "member.claims.tsx", path: () => "/member/claims", allowed: MEMBERS },
  { file: "supplier.claims.tsx", path: () => "/supplier/claims", allowed: SUPPLIERS },
  { file: "admin.claims.tsx", path: () => "/admin/claims", allowed: ["admin"] },
  {
    file: "claims.reconciliation.tsx",
    path: (ids) => `/claims/reconciliation?supplierId=${ids.supplierA}`,
    allowed: ["admin", ...SUPPLIERS],
  },
  {
    file: "claims.$id.proof.tsx",
    path: () => `/claims/${MISSING}/proof`,
    allowed: SIGNED_IN,
    missing: true,
  },
];

export const api: ApiCase[] = [
  { file: "api.v1.claims.ts", method: "GET", path: () => "/api/v1/claims", allowed: SIGNED_IN },
  {
    file: "api.v1.claims.ts",
    method: "POST",
    path: () => "/api/v1/claims",
    allowed: ["admin", ...MEMBERS],
    body: {},
  },
  {
    file: "api.v1.claims.$id.ts",
    method: "GET",
    path: () => `/api/v1/claims/${MISSING}`,
    allowed: SIGNED_IN,
    missing: true,
  },
  {
    file: "api.v1.claims.$id.decision.ts",
    method: "POST",
    path: () => `/api/v1/claims/${MISSING}/decision`,
    allowed: ["admin", ...SUPPLIERS],
    missing: true,
    body: { decision: "accept" },
  },
  {
    file: "api.v1.claims.$id.proof.ts",
    method: "GET",
    path: () => `/api/v1/claims/${MISSING}/proof`,
    allowed: SIGNED_IN,
    missing: true,
  },
  {
    file: "api.v1.claim-uploads.$id.ts",
    method: "GET",
    path: () => `/api/v1/claim-uploads/${MISSING}`,
    allowed: ["admin", ...MEMBERS],
    missing: true,
  },
  {
    file: "api.v1.suppliers.$id.ts",
    method: "GET",
    path: (ids) => `/api/v1/suppliers/${ids.supplierA}`,
    allowed: ["admin"],
  },
];
