import type { LoaderFunctionArgs } from "@remix-run/node";
import { assertOwns, authorize } from "~/auth/authorize.server";
import { apiRoute } from "~/http/api.server";
import { notFound } from "~/models/errors";
import { idParam } from "~/http/query.server";
import { memberBalances, memberEarnedByProgram } from "~/models/ledger.server";
import { getMember } from "~/models/members.server";

export const loader = apiRoute(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await authorize(request, { roles: ["admin", "member"] });
  const memberId = idParam(params.id);
  assertOwns(request, actor, { memberId });
  if (!getMember(memberId)) throw notFound("member");
  return Response.json({
    memberId,
    balances: memberBalances(memberId),
    byProgram: memberEarnedByProgram(memberId),
  });
});
