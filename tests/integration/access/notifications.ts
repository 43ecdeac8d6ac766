// Access-matrix cases for notifications: everyone signed in has their own list, preferences and
// API; a stranger has none (a request naming neither ids nor all is refused as bad).
import type { ApiCase, PageCase } from "./cases";
import { SIGNED_IN } from "./cases";

export const pages: PageCase[] = [
  { file: "notifications.tsx", path: () => "/notifications", allowed: SIGNED_IN },
  { file: "account_.notifications.tsx", path: () => "/account/notifications", allowed: SIGNED_IN },
];

export const api: ApiCase[] = [
  {
    file: "api.v1.notifications.ts",
    method: "GET",
    path: () => "/api/v1/notifications",
    allowed: SIGNED_IN,
  },
  {
    file: "api.v1.notifications.read.ts",
    method: "POST",
    path: () => "/api/v1/notifications/read",
    allowed: SIGNED_IN,
    body: {},
  },
];
