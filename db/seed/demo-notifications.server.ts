// The demo's notifications: its history (reports processed, runs posted, near a tier, batches
// built and paid) told them through the real events as it was seeded, and the outbox holds each
// e-mail. Here the inbox is made to look lived-in: older ones read, one preference changed.
import { findUserByEmail } from "~/models/users.server";
import { setEmailPreference } from "~/models/notification-prefs.server";
import { markOlderRead } from "~/models/notifications.server";

/** How many of each user's newest notifications the demo leaves unread. */
const UNREAD_LEFT = 4;

export function seedDemoNotifications(): void {
  markOlderRead(UNREAD_LEFT);
  // The second member firm reads tier news in the portal only (its preferences show the choice).
  const member = findUserByEmail("admin@vigilancia10.demo");
  if (member) setEmailPreference(member.id, "near_next_tier", false);
}
