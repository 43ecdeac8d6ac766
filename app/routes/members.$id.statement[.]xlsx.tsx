import type { LoaderFunctionArgs } from "@remix-run/node";
import { assertOwns, authorize } from "~/auth/authorize.server";
import { statementDownload } from "~/http/money-downloads.server";
import { orRefusal } from "~/http/refusals.server";
import { idParam } from "~/http/query.server";

/** A statement as XLSX: for that member and for the admin (`?from=&to=` months). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin", "member"] });
  const memberId = idParam(params.id);
  assertOwns(request, actor, { memberId });
  return orRefusal(request, () => statementDownload(actor, request, memberId));
}
