// Start-up: migrate the database, settle jobs a killed process left behind, delete the temp files
// of uploads it left, seed it once, then start the background work (schedules, outbox).
import { connectionSettings, getDb } from "@db/client.server";
import { seedDemoConsortium, seedFirstAdmin } from "@db/seed/demo.server";
import { countUsers } from "~/models/users.server";
import { recoverInterruptedJobs } from "~/jobs/recovery.server";
import { sweepUploadTemp } from "~/http/upload.server";
import { startBackgroundWork } from "~/jobs/background.server";

export async function boot(): Promise<void> {
  const settings = Object.entries(connectionSettings(getDb()));
  console.log(`database: ${settings.map(([name, value]) => `${name}=${value}`).join(" ")}`);
  recoverInterruptedJobs();
  await sweepUploadTemp();
  await seedOnce();
  startBackgroundWork();
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
