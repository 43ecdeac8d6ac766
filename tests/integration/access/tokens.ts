// Access-matrix cases for everyone's own API tokens: the shared screen and the API.
import type { ApiCase, PageCase } from "./cases";
import { SIGNED_IN } from "./cases";

export const pages: PageCase[] = [
  { file: "account_.tokens.tsx", path: () => "/account/tokens", allowed: SIGNED_IN },
];

export const api: ApiCase[] = [
  { file: "api.v1.tokens.ts", method: "GET", path: () => "/api/v1/tokens", allowed: SIGNED_IN },
  {
    // Someone else's token: not found for every caller (and not revoked).
    file: "api.v1.tokens.$id.revoke.ts",
    method: "POST",
    path: (ids) => `/api/v1/tokens/${ids.foreignToken}/revoke`,
    allowed: SIGNED_IN,
    missing: true,
  },
  {
    file: "api.v1.tokens.$id.revoke.ts",
    method: "POST",
    path: () => "/api/v1/tokens/999999/revoke",
    allowed: SIGNED_IN,
    missing: true,
  },
];
