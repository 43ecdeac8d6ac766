// The claims' scheduled work (SPEC 5.2, SPEC 11): pending claims past their deadline escalate to
// the admins, and each supplier's users get one digest a day of the claims new to them. Both run
// hourly from the schedule in the database, one process per due run; their keys (a claim moves
// from pending once, a digest per supplier and day) make a second run, a second process or a
// catch-up after downtime tell nobody twice (decisions 050, 064).
import { getDb, inTransaction } from "@db/client.server";
import { escalateOverdue } from "~/models/claim-decisions.server";
import { claimsToReview, suppliersWithPendingClaims } from "~/models/notification-events.server";
import { registerJob } from "./scheduler.server";

export const CLAIM_ESCALATION_JOB = "claim-escalations";
export const CLAIM_DIGEST_JOB = "claims-to-review-digest";

/** Hourly both: a deadline passes, and a day's digest goes out, within the hour of the day's start. */
export function registerClaimJobs(): void {
  registerJob(CLAIM_ESCALATION_JOB, { every: 3600_000, run: escalateClaims });
  registerJob(CLAIM_DIGEST_JOB, { every: 3600_000, run: sendClaimDigests });
}

/** Escalates the pending claims whose deadline passed before `now`'s day; returns how many. */
export function escalateClaims(now: Date): number {
  return escalateOverdue(now.toISOString().slice(0, 10));
}

/** The day's digest to each supplier with claims new to its users; returns how many users were told. */
export function sendClaimDigests(now: Date): number {
  const day = now.toISOString().slice(0, 10);
  let told = 0;
  for (const supplierId of suppliersWithPendingClaims(getDb()))
    told += inTransaction((db) => claimsToReview(db, supplierId, day));
  return told;
}
