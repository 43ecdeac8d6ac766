// The portal's notifications (SPEC 11): `notify` tells users of an event once per key, in the
// portal and, if they chose so, by e-mail in their language; the list, the bell's count and
// marking read. A user only ever reads or marks their own.
import { getDb, prepared, type Db } from "@db/client.server";
import {
  notificationMail,
  notificationTitle,
  type NotificationParams,
} from "~/i18n/notifications/render";
import { settingLocale, type Locale } from "~/i18n/locale";
import { isNotificationKind, type NotificationKind } from "~/mail/kinds";
import { nowIso } from "./clock.server";
import { notFound } from "./errors";
import { wantsEmail } from "./notification-prefs.server";
import { enqueueMail } from "./outbox.server";

export type NotifyInput = {
  kind: NotificationKind;
  userIds: number[];
  /** The event, e.g. `run-posted:12`: a second notify with it changes nothing for a user. */
  key: string;
  params: NotificationParams;
  /** The portal path the notification is about. */
  link: string;
};

type Recipient = { id: number; locale: string | null; supplierLanguage: string | null };

/**
 * The language a user reads mail in: their setting, else their supplier's language (staff of a
 * supplier), else the portal's default, Spanish (decision 051).
 */
function mailLocale(user: Recipient): Locale {
  return settingLocale(user.locale) ?? settingLocale(user.supplierLanguage) ?? "es";
}

/**
 * The portal's address, for the links an e-mail carries (PUBLIC_URL, else this server). A
 * PUBLIC_URL with a path (`https://x.example/portal`) is where the portal lives: every link keeps
 * it, `/member/claims` → `https://x.example/portal/member/claims` (decision 066).
 */
export function portalUrl(path: string): string {
  const base = new URL(process.env.PUBLIC_URL || `http://localhost:${process.env.PORT ?? "3000"}`);
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  return new URL(path.replace(/^\/+/, ""), base).toString();
}

/**
 * Tells each enabled user of `userIds` of an event: the portal notification once per key and,
 * when the user wants the kind by e-mail, the message in their language to the outbox under
 * `${key}:${userId}`. Synchronous: call it inside the transaction of the fact it tells of, so
 * both happen or neither. A replayed key adds nothing.
 */
export function notify(input: NotifyInput, db: Db = getDb()): void {
  const insert = prepared(
    `INSERT INTO notifications (user_id, kind, key, params, link, created_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, key) DO NOTHING`,
    db,
  );
  const recipient = prepared(
    `SELECT u.id, u.locale, s.language AS supplierLanguage
       FROM users u LEFT JOIN suppliers s ON s.id = u.supplier_id
      WHERE u.id = ? AND u.disabled_at IS NULL`,
    db,
  );
  const params = JSON.stringify(input.params);
  const at = nowIso();
  for (const userId of new Set(input.userIds)) {
    const user = recipient.get(userId) as Recipient | undefined;
    if (!user) continue;
    const created = insert.run(userId, input.kind, input.key, params, input.link, at).changes > 0;
    if (!created || !wantsEmail(userId, input.kind, db)) continue;
    const locale = mailLocale(user);
    enqueueMail({
      key: `${input.key}:${userId}`,
      userId,
      kind: input.kind,
      locale,
      link: input.link,
      ...notificationMail(input.kind, input.params, input.link, locale, portalUrl),
    });
  }
}

export type NotificationFilter = { kind?: NotificationKind; unread?: boolean };

type Row = {
  id: number;
  kind: string;
  params: string;
  link: string;
  createdAt: string;
  readAt: string | null;
};

export type NotificationView = {
  id: number;
  kind: NotificationKind;
  title: string;
  link: string;
  params: NotificationParams;
  createdAt: string;
  readAt: string | null;
};

function view(row: Row, locale: Locale): NotificationView {
  const params = JSON.parse(row.params) as NotificationParams;
  // Kinds come from NOTIFICATION_KINDS when written; one removed since reads as report_due's text.
  const kind = isNotificationKind(row.kind) ? row.kind : ("report_due" as const);
  return {
    id: row.id,
    kind,
    title: notificationTitle(kind, params, locale),
    link: row.link,
    params,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}

/**
 * A user's notifications, newest first, all or of one kind, all or unread, a page at a time;
 * each filter walks an index of (user, [kind,] created), so a page costs the same at 100,000.
 */
export function listNotifications(
  userId: number,
  filter: NotificationFilter,
  page: number,
  pageSize: number,
  locale: Locale,
) {
  const where = [
    "user_id = @userId",
    ...(filter.kind ? ["kind = @kind"] : []),
    ...(filter.unread ? ["read_at IS NULL"] : []),
  ].join(" AND ");
  const args = { userId, kind: filter.kind ?? null };
  const rows = prepared(
    `SELECT id, kind, params, link, created_at AS createdAt, read_at AS readAt
       FROM notifications WHERE ${where}
      ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`,
  ).all({ ...args, limit: pageSize, offset: (page - 1) * pageSize }) as Row[];
  const total = (
    prepared(`SELECT count(*) AS n FROM notifications WHERE ${where}`).get(args) as { n: number }
  ).n;
  return { rows: rows.map((r) => view(r, locale)), total };
}

/** The bell's number: the user's unread notifications. */
export function unreadCount(userId: number): number {
  return (
    prepared(`SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL`).get(
      userId,
    ) as { n: number }
  ).n;
}

/**
 * Marks the user's own notifications read: those of `ids` (others' ids are not theirs to mark and
 * change nothing), or all. Returns how many were unread and now are read.
 */
export function markRead(userId: number, which: { ids: number[] } | { all: true }): number {
  const at = nowIso();
  if ("all" in which)
    return prepared(
      `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`,
    ).run(at, userId).changes;
  return prepared(
    `UPDATE notifications SET read_at = ?
      WHERE user_id = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))`,
  ).run(at, userId, JSON.stringify(which.ids)).changes;
}

/** Following a notification: it is marked read and its screen returned; another's is not found. */
export function openNotification(userId: number, id: number): string {
  const row = prepared(`SELECT link FROM notifications WHERE id = ? AND user_id = ?`).get(
    id,
    userId,
  ) as { link: string } | undefined;
  if (!row) throw notFound("this");
  markRead(userId, { ids: [id] });
  return row.link;
}

/** The demo's inbox: every user keeps their `keep` newest notifications unread, the rest read. */
export function markOlderRead(keep: number): number {
  return prepared(
    `UPDATE notifications SET read_at = created_at
      WHERE read_at IS NULL AND id NOT IN (
        SELECT id FROM (SELECT id, row_number() OVER (
                          PARTITION BY user_id ORDER BY created_at DESC, id DESC) AS n
                          FROM notifications)
         WHERE n <= ?)`,
  ).run(keep).changes;
}
