// The kinds of notification SPEC 11 names, one per event: the portal and the e-mail speak of them
// by these names, and a user's preferences and unsubscribe links are per kind.
export const NOTIFICATION_KINDS = [
  "report_due",
  "report_processed",
  "claims_to_review",
  "claim_decided",
  "claim_escalated",
  "run_posted",
  "batch_awaiting_approval",
  "batch_paid",
  "near_next_tier",
  "invitation",
  "password_reset",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Kinds a person asked for (or cannot do without): always e-mailed, never unsubscribed from. The
 * invitation goes to someone who is not a user yet; a reset link is the way back in.
 */
export const TRANSACTIONAL_KINDS: readonly NotificationKind[] = ["invitation", "password_reset"];

export const isNotificationKind = (value: string): value is NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(value);

export const canUnsubscribe = (kind: NotificationKind) => !TRANSACTIONAL_KINDS.includes(kind);
