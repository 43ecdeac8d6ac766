// The consortium's settings (one row) and its minimum payout per currency.
import { eq } from "drizzle-orm";
import { getDb, inTransaction, prepared, type Db } from "@db/client.server";
import { payoutMinimums, settings } from "@db/schema";
import { recordAudit, type AuditActor } from "./audit.server";

export type Settings = typeof settings.$inferSelect;

const DEFAULTS = {
  id: 1,
  name: "Consortium",
  baseCurrency: "USD",
  defaultFeeBps: 1000,
  fourEyes: false,
  claimDeadlineDays: 15,
  reportDueDay: 10,
};

/** What saving the settings takes; the two schedule settings keep their value when left out. */
export type SettingsInput = Omit<
  Settings,
  "id" | "updatedAt" | "claimDeadlineDays" | "reportDueDay"
> &
  Partial<Pick<Settings, "claimDeadlineDays" | "reportDueDay">>;

export function getSettings(): Settings {
  const row = getDb().select().from(settings).where(eq(settings.id, 1)).get();
  return row ?? { ...DEFAULTS, updatedAt: "" };
}

export function saveSettings(db: Db, input: SettingsInput) {
  const values = { ...input, id: 1, updatedAt: new Date().toISOString() };
  db.insert(settings).values(values).onConflictDoUpdate({ target: settings.id, set: values }).run();
}

/** Days a supplier has to answer a claim (the setting; 15 before any is saved). */
export function claimDeadlineDays(db: Db = getDb()): number {
  const days = prepared(`SELECT claim_deadline_days FROM settings WHERE id = 1`, db)
    .pluck()
    .get() as number | undefined;
  return days ?? DEFAULTS.claimDeadlineDays;
}

/** The day of the month a report of the month before is due (the setting; 10 before any is saved). */
export function reportDueDay(db: Db = getDb()): number {
  const day = prepared(`SELECT report_due_day FROM settings WHERE id = 1`, db).pluck().get() as
    number | undefined;
  return day ?? DEFAULTS.reportDueDay;
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
export function saveSettingsAsAdmin(actor: AuditActor, input: SettingsInput) {
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
