// Pure rules of delivery: what an SMTP failure means and when to try again (decision 049).

/** What a failed send tells: try again later, or never (the server refused for good). */
export type Verdict = { permanent: boolean; reply: string };

type SendError = { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };

/**
 * A 5xx reply is permanent: the message is recorded as failed with the reply. A 4xx reply, a
 * connection refused or cut, a timeout, or a refused login (the setup is wrong, not the message)
 * is temporary.
 */
export function judgeSendError(error: unknown): Verdict {
  const e = (error ?? {}) as SendError;
  const code = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const reply =
    (typeof e.response === "string" && e.response) ||
    [e.code, e.message].filter((part) => typeof part === "string" && part).join(": ") ||
    String(error);
  const permanent = code !== undefined && code >= 500 && code < 600 && e.code !== "EAUTH";
  return { permanent, reply };
}

/** Exponential backoff: base, 2×base, 4×base… capped; `attempts` counts the tries made so far. */
export function retryDelayMs(attempts: number, baseMs: number, capMs: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(capMs, baseMs * 2 ** exponent);
}

/** After this many tries a temporary failure is recorded as failed (about two days at the defaults). */
export const MAX_ATTEMPTS = 12;
