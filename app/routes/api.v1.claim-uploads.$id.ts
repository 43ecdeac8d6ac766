import type { LoaderFunctionArgs } from "@remix-run/node";
import { assertOwns, authorize } from "~/auth/authorize.server";
import { apiRoute } from "~/http/api.server";
import { claimUploadForApi, getClaimUpload } from "~/http/claims.server";
import { idParam } from "~/http/query.server";
import { readerLocale } from "~/http/reader.server";
import { notFound } from "~/models/errors";

/** An upload's progress, counts and each invoice's outcome: its member, the admin. */
export const loader = apiRoute(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await authorize(request, { roles: ["admin", "member"] });
  const upload = getClaimUpload(idParam(params.id));
  if (!upload) throw notFound("claim_upload");
  assertOwns(request, actor, { memberId: upload.memberId });
  return Response.json(claimUploadForApi(upload, readerLocale(request)));
});
