// Electronic invoices written for claim tests and the claims bench: a CFDI 4.0/3.3 or an NF-e
// 4.00 with the fields SPEC 5.2 reads, each overridable, valid unless a test makes it otherwise.
import { accessKeyCheckDigit } from "@imports/claims";

export interface CfdiConcept {
  sku?: string;
  description?: string;
  quantity: string;
  amount: string;
  discount?: string;
}

export interface CfdiOptions {
  version?: "4.0" | "3.3";
  type?: string;
  series?: string | null;
  folio?: string | null;
  date?: string;
  subTotal?: string;
  discount?: string;
  currency?: string;
  issuer?: string;
  receiver?: string;
  uuid?: string | null;
  concepts?: CfdiConcept[];
  /** Extra markup right after the XML declaration (a DOCTYPE, a comment). */
  prolog?: string;
  /** The namespace prefix (`cfdi` as SAT writes it; any prefix is the same XML). */
  prefix?: string;
  addenda?: string;
  /** The issuer's seal and certificate, as every stamped CFDI carries them (base64, ~4 KB). */
  seal?: { sello: string; noCertificado: string; certificado: string };
}

const attr = (name: string, value: string | null | undefined) =>
  value === null || value === undefined ? "" : ` ${name}="${value}"`;

/** A CFDI; amounts default to one concept of 3 × 1000.00 = 3000.00 MXN. */
export function cfdiXml(options: CfdiOptions = {}): string {
  const version = options.version ?? "4.0";
  const ns = version === "4.0" ? "http://www.sat.gob.mx/cfd/4" : "http://www.sat.gob.mx/cfd/3";
  const p = options.prefix ?? "cfdi";
  const el = (name: string) => (p ? `${p}:${name}` : name);
  const xmlns = p ? `xmlns:${p}="${ns}"` : `xmlns="${ns}"`;
  const concepts = options.concepts ?? [{ sku: "SKU-1", quantity: "3", amount: "3000.00" }];
  const conceptXml = concepts
    .map(
      (c) =>
        `<${el("Concepto")} ClaveProdServ="43222610"${attr("NoIdentificacion", c.sku)} Cantidad="${c.quantity}" ` +
        `ClaveUnidad="H87" Descripcion="${c.description ?? "Switch PoE+ 24 puertos"}" ValorUnitario="1" ` +
        `Importe="${c.amount}"${attr("Descuento", c.discount)} ObjetoImp="02"/>`,
    )
    .join("\n    ");
  const uuid = options.uuid === undefined ? "5F7415B9-6983-4570-94D2-76B10E899900" : options.uuid;
  const stamp =
    uuid === null
      ? ""
      : `<${el("Complemento")}><tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" ` +
        `Version="1.1" UUID="${uuid}" FechaTimbrado="2026-02-12T18:51:01" RfcProvCertif="SAT970701NN3" ` +
        `SelloCFD="x" NoCertificadoSAT="00001000000505211329" SelloSAT="y"/></${el("Complemento")}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>${options.prolog ?? ""}
<${el("Comprobante")} ${xmlns} Version="${version}"${attr("Serie", options.series === undefined ? "AX" : options.series)}${attr("Folio", options.folio === undefined ? "7001" : options.folio)} Fecha="${options.date ?? "2026-02-12T13:22:28"}"${options.seal ? ` Sello="${options.seal.sello}" NoCertificado="${options.seal.noCertificado}" Certificado="${options.seal.certificado}"` : ""} SubTotal="${options.subTotal ?? "3000.00"}"${attr("Descuento", options.discount)} Moneda="${options.currency ?? "MXN"}" Total="3480.00" TipoDeComprobante="${options.type ?? "I"}" Exportacion="01" LugarExpedicion="64000">
  <${el("Emisor")} Rfc="${options.issuer ?? "ASD040512JH5"}" Nombre="AXION SECURITY DISTRIBUTION" RegimenFiscal="601"/>
  <${el("Receptor")} Rfc="${options.receiver ?? "XPY714465W4B"}" Nombre="SEGURIDAD ACCESO 97" UsoCFDI="G01"/>
  <${el("Conceptos")}>
    ${conceptXml}
  </${el("Conceptos")}>
  ${stamp}${options.addenda ?? ""}
</${el("Comprobante")}>
`;
}

export interface NfeProduct {
  sku?: string;
  description?: string;
  quantity: string;
  amount: string;
  discount?: string;
  /** "0": not part of the total. */
  indTot?: string;
}

