// Cookie sessions stored server-side: the signed, httpOnly cookie carries only the session id.
// A session ends when idle (30 min for admins, 12 h for others) and 14 days after sign-in at the
// latest (./limits, decision 041).
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import {
  createSessionRow,
  deleteEndedSessionsOfUser,
  deleteSessionRow,
  findSession,
  storedSessionSecret,
  touchSession,
} from "~/models/sessions.server";
import { SESSION_IDLE_MS, SESSION_MAX_MS, sessionEnded, sessionNeedsTouch } from "./limits";

/** SESSION_SECRET, or a random secret kept beside the database so restarts keep sessions. */
const sessionSecret = () => process.env.SESSION_SECRET || storedSessionSecret();

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie("tp_session", {
    httpOnly: true,
    sameSite: "lax",
    // Always Secure with COOKIE_SECURE=1; otherwise server.js adds Secure to a cookie answered
    // over https (the request's scheme, or X-Forwarded-Proto under TRUST_PROXY), so `npm start`
    // on plain http://localhost still signs in (decision 040).
    secure: process.env.COOKIE_SECURE === "1",
    path: "/",
    maxAge: SESSION_MAX_MS / 1000,
    secrets: [sessionSecret()],
  });
  return cookie;
}

/** A new session for the user; returns the Set-Cookie header. Their ended sessions are dropped. */
export async function startSession(userId: number): Promise<string> {
  const now = Date.now();
  const nowIso = new Date(now).toISOString();
  const longestIdle = Math.max(...Object.values(SESSION_IDLE_MS));
  deleteEndedSessionsOfUser(userId, nowIso, new Date(now - longestIdle).toISOString());
  const id = randomBytes(24).toString("base64url");
  createSessionRow(id, userId, new Date(now + SESSION_MAX_MS).toISOString(), nowIso);
  return sessionCookie().serialize(id);
}

/** The id of the session the request's (signed) cookie carries, if any. */
export async function currentSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

/** The session's user while the session counts; an idle or old session is deleted on sight. */
export async function sessionUser(request: Request) {
  const id = await currentSessionId(request);
  if (!id) return null;
  const found = findSession(id);
  if (!found) return null;
  const now = Date.now();
  if (sessionEnded(found, found.user.role, now)) {
    deleteSessionRow(id);
    return null;
  }
  if (sessionNeedsTouch(found, now)) touchSession(id, new Date(now).toISOString());
  return found.user;
}

/** Ends the session server-side and returns the header that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const id = await currentSessionId(request);
  if (id) deleteSessionRow(id);
  return sessionCookie().serialize("", { maxAge: 0 });
}
