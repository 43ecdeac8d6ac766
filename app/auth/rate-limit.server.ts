// Throttling of password checks (sign-in, the API's token exchange, the account page's current
// password): per (account, address) pair, per address, and per account from addresses its owner
// has not signed in from, with growing delays (rules in ./limits). The counters live in the
// database, so several server processes share them (decision 041).
import { KNOWN_ADDRESS_MS, THROTTLE_FORGET_MS, throttleKeys, throttleWait } from "./limits";
import {
  countFailure,
  countSuccess,
  readThrottles,
  sweepThrottles,
} from "~/models/login-throttles.server";

/** Seconds to wait before a password may be checked for this e-mail from this address, or 0. */
export function loginRetryAfter(email: string, address: string, now = Date.now()): number {
  const keys = throttleKeys(email, address);
  const rows = readThrottles(Object.values(keys));
  return throttleWait(
    { pair: rows.get(keys.pair), address: rows.get(keys.address), account: rows.get(keys.account) },
    now,
  );
}

/** A wrong password (or an unknown e-mail, counted the same way). */
export function recordLoginFailure(email: string, address: string, now = Date.now()): void {
  countFailure(Object.values(throttleKeys(email, address)), now, THROTTLE_FORGET_MS);
  sweepThrottles(now, THROTTLE_FORGET_MS, KNOWN_ADDRESS_MS);
}

/** The right password: this pair starts afresh, and the address is known as the owner's. */
export function recordLoginSuccess(email: string, address: string, now = Date.now()): void {
  countSuccess(throttleKeys(email, address).pair, now);
}
