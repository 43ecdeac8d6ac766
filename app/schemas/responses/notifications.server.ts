// What the API answers about the caller's notifications.
import { NOTIFICATION_KINDS } from "~/mail/kinds";
import { count, id, timestamp, z } from "./zod.server";

export const notification = z
  .object({
    id,
    kind: z.enum(NOTIFICATION_KINDS),
    title: z.string().describe("The notification's line, in the caller's language."),
    link: z.string().describe("The portal path of the screen it is about."),
    params: z
      .record(z.union([z.string(), z.number()]))
      .describe("The event's values; amounts end in Minor (with currency)."),
    createdAt: timestamp,
    readAt: timestamp.nullable(),
  })
  .openapi("Notification");

export const notificationPage = z
  .object({
    notifications: z.array(notification),
    total: count,
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    unread: count.describe("The caller's unread notifications, all kinds."),
  })
  .openapi("NotificationPage");

export const markedRead = z
  .object({
    marked: count.describe("Notifications that were unread and now are read."),
    unread: count,
  })
  .openapi("MarkedRead");
