import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { apiRoute } from "~/http/api.server";
import { pageParams } from "~/http/query.server";
import { listUnmatched } from "~/models/matching.server";

/** Unmatched customer keys of active reports, most lines first (SPEC 5). */
export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  await authorize(request, { roles: ["admin"] });
  const { url, page } = pageParams(request, 500);
  const supplierId = Number(url.searchParams.get("supplierId")) || undefined;
  const { rows } = listUnmatched({ supplierId }, page, 500);
  return Response.json(
    rows.map(({ supplierId, customerKey, names, lines, amountMinor, currency }) => ({
      supplierId,
      customerKey,
      names,
      lines,
      amountMinor,
      currency,
    })),
  );
});
