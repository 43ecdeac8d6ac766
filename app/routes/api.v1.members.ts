import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { invalid } from "~/models/errors";
import { pageParams } from "~/http/query.server";
import { upsertMembersAsAdmin } from "~/models/member-admin.server";
import { listMembers } from "~/models/members.server";
import { memberInput } from "~/schemas/parties";

export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  await authorize(request, { roles: ["admin"] });
  const { url, page } = pageParams(request);
  const pageSize = Math.min(1000, Number(url.searchParams.get("pageSize")) || 1000);
  const { rows, total } = listMembers({
    q: url.searchParams.get("q") ?? undefined,
    page,
    pageSize,
    sort: "id",
  });
  return Response.json(rows, { headers: { "X-Total-Count": String(total) } });
});

/** Upsert by tax id: one object answers one object, an array answers the list in the order given. */
export const action = apiRoute(async ({ request }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const body = await readJson(request);
  if (Array.isArray(body) && body.length === 0) throw invalid("members_list_empty");
  const results = upsertMembersAsAdmin(
    actor,
    Array.isArray(body) ? body : [memberInput.parse(body)],
  );
  const anyCreated = results.some((r) => r.created);
  const members = results.map((r) => r.member);
  return Response.json(Array.isArray(body) ? members : members[0], {
    status: anyCreated ? 201 : 200,
  });
});
