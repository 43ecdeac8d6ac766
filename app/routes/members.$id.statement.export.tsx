// A statement's lines as CSV or XLSX (?format=): for that member and for the admin, with the
// screen's range (`?from=&to=`), program and month filters and order.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { assertOwns, authorize } from "~/auth/authorize.server";
import { statementLinesDownload } from "~/http/own-lists.server";
import { orRefusal } from "~/http/refusals.server";
import { idParam } from "~/http/query.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin", "member"] });
  const memberId = idParam(params.id);
  assertOwns(request, actor, { memberId });
  return orRefusal(request, () => statementLinesDownload(actor, request, memberId));
}
