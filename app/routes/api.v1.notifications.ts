import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute } from "~/http/api.server";
import { pickLocale } from "~/i18n/locale";
import { listNotifications, unreadCount } from "~/models/notifications.server";
import { notificationsQuery } from "~/schemas/notifications";

/** The caller's own notifications, newest first: by kind and unread, a page at a time. */
export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  allowMethods(request, "GET");
  const actor = await authorize(request, { roles: ["admin", "supplier", "member"] });
  const url = new URL(request.url);
  const query = notificationsQuery.parse(Object.fromEntries(url.searchParams));
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const unread = query.unread === "true" || query.unread === "1";
  const locale = pickLocale(actor.locale, request.headers.get("Accept-Language"));
  const { rows, total } = listNotifications(
    actor.id,
    { kind: query.kind, unread },
    page,
    pageSize,
    locale,
  );
  return Response.json({
    notifications: rows,
    total,
    page,
    pageSize,
    unread: unreadCount(actor.id),
  });
});
