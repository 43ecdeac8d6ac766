// "Download CSV / XLSX" links for a list: its export route, with the screen's filters.
import { useSearchParams } from "@remix-run/react";
import { useI18n } from "~/i18n/context";

export function Downloads({ path }: { path: string }) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const href = (format: string) => {
    const next = new URLSearchParams(params);
    next.delete("page");
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
