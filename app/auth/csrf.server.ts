// CSRF defence for browser mutations: the request's Origin (or Referer) must be this site.
// "This site" is the host of the request's own URL, which server.js builds from Host, or from
// X-Forwarded-Host only when TRUST_PROXY says a proxy in front sets it (decision 040): a header a
// client can send itself is never taken on its word here.
import { AuthError } from "./errors";

export function assertSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  // A present Origin decides alone ("null", from a sandbox or a privacy redirect, is refused).
  const origin = request.headers.get("Origin");
  const from = origin !== null ? hostOf(origin) : hostOf(request.headers.get("Referer"));
  if (!from || from !== hostOf(request.url)) {
    throw new AuthError("forbidden", { crossSite: true });
  }
}

/** The host of a URL, or null when there is none or it cannot be read (`null`, a malformed one). */
function hostOf(url: string | null): string | null {
  try {
    return url ? new URL(url).host || null : null;
  } catch {
    return null;
  }
}
