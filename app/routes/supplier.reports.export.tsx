// The supplier's uploads of a year as CSV or XLSX (?format=, ?year=): every upload with its status
// and whether it waits for the monthly run or has counted (issue 15 items 10 and 11).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { amountCell, listDownload, type ListColumn } from "~/http/list-export.server";
import type { MessageKey } from "~/i18n/locale";
import { supplierUploads } from "~/models/supplier-report-list.server";
import { monthOfDate } from "~/refunds/money";

type Upload = ReturnType<typeof supplierUploads>["rows"][number];

const COUNTING: Record<Upload["counting"]["state"], MessageKey | null> = {
  not_accepted: null,
  no_program: "reports.counting.noProgram",
  waiting: "reports.counting.waiting",
  counted: "reports.counting",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  const currentYear = Number(monthOfDate(new Date()).slice(0, 4));
  const asked = Number(new URL(request.url).searchParams.get("year"));
  const year =
    Number.isInteger(asked) && asked >= 2000 && asked <= currentYear ? asked : currentYear;
  const { currency, rows } = supplierUploads(actor.supplierId!, year);
  const columns: ListColumn<Upload>[] = [
    { header: "reports.month", cell: (r) => r.period },
    { header: "reports.version", cell: (r) => r.version },
    { header: "reports.status", cell: (r, t) => t(`reports.status.${r.status}` as MessageKey) },
    {
      header: "reports.counting",
      cell: (r, t) => (COUNTING[r.counting.state] ? t(COUNTING[r.counting.state]!) : null),
    },
    {
      header: "reports.countedInRun",
      cell: (r) =>
        r.counting.state === "counted"
          ? r.counting.runs.map((x) => `${x.programName} ${x.runMonth}`).join("; ")
          : null,
    },
    { header: "reports.file", cell: (r) => r.fileName },
    { header: "reports.uploadedAt", cell: (r) => r.uploadedAt.slice(0, 10) },
    { header: "reports.rows", cell: (r) => r.rows },
    { header: "reports.lines", cell: (r) => r.lines },
    { header: "reports.currency", cell: () => currency },
    { header: "reports.total", cell: (r) => amountCell(r.totals[currency] ?? 0, currency) },
    { header: "reports.warnings", cell: (r) => r.warnings },
    { header: "reports.errors", cell: (r) => r.errors },
  ];
  return listDownload(actor, request, { fileName: "reports.fileName", columns, rows });
}
