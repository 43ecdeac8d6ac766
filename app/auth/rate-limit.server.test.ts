// The throttle on a database of its own, with the clock passed in: counters are shared through
// the database (several processes), grow per pair, address and account, and a sign-in from the
// owner's address keeps it open while strangers elsewhere are slowed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loginRetryAfter, recordLoginFailure, recordLoginSuccess } from "./rate-limit.server";
import { THROTTLE_FORGET_MS } from "./limits";

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "tierpool-throttle-"));
  vi.stubEnv("DATABASE_PATH", join(scratch, "throttle.db"));
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(scratch, { recursive: true, force: true });
});

const T0 = Date.parse("2026-12-03T12:00:00.000Z");

describe("the throttle in the database", () => {
  it("throttles a pair after five failures with a growing delay, and forgets after a day", () => {
    const email = "pair@example.com";
    for (let i = 0; i < 4; i++) recordLoginFailure(email, "1.1.1.1", T0 + i);
    expect(loginRetryAfter(email, "1.1.1.1", T0 + 10)).toBe(0);
    recordLoginFailure(email, "1.1.1.1", T0 + 10);
    expect(loginRetryAfter(email, "1.1.1.1", T0 + 10)).toBe(30);
    // Another address is not slowed by this pair.
    expect(loginRetryAfter(email, "2.2.2.2", T0 + 10)).toBe(0);
    recordLoginFailure(email, "1.1.1.1", T0 + 30_010);
    expect(loginRetryAfter(email, "1.1.1.1", T0 + 30_010)).toBe(60);
    const later = T0 + 30_010 + THROTTLE_FORGET_MS;
    expect(loginRetryAfter(email, "1.1.1.1", later)).toBe(0);
    recordLoginFailure(email, "1.1.1.1", later);
    expect(loginRetryAfter(email, "1.1.1.1", later)).toBe(0);
  });

  it("clears a pair on success", () => {
    const email = "typo@example.com";
    for (let i = 0; i < 5; i++) recordLoginFailure(email, "3.3.3.3", T0);
    expect(loginRetryAfter(email, "3.3.3.3", T0)).toBeGreaterThan(0);
    recordLoginSuccess(email, "3.3.3.3", T0 + 31_000);
    expect(loginRetryAfter(email, "3.3.3.3", T0 + 31_000)).toBe(0);
  });

  it("slows new addresses of an account attacked from many, never its owner's", () => {
    const email = "owner@example.com";
    recordLoginSuccess(email, "10.0.0.1", T0 - 1000);
    // Ten addresses fail once each: no pair and no address reaches its limit …
    for (let i = 0; i < 10; i++) recordLoginFailure(email, `172.16.0.${i}`, T0 + i);
    // … but the account did: any address the owner never used waits,
    expect(loginRetryAfter(email, "172.16.0.99", T0 + 10)).toBe(30);
    expect(loginRetryAfter(email, "172.16.0.0", T0 + 10)).toBe(30);
    // the owner's own address does not,
    expect(loginRetryAfter(email, "10.0.0.1", T0 + 10)).toBe(0);
    // and neither does another account from the attackers' addresses.
    expect(loginRetryAfter("other@example.com", "172.16.0.99", T0 + 10)).toBe(0);
  });

  it("answers an unknown e-mail exactly as a known one", () => {
    for (let i = 0; i < 5; i++) recordLoginFailure("ghost@example.com", "4.4.4.4", T0);
    for (let i = 0; i < 5; i++) recordLoginFailure("pair@example.com", "5.5.5.5", T0);
    expect(loginRetryAfter("ghost@example.com", "4.4.4.4", T0)).toBe(
      loginRetryAfter("pair@example.com", "5.5.5.5", T0),
    );
  });
});
