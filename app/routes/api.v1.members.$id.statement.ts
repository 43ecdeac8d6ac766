import type { LoaderFunctionArgs } from "@remix-run/node";
import { assertOwns, authorize } from "~/auth/authorize.server";
import { apiRoute } from "~/http/api.server";
import { idParam } from "~/http/query.server";
import { statementFor } from "~/http/money-downloads.server";

/** A member's statement for `?from=YYYY-MM&to=YYYY-MM` (default: this year to date). */
export const loader = apiRoute(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await authorize(request, { roles: ["admin", "member"] });
  const memberId = idParam(params.id);
  assertOwns(request, actor, { memberId });
  return Response.json(statementFor(request, memberId));
});
