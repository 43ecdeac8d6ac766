import type { ActionFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { markRead, unreadCount } from "~/models/notifications.server";
import { markReadRequest } from "~/schemas/notifications";

/** Marks the caller's own notifications read: `{ ids }` (others' ids change nothing) or `{ all: true }`. */
export const action = apiRoute(async ({ request }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin", "supplier", "member"] });
  const input = markReadRequest.parse(await readJson(request));
  const marked = markRead(actor.id, "all" in input ? { all: true } : { ids: input.ids });
  return Response.json({ marked, unread: unreadCount(actor.id) });
});
