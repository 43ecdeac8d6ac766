// Brazil's NF-e 4.00 (`nfeProc` or `NFe` / `infNFe`), read as SPEC 5.2 lists: the access key in
// infNFe@Id (check digit verified, and agreeing with the fields it encodes), ide/serie, ide/nNF,
// ide/dhEmi, ide/tpNF, ide/finNFe, emit/CNPJ, dest/CNPJ or dest/CPF, and per det/prod cProd,
// xProd, qCom, vProd, vDesc. Amounts are in reais. Pure.
import { ImportError } from "../errors";
import {
  FIELD_CAPS,
  capped,
  checkTotals,
  cut,
  invalid,
  localDate,
  net,
  optional,
  quantity,
  required,
  taxId,
  type TaxId,
} from "./fields";
import type { ClaimLimits } from "./limits";
import { normalizeInvoiceNumber, numberKeys } from "./numbers";
import type { InvoiceLine, ParsedInvoice } from "./types";
import { childOf, childrenOf, type XmlElement } from "./xml";

const NFE = "http://www.portalfiscal.inf.br/nfe";
const DSIG = "http://www.w3.org/2000/09/xmldsig#";
/** NF-e amounts are always in reais, with centavos. */
const BRL = { code: "BRL", exponent: 2 };

export function isNfe(root: XmlElement): boolean {
  return root.uri === NFE && (root.local === "nfeProc" || root.local === "NFe");
}

/** Subtrees of an NF-e never built: the XML signature. */
export function skipNfe(uri: string): boolean {
  return uri === DSIG;
}

/**
 * The check digit of the first 43 digits of an access key (module 11): weights 2 to 9 from the
 * right, repeating; a remainder of 0 or 1 gives 0, else 11 minus the remainder.
 */
export function accessKeyCheckDigit(first43: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = first43.length - 1; i >= 0; i -= 1) {
    sum += (first43.charCodeAt(i) - 48) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}

/** Whether a 44-digit access key's last digit is its check digit. */
export function isValidAccessKey(key: string): boolean {
  return /^\d{44}$/.test(key) && accessKeyCheckDigit(key.slice(0, 43)) === Number(key[43]);
}

const text = (parent: XmlElement | undefined, local: string) =>
  parent ? childOf(parent, NFE, local)?.text : undefined;

/** The issuer's or receiver's CNPJ, else CPF. */
function party(file: string, element: XmlElement | undefined, name: string): TaxId {
  const cnpj = optional(text(element, "CNPJ"));
  if (cnpj) return taxId(file, `${name}/CNPJ`, cnpj);
  const cpf = optional(text(element, "CPF"));
  if (cpf) return taxId(file, `${name}/CPF`, cpf);
  throw new ImportError("invoice_field", { file, field: `${name}/CNPJ`, problem: "missing" });
}

/** The access key from infNFe@Id ("NFe" + 44 digits), check digit verified. */
function accessKeyOf(file: string, info: XmlElement): string {
  const id = required(file, "infNFe@Id", info.attrs.get("Id"));
  const key = id.replace(/^NFe/, "");
  if (!/^\d{44}$/.test(key))
    throw new ImportError("invoice_access_key", { file, problem: "format", key: id });
  if (!isValidAccessKey(key))
    throw new ImportError("invoice_access_key", { file, problem: "check_digit", key });
  return key;
}

/**
 * What the key encodes must be what the fields say (cUF AAMM CNPJ mod serie nNF tpEmis cNF cDV):
 * an edited number, series, issuer or month with the key left as it was is an altered NF-e.
 */
function checkKeyAgrees(
  file: string,
  key: string,
  fields: { serie: string; nNF: string; issuedOn: string; issuer: TaxId; cDV: string | null },
  authorized: string | null,
): void {
  const mismatch = (field: string) =>
    new ImportError("invoice_access_key", { file, problem: "mismatch", key, field });
  const digits = fields.issuer.normalized;
  const issuerInKey = key.slice(6, 20);
  if (issuerInKey !== digits.padStart(14, "0")) throw mismatch("emit/CNPJ");
  if (key.slice(22, 25) !== fields.serie.padStart(3, "0")) throw mismatch("ide/serie");
  if (key.slice(25, 34) !== fields.nNF.padStart(9, "0")) throw mismatch("ide/nNF");
  if (key.slice(2, 6) !== fields.issuedOn.slice(2, 4) + fields.issuedOn.slice(5, 7))
    throw mismatch("ide/dhEmi");
  if (fields.cDV !== null && fields.cDV !== key[43]) throw mismatch("ide/cDV");
  if (authorized !== null && authorized !== key) throw mismatch("protNFe/infProt/chNFe");
}

/** A refusal about a document that was read all the same: the invoice goes with it, for display. */
export class RefusedInvoice extends Error {
  constructor(
    readonly error: ImportError,
    readonly invoice: ParsedInvoice,
  ) {
    super(error.message);
  }
}

/**
 * The NF-e, or a refusal: `finNFe` other than 1 is refused (nfe_not_normal) after the rest is
 * read, so that the refusal carries the invoice (`RefusedInvoice`); if the rest cannot be read,
 * the purpose is still the refusal given.
 */
