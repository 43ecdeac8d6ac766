// The rules of decision 041 with a clock the test moves: session limits, token expiry, and the
// throttle's growing delays per (account, address), address and account.
import { describe, expect, it } from "vitest";
import {
  delayAfter,
  KNOWN_ADDRESS_MS,
  sessionEnded,
  sessionNeedsTouch,
  THROTTLE_FORGET_MS,
  throttleKeys,
  throttleWait,
  tokenExpiry,
  type ThrottleCounter,
  type ThrottleScope,
} from "./limits";

const T0 = Date.parse("2026-12-03T12:00:00.000Z");
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe("sessions", () => {
  const session = (seenAgo: number, expiresIn = 14 * 24 * 60 * MIN) => ({
    lastSeenAt: iso(T0 - seenAgo),
    expiresAt: iso(T0 + expiresIn),
  });

  it("end after 30 idle minutes for admins and 12 idle hours for others", () => {
    expect(sessionEnded(session(29 * MIN), "admin", T0)).toBeNull();
    expect(sessionEnded(session(30 * MIN), "admin", T0)).toBe("idle");
    expect(sessionEnded(session(30 * MIN), "member", T0)).toBeNull();
    expect(sessionEnded(session(11 * 60 * MIN), "supplier", T0)).toBeNull();
    expect(sessionEnded(session(12 * 60 * MIN), "supplier", T0)).toBe("idle");
    expect(sessionEnded({ ...session(0), lastSeenAt: null }, "member", T0)).toBe("idle");
  });

  it("end at their absolute expiry however busy", () => {
    expect(sessionEnded(session(0, 0), "member", T0)).toBe("old");
    expect(sessionEnded(session(0, -1), "admin", T0)).toBe("old");
    expect(sessionEnded(session(0, 1), "admin", T0)).toBeNull();
  });

  it("are noted as seen at most once a minute", () => {
    expect(sessionNeedsTouch(session(59_999), T0)).toBe(false);
    expect(sessionNeedsTouch(session(MIN), T0)).toBe(true);
  });
});

describe("tokens", () => {
  it("live 90 days, or fewer when asked, never more", () => {
    expect(tokenExpiry(T0)).toBe("2027-03-03T12:00:00.000Z");
    expect(tokenExpiry(T0, 7)).toBe("2026-12-10T12:00:00.000Z");
    expect(tokenExpiry(T0, 365)).toBe(tokenExpiry(T0));
  });
});

describe("throttling", () => {
  const keys = throttleKeys(" Admin@Example.com ", "10.0.0.1");

  /** Counters after `n` failures, the last one at `at`. */
  const failed = (n: number, at = T0): ThrottleCounter => ({
    failures: n,
    lastFailureMs: at,
    lastSuccessMs: null,
  });
  const wait = (c: Partial<Record<ThrottleScope, ThrottleCounter>>, now = T0) =>
    throttleWait(c, now);

  it("keys the account in lower case, the pair by both", () => {
    expect(keys).toEqual({
      pair: "pair:admin@example.com 10.0.0.1",
      address: "address:10.0.0.1",
      account: "account:admin@example.com",
    });
  });

  it("lets four failures of a pair pass, then waits 30 s, doubling up to 15 min", () => {
    expect([1, 2, 3, 4].map((n) => delayAfter("pair", n))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => delayAfter("pair", n) / 1000)).toEqual([30, 60, 120, 240]);
    expect(delayAfter("pair", 9) / 1000).toBe(480);
    expect(delayAfter("pair", 10) / 1000).toBe(900);
    expect(delayAfter("pair", 1000) / 1000).toBe(900);
    expect(wait({ pair: failed(4) })).toBe(0);
    expect(wait({ pair: failed(5) })).toBe(30);
    expect(wait({ pair: failed(5) }, T0 + 29_500)).toBe(1);
    expect(wait({ pair: failed(5) }, T0 + 30_000)).toBe(0);
    expect(wait({ pair: failed(6) }, T0 + 30_000)).toBe(30);
  });

  it("lets an address fail 19 times over any accounts, then delays it up to an hour", () => {
    expect(wait({ address: failed(19) })).toBe(0);
    expect(wait({ address: failed(20) })).toBe(30);
    expect(delayAfter("address", 1000) / 1000).toBe(3600);
  });

  it("forgets a counter a day after its last failure", () => {
    expect(wait({ pair: failed(12) }, T0 + 15 * MIN - 1)).toBeGreaterThan(0);
    expect(wait({ pair: failed(12, T0 - THROTTLE_FORGET_MS) })).toBe(0);
  });

  it("slows strangers when an account fails from many addresses, never its owner's address", () => {
    const attacked = failed(40);
    // An address the owner never signed in from waits for the account's delay …
    expect(wait({ account: attacked, pair: undefined })).toBe(15 * 60);
    expect(wait({ account: failed(10) })).toBe(30);
    expect(wait({ account: failed(9) })).toBe(0);
    // … the owner's own address (a sign-in there within 30 days) does not.
    const owners: ThrottleCounter = { failures: 0, lastFailureMs: null, lastSuccessMs: T0 - MIN };
    expect(wait({ account: attacked, pair: owners })).toBe(0);
    // Their own failures there still count against that pair.
    expect(wait({ account: attacked, pair: { ...failed(5), lastSuccessMs: T0 - MIN } })).toBe(30);
    // An address the owner last used more than 30 days ago is a stranger's again.
    const stale = { ...owners, lastSuccessMs: T0 - KNOWN_ADDRESS_MS };
    expect(wait({ account: attacked, pair: stale })).toBe(15 * 60);
  });

  it("never locks the owner out for good: every delay ends", () => {
    for (const scope of ["pair", "address", "account"] as const) {
      const counter = failed(10_000);
      expect(wait({ [scope]: counter }, T0 + 60 * MIN)).toBe(0);
    }
  });
});
