// Access-matrix cases for e-mail: the admin's Outbox; and the pages a stranger opens from an
// e-mail or the sign-in page (forgot password, reset link, unsubscribe), public by design.
import type { ApiCase, PageCase } from "./cases";

export const pages: PageCase[] = [
  { file: "admin.outbox.tsx", path: () => "/admin/outbox", allowed: ["admin"] },
];

export const api: ApiCase[] = [];

/** Anyone may open these: what they do is guarded by a token in the path, or tells nothing. */
export const publicFiles = [
  "forgot-password.tsx",
  "reset-password.$token.tsx",
  "unsubscribe.$token.tsx",
];
