import type { LoaderFunctionArgs } from "@remix-run/node";
import { assertOwns, authorize } from "~/auth/authorize.server";
import { downloadHeaders } from "~/http/downloads.server";
import { refusalResponse } from "~/http/refusals.server";
import { XLSX_TYPE } from "~/models/money-exports.server";
import { idParam } from "~/http/query.server";
import { problemFileName, reportProblemWorkbook } from "~/models/problem-export.server";
import { getReport } from "~/models/reports.server";
import { notFound } from "~/models/errors";

/** The original rows of a report with a Problem column: for the owning supplier and the admin. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin", "supplier"] });
  const report = getReport(idParam(params.id));
  if (!report) throw refusalResponse(request, notFound("report"));
  assertOwns(request, actor, { supplierId: report.supplierId });
  try {
    const body = await reportProblemWorkbook(report);
    const name = problemFileName(report);
    return new Response(new Uint8Array(body), { headers: downloadHeaders(name, XLSX_TYPE) });
  } catch (error) {
    return refusalResponse(request, error);
  }
}
