// SPEC 11's report-due reminder: on the due day (the consortium's `reportDueDay` setting, default
// 10) a supplier whose report for the month before is missing, while one of its programs covers
// that month, is reminded, then every 3 days until the report arrives. Each reminder has its key
// (supplier, month, 3-day slot), so however often the job runs, and on however many processes, a
// slot is told once; a slot missed while the portal was down is told when it comes back
// (decision 050).
import { remindOfMissingReport, suppliersMissingReport } from "~/models/report-reminders.server";
import { reportDueDay } from "~/models/settings.server";
import { registerJob } from "./scheduler.server";
import { reminderSlot } from "./schedule-times";

export const REPORT_DUE_JOB = "report-due-reminders";

/** Hourly: the reminder of a day goes out in the first hour the portal runs that day. */
export function registerReportDueJob(): void {
  registerJob(REPORT_DUE_JOB, { every: 3600_000, run: remindMissingReports });
}

/** Reminds every supplier missing the report due by `now`; returns how many were reminded. */
export function remindMissingReports(now: Date): number {
  const reminder = reminderSlot(now, reportDueDay());
  let told = 0;
  for (const supplier of suppliersMissingReport(reminder.month))
    if (remindOfMissingReport(supplier, reminder) > 0) told += 1;
  return told;
}
