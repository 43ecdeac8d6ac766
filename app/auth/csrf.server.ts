// CSRF defence for browser mutations: the request's Origin (or Referer) must be this site.
import { AuthError } from "./errors";

export function assertSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("Origin") ?? refererOrigin(request.headers.get("Referer"));
  const host = request.headers.get("X-Forwarded-Host") ?? request.headers.get("Host");
  if (!origin || !host || new URL(origin).host !== host) {
    throw new AuthError("forbidden", { crossSite: true });
  }
}

function refererOrigin(referer: string | null): string | null {
  try {
    return referer ? new URL(referer).origin : null;
  } catch {
    return null;
  }
}
