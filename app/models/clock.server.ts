// The portal's clock for business time: due days, reminder cadence, link expiry. Tests move it
// without touching the machine: TIERPOOL_CLOCK names a file holding an ISO instant, read on every
// call, so every server process on one database sees the same moved time (decision 050). It is
// ignored in production. Leases and retry backoff use the wall clock: they are about processes.
import { readFileSync } from "node:fs";

let override: (() => Date) | undefined;

/** Now, by the portal's clock. */
export function now(): Date {
  if (override) return override();
  const file = process.env.TIERPOOL_CLOCK;
  if (file && process.env.NODE_ENV !== "production") {
    const at = new Date(readClockFile(file));
    if (!Number.isNaN(at.getTime())) return at;
  }
  return new Date();
}

/** The file's instant, or "" while it cannot be read (then the real clock counts). */
function readClockFile(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}

export const nowIso = () => now().toISOString();

/** For unit tests in one process: a fixed or moving clock; undefined restores the real one. */
export function setClock(clock: (() => Date) | undefined): void {
  override = clock;
}
