// Start-up: migrate the database, settle jobs a killed process left behind, delete the temp files
// of uploads it left, seed it once, then start the background work (schedules, outbox). With
// several server processes (decision 080) the cluster's primary does the first part once and
// watches over the processes' jobs; each process answering requests does the background work.
import { connectionSettings, getDb } from "@db/client.server";
import { seedDemoConsortium, seedFirstAdmin } from "@db/seed/demo.server";
import { countUsers } from "~/models/users.server";
import { recoverInterruptedJobs } from "~/jobs/recovery.server";
import { sweepUploadTemp } from "~/http/upload.server";
import { startBackgroundWork } from "~/jobs/background.server";
import { superviseJobs, takeHandedJobs } from "~/jobs/cluster.server";
import { enqueueReportJob } from "~/jobs/report-queue.server";

/** `alone`: the only process; `primary`: the cluster's, serving nothing; `worker`: one of its. */
export async function boot(role: "alone" | "primary" | "worker" = "alone"): Promise<void> {
  const settings = Object.entries(connectionSettings(getDb()));
  if (role === "worker") {
    takeHandedJobs(enqueueReportJob);
    startBackgroundWork();
    return;
  }
  console.log(`database: ${settings.map(([name, value]) => `${name}=${value}`).join(" ")}`);
  recoverInterruptedJobs();
  await sweepUploadTemp();
  await seedOnce();
  if (role === "primary") superviseJobs();
  else startBackgroundWork();
}

async function seedOnce(): Promise<void> {
  if (countUsers() > 0) return;
  if (process.env.DEMO === "0") {
    await seedFirstAdmin(process.env.ADMIN_EMAIL, process.env.ADMIN_PASSWORD);
  } else {
    const logins = await seedDemoConsortium();
    console.log("Demo consortium loaded. Sign in with:");
    for (const l of logins)
      console.log(`  ${l.role.padEnd(8)} ${l.email}  password: ${l.password}`);
  }
}
