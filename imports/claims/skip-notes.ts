// The note shown beside an invoice read but not claimed (SPEC 5.2's `skipped`), per language.
import type { SkipReason } from "./types";

type Language = "en" | "es" | "pt-BR";

export const SKIP_NOTES: Readonly<Record<Language, Readonly<Record<SkipReason, string>>>> = {
  en: {
    payment: "A payment receipt (CFDI type P), not a sale: skipped, no claim.",
    transfer: "A transfer of goods (CFDI type T), not a sale: skipped, no claim.",
    payroll: "A payroll receipt (CFDI type N), not a sale: skipped, no claim.",
    nfe_incoming: "An incoming NF-e (tpNF 0), not a sale to you: skipped, no claim.",
  },
  es: {
    payment: "Un complemento de pago (CFDI tipo P), no una venta: se omite, sin reclamo.",
    transfer: "Un traslado de mercancías (CFDI tipo T), no una venta: se omite, sin reclamo.",
    payroll: "Un recibo de nómina (CFDI tipo N), no una venta: se omite, sin reclamo.",
    nfe_incoming: "Una NF-e de entrada (tpNF 0), no una venta a usted: se omite, sin reclamo.",
  },
  "pt-BR": {
    payment: "Um recibo de pagamento (CFDI tipo P), não uma venda: ignorado, sem reclamação.",
    transfer:
      "Uma transferência de mercadorias (CFDI tipo T), não uma venda: ignorada, sem reclamação.",
    payroll:
      "Um recibo de folha de pagamento (CFDI tipo N), não uma venda: ignorado, sem reclamação.",
    nfe_incoming:
      "Uma NF-e de entrada (tpNF 0), não uma venda para você: ignorada, sem reclamação.",
  },
};

export function skipNote(reason: SkipReason, language: Language = "en"): string {
  return SKIP_NOTES[language][reason];
}
