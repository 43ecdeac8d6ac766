// The signed-in user's notifications as CSV or XLSX (?format=), with the screen's filters
// (kind, unread) and order, every row.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { listDownload, type ListColumn } from "~/http/list-export.server";
import { listQuery } from "~/http/list-query.server";
import { pickLocale, type MessageKey } from "~/i18n/locale";
import { NOTIFICATION_KINDS } from "~/mail/kinds";
import type { NotificationView } from "~/models/notifications.server";
import { listNotificationsSorted, NOTIFICATION_SORTS } from "~/models/notification-lists.server";

const COLUMNS: ListColumn<NotificationView>[] = [
  { header: "notifications.sentOn", cell: (n) => n.createdAt.slice(0, 16).replace("T", " ") },
  { header: "notifications.kind", cell: (n, t) => t(`notifications.kind.${n.kind}` as MessageKey) },
  { header: "notifications.subject", cell: (n) => n.title },
  { header: "notifications.readOn", cell: (n) => n.readAt?.slice(0, 16).replace("T", " ") ?? null },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin", "supplier", "member"] });
  const locale = pickLocale(actor.locale, request.headers.get("Accept-Language"));
  const list = listQuery(request, { sorts: NOTIFICATION_SORTS, sort: "createdAt", dir: "desc" });
  const filter = {
    kind: list.oneOf("kind", NOTIFICATION_KINDS),
    unread: list.text("unread") === "1",
  };
  const { rows } = listNotificationsSorted(actor.id, filter, list.sorted, locale);
  return listDownload(actor, request, {
    fileName: "notifications.fileName",
    columns: COLUMNS,
    rows,
  });
}
