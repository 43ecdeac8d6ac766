// The caller's own notifications: the list and marking read.
import { markReadRequest, notificationsQuery } from "~/schemas/notifications";
import { markedRead, notificationPage } from "~/schemas/responses/notifications.server";
import { body, json, path, refusals, type Registry } from "./helpers";

const EVERY_ROLE = ["admin", "supplier", "member"];

export function registerNotifications(registry: Registry) {
  path(registry, "/notifications", {
    get: {
      summary: "The caller's own notifications, newest first (by kind, unread only), paged",
      "x-roles": EVERY_ROLE,
      request: { query: notificationsQuery },
      responses: { 200: json(notificationPage), ...refusals(400, 401) },
    },
  });
  path(registry, "/notifications/read", {
    post: {
      summary:
        "Mark the caller's own notifications read: some by id (others' change nothing), or all",
      "x-roles": EVERY_ROLE,
      request: { body: body(markReadRequest.openapi("MarkReadRequest")) },
      responses: { 200: json(markedRead), ...refusals(400, 401) },
    },
  });
}
