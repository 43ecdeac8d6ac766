// Loads the demo consortium on first start, or only the first admin when DEMO=0.
import { getDb } from "@db/client.server";
import { DEMO_MEMBERS, DEMO_PASSWORD, DEMO_SUPPLIERS } from "./demo-data";
import { createUser } from "~/models/users.server";
import { upsertMember } from "~/models/members.server";
import { createSupplier } from "~/models/suppliers.server";
import { saveSettings, setPayoutMinimum } from "~/models/settings.server";
import { memberInput, supplierInput } from "~/schemas/parties";
import type { Actor } from "~/auth/authorize.server";
import { seedDemoActivity } from "./demo-activity.server";
import { seedDemoNotifications } from "./demo-notifications.server";
import { seedDemoClaims } from "./demo-claims.server";

export type DemoLogin = { role: string; email: string; password: string };

export async function seedFirstAdmin(email?: string, password?: string): Promise<void> {
  if (!email || !password) {
    console.log("DEMO=0: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin.");
    return;
  }
  const db = getDb();
  saveSettings(db, {
    name: "Consortium",
    baseCurrency: "USD",
    defaultFeeBps: 1000,
    fourEyes: false,
  });
  await createUser(db, { email, password, role: "admin", name: "Administrator" });
  console.log(`First admin created: ${email}`);
}

export async function seedDemoConsortium(): Promise<DemoLogin[]> {
  const db = getDb();
  saveSettings(db, {
    name: "Consorcio Integradores LatAm",
    baseCurrency: "USD",
    defaultFeeBps: 1000,
    fourEyes: true,
  });
  setPayoutMinimum(db, "USD", 5000);
  setPayoutMinimum(db, "MXN", 100000);
  const suppliers = DEMO_SUPPLIERS.map(({ key, ...s }) => ({
    key,
    ...createSupplier(db, supplierInput.parse(s)),
  }));
  const members = DEMO_MEMBERS.map((m) => upsertMember(db, memberInput.parse(m)).member);
  const logins: DemoLogin[] = [
    { role: "admin", email: "admin@tierpool.demo", password: DEMO_PASSWORD },
    { role: "admin", email: "approver@tierpool.demo", password: DEMO_PASSWORD },
    ...suppliers.map((s) => ({
      role: "supplier",
      email: `${s.key}@suppliers.demo`,
      password: DEMO_PASSWORD,
    })),
    { role: "member", email: "compras@seguridad97.demo", password: DEMO_PASSWORD },
    { role: "member", email: "admin@vigilancia10.demo", password: DEMO_PASSWORD },
  ];
  const admin = await createUser(db, {
    email: logins[0].email,
    password: DEMO_PASSWORD,
    role: "admin",
    name: "Ana Admin",
  });
  const approver = await createUser(db, {
    email: logins[1].email,
    password: DEMO_PASSWORD,
    role: "admin",
    name: "Bruno Approver",
  });
  for (const s of suppliers) {
    await createUser(db, {
      email: `${s.key}@suppliers.demo`,
      password: DEMO_PASSWORD,
      role: "supplier",
      supplierId: s.id,
      name: s.name,
    });
  }
  await createUser(db, {
    email: logins.at(-2)!.email,
    password: DEMO_PASSWORD,
    role: "member",
    memberId: members[0].id,
    name: members[0].name,
  });
  await createUser(db, {
    email: logins.at(-1)!.email,
    password: DEMO_PASSWORD,
    role: "member",
    memberId: members[1].id,
    name: members[1].name,
  });
  const asActor = (user: typeof admin): Actor => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: "admin",
    supplierId: null,
    memberId: null,
    locale: null,
    via: "session",
  });
  await seedDemoActivity(
    asActor(admin),
    asActor(approver),
    suppliers,
    members.map((m) => ({ id: m.id, name: m.name, taxId: m.taxId, country: m.country })),
  );
  await seedDemoClaims(asActor(admin), suppliers, members);
  seedDemoNotifications();
  return logins;
}