export function readNfe(file: string, root: XmlElement, limits: ClaimLimits): ParsedInvoice {
  const nfe = root.local === "nfeProc" ? childOf(root, NFE, "NFe") : root;
  const info = nfe && childOf(nfe, NFE, "infNFe");
  const purpose = optional(text(info && childOf(info, NFE, "ide"), "finNFe"));
  if (purpose === null || purpose === "1") return readNormal(file, root, limits);
  if (!/^[2-4]$/.test(purpose)) throw invalid(file, "ide/finNFe", purpose);
  const refusal = new ImportError("nfe_not_normal", { file, finNFe: purpose });
  let invoice: ParsedInvoice;
  try {
    invoice = readNormal(file, root, limits);
  } catch {
    throw refusal;
  }
  throw new RefusedInvoice(refusal, invoice);
}

function readNormal(file: string, root: XmlElement, limits: ClaimLimits): ParsedInvoice {
  const nfe = root.local === "nfeProc" ? childOf(root, NFE, "NFe") : root;
  const info = nfe && childOf(nfe, NFE, "infNFe");
  if (!info)
    throw new ImportError("invoice_field", { file, field: "NFe/infNFe", problem: "missing" });
  const version = optional(info.attrs.get("versao")) ?? "";
  if (version !== "4.00")
    throw new ImportError("invoice_unsupported", {
      file,
      kind: "version",
      format: "NF-e",
      version,
    });
  const accessKey = accessKeyOf(file, info);

  const ide = childOf(info, NFE, "ide");
  required(file, "ide/finNFe", text(ide, "finNFe"));
  const direction = required(file, "ide/tpNF", text(ide, "tpNF"));
  if (direction !== "0" && direction !== "1") throw invalid(file, "ide/tpNF", direction);
  const serie = required(file, "ide/serie", text(ide, "serie"));
  if (!/^\d{1,3}$/.test(serie)) throw invalid(file, "ide/serie", serie);
  const nNF = required(file, "ide/nNF", text(ide, "nNF"));
  if (!/^\d{1,9}$/.test(nNF)) throw invalid(file, "ide/nNF", nNF);
  const issuedOn = localDate(file, "ide/dhEmi", text(ide, "dhEmi"));
  const emit = childOf(info, NFE, "emit");
  const dest = childOf(info, NFE, "dest");
  const issuer = party(file, emit, "emit");
  const receiver = party(file, dest, "dest");
  const protocol = root.local === "nfeProc" ? childOf(root, NFE, "protNFe") : undefined;
  const authorized = optional(text(protocol && childOf(protocol, NFE, "infProt"), "chNFe"));
  checkKeyAgrees(
    file,
    accessKey,
    { serie, nNF, issuedOn, issuer, cDV: optional(text(ide, "cDV")) },
    authorized,
  );

  const invoice: ParsedInvoice = {
    format: "nfe400",
    kind: "invoice",
    skipped: direction === "0" ? "nfe_incoming" : null,
    issuerTaxId: issuer.normalized,
    issuerTaxIdText: issuer.text,
    issuerName: nameOf(emit),
    receiverTaxId: receiver.normalized,
    receiverTaxIdText: receiver.text,
    receiverName: nameOf(dest),
    number: nNF,
    normalizedNumber: normalizeInvoiceNumber(nNF),
    numberKeys: numberKeys([nNF, serie + nNF]),
    uuid: null,
    accessKey,
    documentKey: accessKey,
    issuedOn,
    currency: BRL.code,
    netMinor: 0,
    lines: [],
  };
  if (invoice.skipped) return invoice;

  const totals = childOf(childOf(info, NFE, "total") ?? info, NFE, "ICMSTot");
  const total = net(
    file,
    { gross: "total/ICMSTot/vProd", discount: "total/ICMSTot/vDesc" },
    { gross: text(totals, "vProd"), discount: text(totals, "vDesc") },
    BRL.exponent,
  );
  const items = childrenOf(info, NFE, "det");
  if (items.length === 0)
    throw new ImportError("invoice_field", { file, field: "det/prod", problem: "missing" });
  if (items.length > limits.maxLinesPerInvoice)
    throw new ImportError("invoice_too_large", {
      file,
      what: "lines",
      max: limits.maxLinesPerInvoice,
    });
  const lines: InvoiceLine[] = [];
  items.forEach((item, i) => {
    const at = (name: string) => `det[${i + 1}]/prod/${name}`;
    const product = childOf(item, NFE, "prod");
    if (!product)
      throw new ImportError("invoice_field", { file, field: at(""), problem: "missing" });
    // indTot 0: the item's value is not part of the NF-e's total (SEFAZ's rule), so not a purchase.
    if (optional(text(product, "indTot")) === "0") return;
    const sku = optional(text(product, "cProd"));
    const line: InvoiceLine = {
      description: cut(optional(text(product, "xProd")) ?? ""),
      quantity: quantity(file, at("qCom"), text(product, "qCom")),
      netMinor: net(
        file,
        { gross: at("vProd"), discount: at("vDesc") },
        { gross: text(product, "vProd"), discount: text(product, "vDesc") },
        BRL.exponent,
      ),
    };
    if (sku) line.sku = capped(file, at("cProd"), sku, FIELD_CAPS.name);
    lines.push(line);
  });
  checkTotals(
    file,
    BRL.code,
    BRL.exponent,
    total,
    lines.map((line) => line.netMinor),
  );
  invoice.netMinor = total;
  invoice.lines = lines;
  return invoice;
}

function nameOf(element: XmlElement | undefined): string | null {
  const name = optional(text(element, "xNome"));
  return name === null ? null : cut(name);
}
