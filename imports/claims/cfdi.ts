// Mexico's CFDI 3.3 and 4.0 (`cfdi:Comprobante`), read as SPEC 5.2 lists: Serie, Folio, Fecha,
// SubTotal, Descuento, Moneda, Emisor@Rfc, Receptor@Rfc, the fiscal stamp's UUID, and per concept
// NoIdentificacion, Descripcion, Cantidad, Importe, Descuento. Pure.
import { isKnownCurrency } from "../amounts";
import { ImportError } from "../errors";
import {
  FIELD_CAPS,
  capped,
  checkTotals,
  currency,
  cut,
  invalid,
  localDate,
  net,
  optional,
  quantity,
  required,
  taxId,
} from "./fields";
import type { ClaimLimits } from "./limits";
import { joinSeries, normalizeInvoiceNumber, numberKeys } from "./numbers";
import type { InvoiceLine, ParsedInvoice, SkipReason } from "./types";
import { childOf, childrenOf, type XmlElement } from "./xml";

const CFD = "http://www.sat.gob.mx/cfd/";
const CFDI33 = "http://www.sat.gob.mx/cfd/3";
const CFDI40 = "http://www.sat.gob.mx/cfd/4";
const TFD = "http://www.sat.gob.mx/TimbreFiscalDigital";
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

const SKIPPED: Record<string, SkipReason> = { P: "payment", T: "transfer", N: "payroll" };

export function isCfdi(root: XmlElement): boolean {
  return root.local === "Comprobante" && root.uri.startsWith(CFD);
}

/** Subtrees of a CFDI never built: the addenda (the issuer's free-form data). */
export function skipCfdi(uri: string, local: string): boolean {
  return local === "Addenda" && uri.startsWith(CFD);
}

function formatOf(file: string, root: XmlElement): "cfdi33" | "cfdi40" {
  const version = root.attrs.get("Version") ?? root.attrs.get("version") ?? "";
  if (root.uri === CFDI40 && version === "4.0") return "cfdi40";
  if (root.uri === CFDI33 && version === "3.3") return "cfdi33";
  throw new ImportError("invoice_unsupported", {
    file,
    kind: "version",
    format: "CFDI",
    version: version || root.uri,
  });
}

/** The UUID of the fiscal stamp (`cfdi:Complemento/tfd:TimbreFiscalDigital@UUID`), uppercase. */
function stampUuid(file: string, root: XmlElement, uri: string): string {
  const field = "tfd:TimbreFiscalDigital@UUID";
  for (const complement of childrenOf(root, uri, "Complemento")) {
    const stamp = childOf(complement, TFD, "TimbreFiscalDigital");
    if (!stamp) continue;
    const uuid = required(file, field, stamp.attrs.get("UUID")).toUpperCase();
    if (!UUID.test(uuid)) throw invalid(file, field, uuid);
    return uuid;
  }
  throw new ImportError("invoice_field", { file, field, problem: "missing" });
}

/** A payment receipt's currency: `Moneda` is XXX; the first payment's `MonedaP` says it. */
function paymentCurrency(root: XmlElement, uri: string): string {
  for (const complement of childrenOf(root, uri, "Complemento"))
    for (const payments of complement.children)
      if (payments.local === "Pagos")
        for (const payment of payments.children) {
          const code = payment.local === "Pago" ? payment.attrs.get("MonedaP")?.trim() : undefined;
          if (code && isKnownCurrency(code)) return code;
        }
  return "XXX";
}

