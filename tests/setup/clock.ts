// The portal's clock for tests: a file the built server reads through TIERPOOL_CLOCK (see
// app/models/clock.server.ts). Every server process given the same file sees the same time.
import { mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type TestClock = { path: string; set: (iso: string) => void };

export function testClock(startIso: string): TestClock {
  const path = join(mkdtempSync(join(tmpdir(), "tierpool-clock-")), "now");
  const set = (iso: string) => {
    // Written aside and renamed, so a process never reads half a time.
    writeFileSync(`${path}.next`, new Date(iso).toISOString());
    renameSync(`${path}.next`, path);
  };
  set(startIso);
  return { path, set };
}
