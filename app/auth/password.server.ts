// Changing one's own password on the account page: the current password is checked under the
// same throttle as signing in (its failures count as sign-in failures of that account from that
// address) and every check is audited. A change ends every session and token of the user; the
// browser doing it gets a new session (decision 041).
import { verifyPassword } from "~/crypto/passwords.server";
import { recordAudit } from "~/models/audit.server";
import { invalid } from "~/models/errors";
import { getUser, setPassword } from "~/models/users.server";
import type { Actor } from "./authorize.server";
import { AuthError } from "./errors";
import { loginRetryAfter, recordLoginFailure, recordLoginSuccess } from "./rate-limit.server";
import { REISSUE_GRACE_MS } from "./limits";
import { currentSessionId, startSession } from "./session.server";

/** Returns the Set-Cookie header of the session that replaces the one doing the change. */
export async function changeOwnPassword(
  request: Request,
  actor: Actor,
  input: { current: string; next: string },
  ip: string,
): Promise<string> {
  const target = { type: "user", id: actor.id };
  const retryAfter = loginRetryAfter(actor.email, ip);
  if (retryAfter > 0) {
    recordAudit(actor, "user.password_check_throttled", target, { retryAfter }, ip);
    throw new AuthError("too_many_attempts", { retryAfter });
  }
  const user = getUser(actor.id);
  if (!user || !(await verifyPassword(input.current, user.passwordHash))) {
    recordLoginFailure(actor.email, ip);
    recordAudit(actor, "user.password_check_failed", target, undefined, ip);
    throw invalid("wrong_password", {}, [{ path: "current", reason: "wrong_password" }]);
  }
  recordLoginSuccess(actor.email, ip);
  // The session doing the change is re-issued under a new id (a stolen copy of its cookie dies
  // with the others); its old id lives a few seconds more, only so that the page Remix renders
  // after this action, in this same request, still sees the user signed in.
  const doing = await currentSessionId(request);
  const ended = await setPassword(
    actor.id,
    input.next,
    doing
      ? { sessionId: doing, untilIso: new Date(Date.now() + REISSUE_GRACE_MS).toISOString() }
      : undefined,
  );
  recordAudit(
    actor,
    "user.password_change",
    target,
    { sessionsEnded: ended.sessions, tokensRevoked: ended.tokens },
    ip,
  );
  return startSession(actor.id);
}
