import type { LoaderFunctionArgs } from "@remix-run/node";
import { assertOwns, authorize } from "~/auth/authorize.server";
import { toHttpError } from "~/http/errors.server";
import { idParam } from "~/http/query.server";
import { problemFileName, reportProblemWorkbook } from "~/models/problem-export.server";
import { getReport } from "~/models/reports.server";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The original rows of a report with a Problem column: for the owning supplier and the admin. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin", "supplier"] });
  const report = getReport(idParam(params.id));
  if (!report) throw new Response("Not found", { status: 404 });
  assertOwns(request, actor, { supplierId: report.supplierId });
  try {
    const body = await reportProblemWorkbook(report);
    const name = problemFileName(report);
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": XLSX,
        "Content-Disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    const e = toHttpError(error);
    return new Response(e.message, { status: e.status });
  }
}
