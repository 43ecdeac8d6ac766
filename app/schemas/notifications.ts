// Inputs of the notifications: the list's query, marking read, and the preferences form.
import { z } from "zod";
import { NOTIFICATION_KINDS, type NotificationKind } from "~/mail/kinds";

/** The largest page the API answers. */
export const NOTIFICATIONS_PAGE_MAX = 200;

/** `GET /api/v1/notifications`: filters and the page, as query-string text. */
export const notificationsQuery = z.object({
  kind: z.enum(NOTIFICATION_KINDS).optional(),
  unread: z.enum(["true", "false", "1", "0"]).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(NOTIFICATIONS_PAGE_MAX).optional(),
});

/** `POST /api/v1/notifications/read`: some of one's own notifications by id, or all of them. */
export const markReadRequest = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(1000) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

/** The preferences form: for each kind of the role, "portal" (only) or "email" (and portal). */
export function preferencesForm(kinds: readonly NotificationKind[]) {
  const channel = z.enum(["portal", "email"]);
  return z.object(Object.fromEntries(kinds.map((k) => [k, channel]))) as z.ZodObject<
    Record<string, typeof channel>
  >;
}
