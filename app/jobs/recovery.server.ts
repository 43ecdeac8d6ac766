// Jobs a killed process left running are failed at the next start, their half-work undone.
import { failInterrupted } from "~/models/report-lifecycle.server";
import { failInterruptedClaimUploads } from "~/models/claim-uploads.server";

export function recoverInterruptedJobs(): void {
  const recovered = failInterrupted();
  if (recovered > 0) console.log(`Marked ${recovered} interrupted job(s) as failed.`);
  const claims = failInterruptedClaimUploads();
  if (claims > 0) console.log(`Marked ${claims} interrupted claim upload(s) as failed.`);
}
