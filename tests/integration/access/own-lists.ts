// Access-matrix cases for the statement lines' and API tokens' downloads (decision 081): a
// statement's lines answer that member and the admin; the tokens download answers each user with
// their own tokens, on the supplier's menu the supplier only.
import { SIGNED_IN, type ApiCase, type PageCase } from "./cases";

const MISSING = 999_999;

export const pages: PageCase[] = [
  {
    // Someone else's id: member B asking for member A's statement lines is refused.
    file: "members.$id.statement.export.tsx",
    path: (ids) => `/members/${ids.memberA}/statement/export`,
    allowed: ["admin", "member"],
  },
  {
    file: "members.$id.statement.export.tsx",
    path: (ids) => `/members/${ids.memberA}/statement/export?format=xlsx&sort=amount&dir=desc`,
    allowed: ["admin", "member"],
  },
  {
    file: "members.$id.statement.export.tsx",
    path: () => `/members/${MISSING}/statement/export`,
    allowed: ["admin"],
    missing: true,
  },
  { file: "account_.tokens_.export.tsx", path: () => "/account/tokens/export", allowed: SIGNED_IN },
  {
    file: "supplier.tokens_.export.tsx",
    path: () => "/supplier/tokens/export?format=xlsx",
    allowed: ["supplier", "otherSupplier"],
  },
];

export const api: ApiCase[] = [];
