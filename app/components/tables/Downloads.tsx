// "Download CSV / XLSX" links for a list (shared list toolkit, SPEC 6): its export resource route
// with the screen's query string (filters, sort), without the page: a download is every row.
//
// Usage: <Downloads path="/admin/suppliers/export" /> above the table; the route at `path` reads
// the same query with listQuery() and answers with listDownload() (app/http/list-export.server.ts).
import { useSearchParams } from "@remix-run/react";
import { useI18n } from "~/i18n/context";

export function Downloads({
  path,
  pageParams = ["page"],
}: {
  path: string;
  pageParams?: string[];
}) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const href = (format: string) => {
    const next = new URLSearchParams(params);
    for (const p of pageParams) next.delete(p);
    next.set("format", format);
    return `${path}?${next}`;
  };
  return (
    <p className="downloads">
      <a href={href("csv")} download data-testid="download-csv">
        {t("books.downloadCsv")}
      </a>
      <a href={href("xlsx")} download data-testid="download-xlsx">
        {t("books.downloadXlsx")}
      </a>
    </p>
  );
}
