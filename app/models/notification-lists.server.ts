// A user's notifications as a list that sorts, filters and downloads (SPEC 6, issue 15 item 11):
// newest first unless the reader chooses another whitelisted order. Only the user's own.
import { prepared } from "@db/client.server";
import { notificationTitle, type NotificationParams } from "~/i18n/notifications/render";
import type { Locale } from "~/i18n/locale";
import { isNotificationKind } from "~/mail/kinds";
import { NOTIFICATION_SORTS, type NotificationSort } from "~/schemas/notification-lists";
import { limitOf, offsetOf, orderText, type ListSort, type Paging } from "./list-order.server";
import type { NotificationFilter, NotificationView } from "./notifications.server";

export { NOTIFICATION_SORTS, type NotificationSort };

const ORDER: Record<NotificationSort, string> = {
  createdAt: "created_at",
  kind: "kind",
  // Unread ones first when ascending ("what is left to read"), then by when they were read.
  readAt: "read_at IS NOT NULL, read_at",
};

type Row = {
  id: number;
  kind: string;
  params: string;
  link: string;
  createdAt: string;
  readAt: string | null;
};

/** One page of `userId`'s notifications (all when `paging` is left out), and how many there are. */
export function listNotificationsSorted(
  userId: number,
  filter: NotificationFilter,
  sorted: ListSort<NotificationSort>,
  locale: Locale,
  paging?: Paging,
): { rows: NotificationView[]; total: number } {
  const where = `user_id = @userId AND (@kind IS NULL OR kind = @kind)
    AND (@unread = 0 OR read_at IS NULL)`;
  const args = { userId, kind: filter.kind ?? null, unread: filter.unread ? 1 : 0 };
  const rows = prepared(
    `SELECT id, kind, params, link, created_at AS createdAt, read_at AS readAt
       FROM notifications WHERE ${where}
      ORDER BY ${orderText(ORDER, sorted, "id")} LIMIT @limit OFFSET @offset`,
  ).all({ ...args, limit: limitOf(paging), offset: offsetOf(paging) }) as Row[];
  const { n } = prepared(`SELECT count(*) AS n FROM notifications WHERE ${where}`).get(args) as {
    n: number;
  };
  return {
    rows: rows.map((r) => {
      const params = JSON.parse(r.params) as NotificationParams;
      // As the portal's own list reads them: a kind removed since reads as report_due's text.
      const kind = isNotificationKind(r.kind) ? r.kind : ("report_due" as const);
      return { ...r, kind, params, title: notificationTitle(kind, params, locale) };
    }),
    total: n,
  };
}