export interface NfeOptions {
  serie?: string;
  nNF?: string;
  dhEmi?: string;
  tpNF?: string;
  finNFe?: string;
  issuer?: string;
  receiver?: { CNPJ?: string; CPF?: string };
  products?: NfeProduct[];
  vProd?: string;
  vDesc?: string;
  /** Replaces the computed access key (44 digits). */
  key?: string;
  /** The protocol's chNFe (defaults to the key); null leaves the protocol out. */
  protocolKey?: string | null;
  /** `NFe` alone, without the `nfeProc` envelope. */
  bare?: boolean;
}

/** The access key of an NF-e with these fields, check digit included. */
export function nfeAccessKey(fields: {
  issuedOn: string;
  issuer: string;
  serie: string;
  nNF: string;
}): string {
  const yymm = fields.issuedOn.slice(2, 4) + fields.issuedOn.slice(5, 7);
  const first43 =
    `35${yymm}${fields.issuer.padStart(14, "0")}55` +
    `${fields.serie.padStart(3, "0")}${fields.nNF.padStart(9, "0")}1` +
    "36621259";
  return first43 + accessKeyCheckDigit(first43);
}

/** An NF-e 4.00; defaults: one product of 4 × 2995.00 = 11980.00 BRL. */
export function nfeXml(options: NfeOptions = {}): string {
  const serie = options.serie ?? "1";
  const nNF = options.nNF ?? "45001";
  const dhEmi = options.dhEmi ?? "2026-02-20T16:24:00-03:00";
  const issuer = options.issuer ?? "61432118000183";
  const key = options.key ?? nfeAccessKey({ issuedOn: dhEmi, issuer, serie, nNF });
  const receiver = options.receiver ?? { CNPJ: "30844132000171" };
  const products = options.products ?? [{ sku: "SKU-148", quantity: "4.0000", amount: "11980.00" }];
  const det = products
    .map(
      (p, i) =>
        `<det nItem="${i + 1}"><prod>${p.sku === undefined ? "" : `<cProd>${p.sku}</cProd>`}<cEAN>SEM GTIN</cEAN>` +
        `<xProd>${p.description ?? "Gravador NVR 16 canais"}</xProd><NCM>85219090</NCM><CFOP>5102</CFOP>` +
        `<uCom>UN</uCom><qCom>${p.quantity}</qCom><vUnCom>1</vUnCom><vProd>${p.amount}</vProd>` +
        `${p.discount ? `<vDesc>${p.discount}</vDesc>` : ""}<indTot>${p.indTot ?? "1"}</indTot></prod>` +
        `<imposto><ICMS><ICMS00><orig>0</orig><CST>00</CST></ICMS00></ICMS></imposto></det>`,
    )
    .join("\n      ");
  const party = (p: { CNPJ?: string; CPF?: string }) =>
    (p.CNPJ ? `<CNPJ>${p.CNPJ}</CNPJ>` : "") + (p.CPF ? `<CPF>${p.CPF}</CPF>` : "");
  const nfe = `<NFe xmlns="http://www.portalfiscal.inf.br/nfe">
    <infNFe Id="NFe${key}" versao="4.00">
      <ide><cUF>35</cUF><cNF>36621259</cNF><natOp>Venda</natOp><mod>55</mod><serie>${serie}</serie><nNF>${nNF}</nNF>
        <dhEmi>${dhEmi}</dhEmi><tpNF>${options.tpNF ?? "1"}</tpNF><cDV>${key[43]}</cDV><finNFe>${options.finNFe ?? "1"}</finNFe></ide>
      <emit><CNPJ>${issuer}</CNPJ><xNome>PAULISTA AUTOMACAO</xNome></emit>
      <dest>${party(receiver)}<xNome>SISTEMAS SEGURIDAD 74</xNome></dest>
      ${det}
      <total><ICMSTot><vProd>${options.vProd ?? "11980.00"}</vProd><vDesc>${options.vDesc ?? "0.00"}</vDesc><vNF>0</vNF></ICMSTot></total>
    </infNFe>
    <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/><SignatureValue>abc</SignatureValue></Signature>
  </NFe>`;
  if (options.bare) return `<?xml version="1.0" encoding="UTF-8"?>\n${nfe}\n`;
  const protocolKey = options.protocolKey === undefined ? key : options.protocolKey;
  const protocol =
    protocolKey === null
      ? ""
      : `<protNFe versao="4.00"><infProt><chNFe>${protocolKey}</chNFe><cStat>100</cStat></infProt></protNFe>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<nfeProc xmlns="http://www.portalfiscal.inf.br/nfe" versao="4.00">
  ${nfe}
  ${protocol}
</nfeProc>
`;
}
