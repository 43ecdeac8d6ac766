// Signing in with e-mail and password: throttled (decision 041), same answer and timing for
// unknown e-mails and disabled users, audited.
import { decoyHash, verifyPassword } from "~/crypto/passwords.server";
import { loginRetryAfter, recordLoginFailure, recordLoginSuccess } from "./rate-limit.server";
import { findUserByEmail, type User } from "~/models/users.server";
import { recordAudit } from "~/models/audit.server";

export type LoginOutcome =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfter: number };

export async function attemptLogin(
  email: string,
  password: string,
  ip: string,
): Promise<LoginOutcome> {
  const normalized = email.trim().toLowerCase();
  const retryAfter = loginRetryAfter(normalized, ip);
  if (retryAfter > 0) {
    recordAudit(null, "login.throttled", undefined, { email: normalized }, ip);
    return { ok: false, reason: "throttled", retryAfter };
  }
  const user = findUserByEmail(normalized);
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !valid || user.disabledAt) {
    recordLoginFailure(normalized, ip);
    recordAudit(null, "login.failed", undefined, { email: normalized }, ip);
    return { ok: false, reason: "invalid" };
  }
  recordLoginSuccess(normalized, ip);
  recordAudit(
    { id: user.id, email: user.email },
    "login.ok",
    { type: "user", id: user.id },
    undefined,
    ip,
  );
  return { ok: true, user };
}

export function homeFor(role: string): string {
  return role === "admin" ? "/admin" : role === "supplier" ? "/supplier" : "/member";
}

/** Only same-site paths may be redirected to after login. */
export function safeRedirect(to: FormDataEntryValue | string | null, fallback: string): string {
  return typeof to === "string" && to.startsWith("/") && !to.startsWith("//") ? to : fallback;
}
