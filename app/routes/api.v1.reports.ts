import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute } from "~/http/api.server";
import { pageParams, oneOf } from "~/http/query.server";
import { acceptReportUpload } from "~/http/report-upload.server";
import { listReports } from "~/models/reports.server";
import { REPORT_STATUSES } from "@db/schema";

/** Lists reports: a supplier sees its own, the admin every supplier's (filter by supplierId). */
export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  const actor = await authorize(request, { roles: ["admin", "supplier"] });
  const { url, page } = pageParams(request, 100);
  const asked = Number(url.searchParams.get("supplierId")) || undefined;
  const supplierId = actor.role === "supplier" ? actor.supplierId! : asked;
  const { rows, total } = listReports(
    {
      supplierId,
      period: url.searchParams.get("period") ?? undefined,
      status: oneOf(url.searchParams.get("status"), REPORT_STATUSES),
    },
    page,
    100,
  );
  return Response.json({ reports: rows, total, page });
});

/** Takes a report file (multipart `file`, `period`; the admin adds `supplierId`): 202 queued. */
export const action = apiRoute(async ({ request, context }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin", "supplier"] });
  const report = await acceptReportUpload(request, actor, context.ip as string | undefined);
  return Response.json(
    { id: report.id, status: report.status, version: report.version },
    { status: 202, headers: { Location: `/api/v1/reports/${report.id}` } },
  );
});
