import type { LoaderFunctionArgs } from "@remix-run/node";
import { assertOwns, authorize } from "~/auth/authorize.server";
import { apiRoute } from "~/http/api.server";
import { notFound } from "~/models/errors";
import { idParam } from "~/http/query.server";
import { getReport, reportForApi } from "~/models/reports.server";
import { getSupplier } from "~/models/suppliers.server";

export const loader = apiRoute(async ({ request, params }: LoaderFunctionArgs) => {
  const actor = await authorize(request, { roles: ["admin", "supplier"] });
  const report = getReport(idParam(params.id));
  if (!report) throw notFound("report");
  assertOwns(request, actor, { supplierId: report.supplierId });
  return Response.json(reportForApi(report, getSupplier(report.supplierId)!.currency));
});
