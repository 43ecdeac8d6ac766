// Failed-login throttling per account and per client address (in memory: one server process).

const WINDOW_MS = 15 * 60 * 1000;
const LIMITS = { account: 5, address: 20 };
const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const kept = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  failures.set(key, kept);
  return kept;
}

/** Seconds to wait before the next attempt, or 0 when allowed. */
export function loginRetryAfter(email: string, address: string, now = Date.now()): number {
  const checks: [string, number][] = [
    [`account:${email.toLowerCase()}`, LIMITS.account],
    [`address:${address}`, LIMITS.address],
  ];
  let wait = 0;
  for (const [key, limit] of checks) {
    const times = recent(key, now);
    if (times.length >= limit)
      wait = Math.max(wait, Math.ceil((times[0] + WINDOW_MS - now) / 1000));
  }
  return wait;
}

export function recordLoginFailure(email: string, address: string, now = Date.now()): void {
  for (const key of [`account:${email.toLowerCase()}`, `address:${address}`]) {
    recent(key, now).push(now);
  }
}

export function clearLoginFailures(email: string): void {
  failures.delete(`account:${email.toLowerCase()}`);
}
