// The signed-in user's notifications (SPEC 11): newest first, by kind and unread, a page at a
// time; following one marks it read and opens its screen; mark one or all read.
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { authorize } from "~/auth/authorize.server";
import { Downloads } from "~/components/tables/Downloads";
import { Pager } from "~/components/tables/Pager";
import { SortChoice } from "~/components/tables/SortChoice";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import { pickLocale, type MessageKey } from "~/i18n/locale";
import { NOTIFICATION_KINDS } from "~/mail/kinds";
import { KINDS_FOR_ROLE } from "~/models/notification-prefs.server";
import { markRead, openNotification, unreadCount } from "~/models/notifications.server";
import { listNotificationsSorted } from "~/models/notification-lists.server";
import { NOTIFICATION_SORTS } from "~/schemas/notification-lists";
import { listQuery } from "~/http/list-query.server";
import styles from "~/styles/notifications.css?url";

const ALL = ["admin", "supplier", "member"] as const;
const PAGE_SIZE = 25;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ALL });
  const locale = pickLocale(actor.locale, request.headers.get("Accept-Language"));
  const list = listQuery(request, {
    sorts: NOTIFICATION_SORTS,
    sort: "createdAt",
    dir: "desc",
    pageSize: PAGE_SIZE,
  });
  const filter = {
    kind: list.oneOf("kind", NOTIFICATION_KINDS),
    unread: list.text("unread") === "1",
  };
  const { rows, total } = listNotificationsSorted(
    actor.id,
    filter,
    list.sorted,
    locale,
    list.paging,
  );
  return {
    rows,
    total,
    ...list.state,
    unreadTotal: unreadCount(actor.id),
    kinds: KINDS_FOR_ROLE[actor.role],
  };
}

const intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("read"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("readAll") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ALL });
  try {
    const input = intent.parse(Object.fromEntries(await request.formData()));
    if (input.intent === "open") {
      const link = openNotification(actor.id, input.id);
      // Links are portal paths written by the events; anything else stays here.
      return redirect(link.startsWith("/") && !link.startsWith("//") ? link : "/notifications");
    }
    const marked = markRead(
      actor.id,
      input.intent === "readAll" ? { all: true } : { ids: [input.id] },
    );
    return Response.json({ marked });
  } catch (error) {
    return formFailure(request, error, {});
  }
}

export default function Notifications() {
  const { rows, total, page, pageSize, unreadTotal, kinds } = useLoaderData<typeof loader>();
  const result = useActionData<{ marked?: number; message?: string }>();
  const [params] = useSearchParams();
  const { t, plural, dateTime } = useI18n();
  const kindName = (kind: string) => t(`notifications.kind.${kind}` as MessageKey);
  return (
    <div className="notifications">
      <h1>{t("notifications.title")}</h1>
      {result?.marked !== undefined ? (
        <p className="notice" role="status" data-testid="marked-read">
          {plural("notifications.markedRead", result.marked)}
        </p>
      ) : null}
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      <div className="toolbar">
        <Form method="get" className="toolbar">
          <label className="field">
            <span>{t("notifications.kind")}</span>
            <select name="kind" defaultValue={params.get("kind") ?? ""}>
              <option value="">{t("notifications.allKinds")}</option>
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {kindName(kind)}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              name="unread"
              value="1"
              defaultChecked={params.get("unread") === "1"}
            />
            {t("notifications.unreadOnly")}
          </label>
          <SortChoice
            sorts={NOTIFICATION_SORTS}
            label={(k) => `notifications.sort.${k}` as const}
          />
          <button type="submit">{t("common.filter")}</button>
        </Form>
        {unreadTotal > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="readAll" />
            <button type="submit" className="secondary">
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      <Downloads path="/notifications/export" />
      {rows.length === 0 ? <p className="muted">{t("notifications.empty")}</p> : null}
      <ul className="notification-list">
        {rows.map((n) => (
          <li key={n.id} className={n.readAt ? "read" : "unread"} data-id={n.id}>
            <Form method="post" className="open">
              <input type="hidden" name="intent" value="open" />
              <input type="hidden" name="id" value={n.id} />
              <button type="submit" className="link">
                {n.title}
              </button>
            </Form>
            <div className="meta">
              {n.readAt ? null : <strong className="dot">{t("notifications.unread")}</strong>}
              <span>{kindName(n.kind)}</span>
              <time dateTime={n.createdAt}>{dateTime(n.createdAt)}</time>
              {n.readAt ? null : (
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="link">
                    {t("notifications.markRead")}
                  </button>
                </Form>
              )}
            </div>
          </li>
        ))}
      </ul>
      <Pager page={page} pageSize={pageSize} total={total} />
    </div>
  );
}
