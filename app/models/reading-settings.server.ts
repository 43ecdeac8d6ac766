// How a user reads the portal: the language of its messages and the format region of its
// numbers, money and dates (decision 058). Null in either follows the browser.
import { eq, sql } from "drizzle-orm";
import { getDb } from "@db/client.server";
import { preparedQuery } from "@db/read-cache.server";
import { users } from "@db/schema";
import type { Locale } from "~/i18n/locale";
import type { Region } from "~/i18n/regions";

const userRegion = preparedQuery((db) =>
  db
    .select({ region: users.region })
    .from(users)
    .where(eq(users.id, sql.placeholder("id")))
    .prepare(),
);

/** The user's saved format region, or null (follow the browser). */
export function regionOfUser(userId: number): string | null {
  return userRegion().get({ id: userId })?.region ?? null;
}

/** Saves what is given: a language, and a region (null: back to following the browser). */
export function saveReadingSettings(
  userId: number,
  settings: { locale?: Locale; region?: Region | null },
) {
  const changes: { locale?: Locale; region?: Region | null } = {};
  if (settings.locale !== undefined) changes.locale = settings.locale;
  if (settings.region !== undefined) changes.region = settings.region;
  if (Object.keys(changes).length === 0) return;
  getDb().update(users).set(changes).where(eq(users.id, userId)).run();
}
