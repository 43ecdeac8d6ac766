// Jobs a killed process left running are failed at the next start, their half-work undone.
import { recoverJobs } from "~/models/jobs.server";

export function recoverInterruptedJobs(): void {
  const recovered = recoverJobs();
  if (recovered > 0) console.log(`Marked ${recovered} interrupted job(s) as failed.`);
}
