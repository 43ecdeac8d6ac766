// Signed one-click unsubscribe tokens, one per user and kind (RFC 8058): the token itself is the
// proof, so no sign-in is needed and nothing else can be changed with it.
import { createHmac, timingSafeEqual } from "node:crypto";
import { storedSessionSecret } from "~/models/sessions.server";
import { isNotificationKind, type NotificationKind } from "./kinds";

const secret = () =>
  createHmac("sha256", process.env.SESSION_SECRET || storedSessionSecret())
    .update("tierpool unsubscribe")
    .digest();

const sign = (payload: string) =>
  createHmac("sha256", secret()).update(payload).digest("base64url").slice(0, 32);

export function unsubscribeToken(userId: number, kind: NotificationKind): string {
  const payload = `${userId}.${kind}`;
  return `${payload}.${sign(payload)}`;
}

/** The user and kind a token names, or null when it is not one we signed. */
export function readUnsubscribeToken(
  token: string,
): { userId: number; kind: NotificationKind } | null {
  const match = /^(\d{1,12})\.([a-z_]{1,40})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const [, id, kind, signature] = match;
  const expected = Buffer.from(sign(`${id}.${kind}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (!isNotificationKind(kind)) return null;
  return { userId: Number(id), kind };
}
