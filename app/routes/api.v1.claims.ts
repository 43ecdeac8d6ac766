import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute } from "~/http/api.server";
import { acceptClaimUpload, scopedClaimFilter } from "~/http/claims.server";
import { claimForApi, listClaims } from "~/models/claims.server";
import { claimListQuery } from "~/schemas/claims";

const PAGE_SIZE = 100;

/** Claims: a member's own, a supplier's own, the admin's all; filtered, 100 a page. */
export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  const actor = await authorize(request, { roles: ["admin", "supplier", "member"] });
  const query = claimListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { page, ...asked } = query;
  const { rows, total } = listClaims(scopedClaimFilter(request, actor, asked), page, PAGE_SIZE);
  return Response.json(rows.map(claimForApi), {
    headers: { "X-Total-Count": String(total) },
  });
});

/** A claim upload: XML or ZIP in `file`, or a typed claim with `proof`; 202 with the upload. */
export const action = apiRoute(async ({ request, context }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin", "member"] });
  const upload = await acceptClaimUpload(request, actor, context.ip as string | undefined);
  return Response.json(
    { id: upload.id, status: upload.status },
    { status: 202, headers: { Location: `/api/v1/claim-uploads/${upload.id}` } },
  );
});
