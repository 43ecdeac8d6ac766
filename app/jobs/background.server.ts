// The background work every server process runs after start-up: the scheduled jobs (one process
// acts per due run) and the outbox's sender (one process per message).
import { registerClaimJobs } from "./claim-review.server";
import { startMailSender } from "./mail-sender.server";
import { registerReportDueJob } from "./report-due.server";
import { startScheduler } from "./scheduler.server";

export function startBackgroundWork(): void {
  registerReportDueJob();
  registerClaimJobs();
  startScheduler();
  startMailSender();
}
