// Cookie sessions stored server-side: the signed, httpOnly cookie carries only the session id.
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import {
  createSessionRow,
  deleteSessionRow,
  findSessionUser,
  storedSessionSecret,
} from "~/models/sessions.server";

const SESSION_DAYS = 14;

/** SESSION_SECRET, or a random secret kept beside the database so restarts keep sessions. */
const sessionSecret = () => process.env.SESSION_SECRET || storedSessionSecret();

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  cookie ??= createCookie("tp_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "0",
    path: "/",
    maxAge: SESSION_DAYS * 24 * 3600,
    secrets: [sessionSecret()],
  });
  return cookie;
}

export async function startSession(userId: number): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000).toISOString();
  createSessionRow(id, userId, expiresAt);
  return sessionCookie().serialize(id);
}

async function sessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export async function sessionUser(request: Request) {
  const id = await sessionId(request);
  return id ? findSessionUser(id, new Date().toISOString()) : null;
}

/** Ends the session server-side and returns the header that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const id = await sessionId(request);
  if (id) deleteSessionRow(id);
  return sessionCookie().serialize("", { maxAge: 0 });
}
