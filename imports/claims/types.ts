// What the readers of member claims' electronic invoices hand on (SPEC 5.2): one reading per XML
// file, either the invoice as read or the coded refusal of that file. Pure shapes.
import type { ImportError } from "../errors";
import type { Minor } from "../types";

/** CFDI 3.3, CFDI 4.0 (Mexico), NF-e 4.00 (Brazil). */
export type InvoiceFormat = "cfdi33" | "cfdi40" | "nfe400";

/** A sale (positive figures) or a credit note (CFDI `E`: negative quantities and amounts). */
export type InvoiceKind = "invoice" | "credit_note";

/**
 * Documents that are read but make no claim (SPEC 5.2's `skipped`, with a note, not counted):
 * CFDI `P` (payment receipt), `T` (transfer of goods), `N` (payroll); an NF-e with `tpNF` 0
 * (an incoming note, not a sale).
 */
export type SkipReason = "payment" | "transfer" | "payroll" | "nfe_incoming";

/** A CFDI concept or an NF-e product: a claim line. */
export interface InvoiceLine {
  /** CFDI `NoIdentificacion`, NF-e `cProd`; absent when the invoice gives none. */
  sku?: string;
  /** CFDI `Descripcion`, NF-e `xProd`, cut to 500 characters (and "…"). */
  description: string;
  /** CFDI `Cantidad`, NF-e `qCom`, read exactly from its decimal text; negative on a credit note. */
  quantity: number;
  /** Net of taxes: CFDI `Importe − Descuento`, NF-e `vProd − vDesc`; negative on a credit note. */
  netMinor: Minor;
}

export interface ParsedInvoice {
  format: InvoiceFormat;
  kind: InvoiceKind;
  /** Not null: the document is read but makes no claim (lines empty, netMinor 0). */
  skipped: SkipReason | null;
  /** Normalized like customer keys (`normalizeCustomerKey`: NFKC, no invisibles or separators). */
  issuerTaxId: string;
  /** As written in the XML. */
  issuerTaxIdText: string;
  issuerName: string | null;
  receiverTaxId: string;
  receiverTaxIdText: string;
  receiverName: string | null;
  /** The invoice number as SPEC 5.2 names it: CFDI `Serie-Folio`, `Folio` or UUID; NF-e `nNF`. */
  number: string;
  /** `normalizeInvoiceNumber(number)`. */
  normalizedNumber: string;
  /**
   * Every normalized number a supplier's report line may carry for this invoice, most specific
   * first (CFDI: Serie+Folio, Folio, UUID; NF-e: nNF, series+nNF). `normalizedNumber` is the first.
   */
  numberKeys: string[];
  /** CFDI: the fiscal stamp's UUID, uppercase. */
  uuid: string | null;
  /** NF-e: the 44-digit access key, check digit verified. */
  accessKey: string | null;
  /** The UUID or the access key: what "already claimed" compares. */
  documentKey: string;
  /** The local calendar date written in the invoice (CFDI `Fecha`, NF-e `dhEmi`), YYYY-MM-DD. */
  issuedOn: string;
  /** ISO 4217 code (CFDI `Moneda`; for a payment receipt the payment's `MonedaP`; NF-e BRL). */
  currency: string;
  /** Net of taxes, whole invoice: CFDI `SubTotal − Descuento`, NF-e `vProd − vDesc`. */
  netMinor: Minor;
  lines: InvoiceLine[];
}

/**
 * One file's reading. A refusal about a document that was read all the same (an NF-e whose
 * `finNFe` is not 1) carries the invoice too, for display; other refusals carry none.
 */
export type InvoiceReading =
  | { file: string; ok: true; invoice: ParsedInvoice }
  | { file: string; ok: false; error: ImportError; invoice?: ParsedInvoice };
