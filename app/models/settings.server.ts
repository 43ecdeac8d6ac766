// The consortium's settings (one row) and its minimum payout per currency.
import { eq } from "drizzle-orm";
import { getDb, inTransaction, type Db } from "@db/client.server";
import { payoutMinimums, settings } from "@db/schema";
import { recordAudit, type AuditActor } from "./audit.server";

export type Settings = typeof settings.$inferSelect;

const DEFAULTS = {
  id: 1,
  name: "Consortium",
  baseCurrency: "USD",
  defaultFeeBps: 1000,
  fourEyes: false,
};

export function getSettings(): Settings {
  const row = getDb().select().from(settings).where(eq(settings.id, 1)).get();
  return row ?? { ...DEFAULTS, updatedAt: "" };
}

export function saveSettings(db: Db, input: Omit<Settings, "id" | "updatedAt">) {
  const values = { ...input, id: 1, updatedAt: new Date().toISOString() };
  db.insert(settings).values(values).onConflictDoUpdate({ target: settings.id, set: values }).run();
}

export function listPayoutMinimums() {
  return getDb().select().from(payoutMinimums).all();
}

export function setPayoutMinimum(db: Db, currency: string, amountMinor: number) {
  db.insert(payoutMinimums)
    .values({ currency, amountMinor })
    .onConflictDoUpdate({ target: payoutMinimums.currency, set: { amountMinor } })
    .run();
}

/** The admin's change of the settings, audited. */
export function saveSettingsAsAdmin(actor: AuditActor, input: Omit<Settings, "id" | "updatedAt">) {
  inTransaction((db) => {
    saveSettings(db, input);
    recordAudit(actor, "settings.update", undefined, input);
  });
}

/** The admin's change of a currency's minimum payout, audited. */
export function setPayoutMinimumAsAdmin(
  actor: AuditActor,
  input: { currency: string; amountMinor: number },
) {
  inTransaction((db) => {
    setPayoutMinimum(db, input.currency, input.amountMinor);
    recordAudit(actor, "settings.payout_minimum", { type: "currency", id: input.currency }, input);
  });
}
