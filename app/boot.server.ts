// Start-up: migrate the database, settle jobs a killed process left behind, then seed it once.
import { getDb } from "@db/client.server";
import { seedDemoConsortium, seedFirstAdmin } from "@db/seed/demo.server";
import { countUsers } from "~/models/users.server";
import { recoverInterruptedJobs } from "~/jobs/recovery.server";

export async function boot(): Promise<void> {
  getDb();
  recoverInterruptedJobs();
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
