// A statement posting split by program component (SPEC 3.6 and 3.7): what a run posts for a
// member is A_i − what was posted before, and A_i is the sum of its component shares, so each
// component's part of the posting is its share in this run less its share in the program's
// run posted before. What that leaves unexplained (a run before the program had components)
// belongs to the tier component.
import { addMinor, type Minor } from "./money";

export type ComponentShare = { kind: "tier" | "bonus"; name: string; amountMinor: Minor };

/**
 * The components of one posting: `runId` is the posting's run, `programRunIds` every posted run
 * of its program (any order), `sharesByRun` the member's year-to-date component shares of the
 * runs that have components. Null when the posting's run has none (a plain program).
 */
export function postingComponents(
  posting: { runId: number | null; amountMinor: Minor },
  programRunIds: readonly number[],
  sharesByRun: ReadonlyMap<number, readonly ComponentShare[]>,
): ComponentShare[] | null {
  if (posting.runId === null) return null;
  const shares = sharesByRun.get(posting.runId);
  if (!shares) return null;
  let previousRun: number | null = null;
  for (const id of programRunIds)
    if (id < posting.runId && (previousRun === null || id > previousRun)) previousRun = id;
  const before = new Map(
    (previousRun === null ? [] : (sharesByRun.get(previousRun) ?? [])).map((s) => [
      `${s.kind}:${s.name}`,
      s.amountMinor,
    ]),
  );
  const parts = shares.map((s) => ({
    ...s,
    amountMinor: addMinor(s.amountMinor, -(before.get(`${s.kind}:${s.name}`) ?? 0)),
  }));
  let explained: Minor = 0;
  for (const p of parts) explained = addMinor(explained, p.amountMinor);
  const rest = addMinor(posting.amountMinor, -explained);
  const tier = parts.find((p) => p.kind === "tier");
  if (rest !== 0 && tier) tier.amountMinor = addMinor(tier.amountMinor, rest);
  return parts;
}
