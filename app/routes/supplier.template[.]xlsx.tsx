import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { LOCALES, pickLocale, type Locale } from "~/i18n/locale";
import { getSupplier } from "~/models/suppliers.server";
import { buildTemplate } from "@imports/template";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const FILE_NAMES: Record<Locale, string> = {
  en: "sales-report-template.xlsx",
  es: "plantilla-reporte-ventas.xlsx",
  "pt-BR": "modelo-relatorio-vendas.xlsx",
};

/** The report template in the user's language (or `?lang=`) and the supplier's currency. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  const supplier = getSupplier(actor.supplierId!);
  if (!supplier) throw new Response("Not found", { status: 404 });
  const asked = new URL(request.url).searchParams.get("lang");
  const lang =
    asked && (LOCALES as readonly string[]).includes(asked)
      ? (asked as Locale)
      : pickLocale(actor.locale, request.headers.get("Accept-Language"));
  const body = await buildTemplate(lang, supplier.currency);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": `attachment; filename="${FILE_NAMES[lang]}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
