// How long sessions and tokens live, and how failed password checks slow the next ones down
// (decision 041). Pure: every rule takes the time it is asked at, so tests move the clock.
import type { Role } from "@db/schema";
import { TOKEN_DAYS_MAX } from "~/schemas/tokens";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ── Sessions ──

/** A session ends this long after the last request seen (SPEC 8: 30 min admins, 12 h others). */
export const SESSION_IDLE_MS: Record<Role, number> = {
  admin: 30 * MINUTE,
  supplier: 12 * HOUR,
  member: 12 * HOUR,
};
/** …and at the latest this long after sign-in, however busy. */
export const SESSION_MAX_MS = 14 * DAY;
/** `last_seen_at` is written at most this often: one write a minute per session, not per request. */
export const SESSION_TOUCH_MS = MINUTE;
/**
 * A password change re-issues the session doing it under a new id; the old id ends this soon
 * after (not at once: the page Remix renders after the action, in the same request, reads it).
 */
export const REISSUE_GRACE_MS = 10_000;

export type SessionTimes = { expiresAt: string; lastSeenAt: string | null };

/** Why a session no longer counts, or null while it does. */
export function sessionEnded(
  session: SessionTimes,
  role: Role,
  now: number,
): "old" | "idle" | null {
  if (Date.parse(session.expiresAt) <= now) return "old";
  const seen = session.lastSeenAt ? Date.parse(session.lastSeenAt) : NaN;
  if (!(seen + SESSION_IDLE_MS[role] > now)) return "idle";
  return null;
}

/** Whether this request should note the session as seen (at most once a minute). */
export const sessionNeedsTouch = (session: SessionTimes, now: number) =>
  !session.lastSeenAt || now - Date.parse(session.lastSeenAt) >= SESSION_TOUCH_MS;

// ── API tokens ──

/** A token lives 90 days (TOKEN_DAYS_MAX) unless its creator asks for less (SPEC 8). */
export const tokenExpiry = (now: number, days: number = TOKEN_DAYS_MAX) =>
  new Date(now + Math.min(days, TOKEN_DAYS_MAX) * DAY).toISOString();

// ── Throttling of password checks ──

/**
 * Three counters see each failure: the (account, address) pair, the address whatever account it
 * tries, and the account from whatever address. Each lets `free` failures pass, then makes the
 * next attempt wait `baseMs`, doubling with every further failure up to `maxMs`. A refused
 * (throttled) attempt checks no password and counts nothing. The account counter never applies
 * to an address the owner signed in from (`KNOWN_ADDRESS_MS`), so strangers failing everywhere
 * slow down strangers, never the owner at their own address.
 */
export const THROTTLE_RULES = {
  pair: { free: 4, baseMs: 30_000, maxMs: 15 * MINUTE },
  address: { free: 19, baseMs: 30_000, maxMs: HOUR },
  account: { free: 9, baseMs: 30_000, maxMs: 15 * MINUTE },
} as const;
export type ThrottleScope = keyof typeof THROTTLE_RULES;

/** Counters are forgotten after this long without a failure. */
export const THROTTLE_FORGET_MS = DAY;
/** An address the owner signed in from stays theirs this long. */
export const KNOWN_ADDRESS_MS = 30 * DAY;

export type ThrottleCounter = {
  failures: number;
  lastFailureMs: number | null;
  lastSuccessMs: number | null;
};

/** The counters' keys for an e-mail (lower case) and a client address. */
export function throttleKeys(email: string, address: string): Record<ThrottleScope, string> {
  const account = email.trim().toLowerCase();
  return {
    pair: `pair:${account} ${address}`,
    address: `address:${address}`,
    account: `account:${account}`,
  };
}

/** Failures that still count at `now` (none once the counter has been quiet long enough). */
export function liveFailures(counter: ThrottleCounter | undefined, now: number): number {
  if (!counter?.lastFailureMs || now - counter.lastFailureMs >= THROTTLE_FORGET_MS) return 0;
  return counter.failures;
}

/** How long to wait after the last failure, once `failures` have been counted. */
export function delayAfter(scope: ThrottleScope, failures: number): number {
  const { free, baseMs, maxMs } = THROTTLE_RULES[scope];
  if (failures <= free) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(failures - free - 1, 30));
}

/** Whether the owner signed in from this pair's address lately. */
export const isKnownAddress = (pair: ThrottleCounter | undefined, now: number) =>
  !!pair?.lastSuccessMs && now - pair.lastSuccessMs < KNOWN_ADDRESS_MS;

/** Seconds to wait before a password may be checked for this pair, or 0. */
export function throttleWait(
  counters: Partial<Record<ThrottleScope, ThrottleCounter>>,
  now: number,
): number {
  const scopes: ThrottleScope[] = isKnownAddress(counters.pair, now)
    ? ["pair", "address"]
    : ["pair", "address", "account"];
  let until = 0;
  for (const scope of scopes) {
    const counter = counters[scope];
    const failures = liveFailures(counter, now);
    if (failures > 0)
      until = Math.max(until, counter!.lastFailureMs! + delayAfter(scope, failures));
  }
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}