export function readCfdi(file: string, root: XmlElement, limits: ClaimLimits): ParsedInvoice {
  const format = formatOf(file, root);
  const ns = root.uri;
  const a = root.attrs;
  const type = required(file, "Comprobante@TipoDeComprobante", a.get("TipoDeComprobante"));
  const skipped = SKIPPED[type] ?? null;
  if (!skipped && type !== "I" && type !== "E")
    throw invalid(file, "Comprobante@TipoDeComprobante", type);
  const kind = type === "E" ? "credit_note" : "invoice";

  const issuer = childOf(root, ns, "Emisor");
  const receiver = childOf(root, ns, "Receptor");
  const issuerTaxId = taxId(file, "Emisor@Rfc", issuer?.attrs.get("Rfc"));
  const receiverTaxId = taxId(file, "Receptor@Rfc", receiver?.attrs.get("Rfc"));
  const uuid = stampUuid(file, root, ns);
  const issuedOn = localDate(file, "Comprobante@Fecha", a.get("Fecha"));
  const series = optional(a.get("Serie"));
  const folio = optional(a.get("Folio"));
  const written = series && folio ? joinSeries(series, folio) : (folio ?? series);
  const number = written ? capped(file, "Comprobante@Serie/Folio", written, FIELD_CAPS.key) : uuid;
  const keys = numberKeys([series && folio ? series + folio : null, folio, uuid]);

  const invoice: ParsedInvoice = {
    format,
    kind,
    skipped,
    issuerTaxId: issuerTaxId.normalized,
    issuerTaxIdText: issuerTaxId.text,
    issuerName: nameOf(issuer),
    receiverTaxId: receiverTaxId.normalized,
    receiverTaxIdText: receiverTaxId.text,
    receiverName: nameOf(receiver),
    number,
    normalizedNumber: normalizeInvoiceNumber(number),
    numberKeys: keys,
    uuid,
    accessKey: null,
    documentKey: uuid,
    issuedOn,
    currency: "XXX",
    netMinor: 0,
    lines: [],
  };
  if (skipped) {
    const code = optional(a.get("Moneda"))?.toUpperCase();
    invoice.currency = code && isKnownCurrency(code) ? code : paymentCurrency(root, ns);
    return invoice;
  }

  const money = currency(file, "Comprobante@Moneda", a.get("Moneda"));
  /** A credit note's figures are negative (never -0). */
  const signed = (n: number) => (kind === "credit_note" && n !== 0 ? -n : n);
  const total = net(
    file,
    { gross: "Comprobante@SubTotal", discount: "Comprobante@Descuento" },
    { gross: a.get("SubTotal"), discount: a.get("Descuento") },
    money.exponent,
  );
  const concepts = childrenOf(root, ns, "Conceptos").flatMap((list) =>
    childrenOf(list, ns, "Concepto"),
  );
  if (concepts.length === 0)
    throw new ImportError("invoice_field", { file, field: "cfdi:Concepto", problem: "missing" });
  if (concepts.length > limits.maxLinesPerInvoice)
    throw new ImportError("invoice_too_large", {
      file,
      what: "lines",
      max: limits.maxLinesPerInvoice,
    });
  const lines = concepts.map((concept, i): InvoiceLine => {
    const at = (name: string) => `Concepto[${i + 1}]@${name}`;
    const c = concept.attrs;
    const sku = optional(c.get("NoIdentificacion"));
    const lineNet = net(
      file,
      { gross: at("Importe"), discount: at("Descuento") },
      { gross: c.get("Importe"), discount: c.get("Descuento") },
      money.exponent,
    );
    const line: InvoiceLine = {
      description: cut(optional(c.get("Descripcion")) ?? ""),
      quantity: signed(quantity(file, at("Cantidad"), c.get("Cantidad"))),
      netMinor: signed(lineNet),
    };
    if (sku) line.sku = capped(file, at("NoIdentificacion"), sku, FIELD_CAPS.name);
    return line;
  });
  const magnitudes = lines.map((line) => Math.abs(line.netMinor));
  checkTotals(file, money.code, money.exponent, total, magnitudes);
  invoice.currency = money.code;
  invoice.netMinor = signed(total);
  invoice.lines = lines;
  return invoice;
}

function nameOf(party: XmlElement | undefined): string | null {
  const name = optional(party?.attrs.get("Nombre"));
  return name === null ? null : cut(name);
}
