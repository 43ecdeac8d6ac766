// The orders the notifications list may take (SPEC 6): the model's whitelist and the screen's choices.
export const NOTIFICATION_SORTS = ["createdAt", "kind", "readAt"] as const;
export type NotificationSort = (typeof NOTIFICATION_SORTS)[number];
