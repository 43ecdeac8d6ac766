// One invoice file: CFDI 3.3/4.0 and NF-e 4.00 read to the letter of SPEC 5.2, and every way a
// file can be wrong refused with its code and a message naming the file and the field.
import { describe, expect, it } from "vitest";
import { cfdiXml, nfeAccessKey, nfeXml } from "@tests/setup/claim-invoices";
import { readInvoiceFile, type InvoiceReading, type ParsedInvoice } from "./index";

function invoiceOf(reading: InvoiceReading): ParsedInvoice {
  if (!reading.ok) throw new Error(`refused: ${reading.error.message}`);
  return reading.invoice;
}

function refusalOf(reading: InvoiceReading) {
  if (reading.ok) throw new Error("read, not refused");
  return { code: reading.error.code, params: reading.error.params, message: reading.error.message };
}

const read = (xml: string | Buffer, name = "f.xml") =>
  readInvoiceFile(name, typeof xml === "string" ? Buffer.from(xml) : xml);

describe("CFDI", () => {
  it("reads net amounts exactly: SubTotal − Descuento, per concept Importe − Descuento", () => {
    const invoice = invoiceOf(
      read(
        cfdiXml({
          subTotal: "10000.005",
          discount: "0.004",
          concepts: [
            { sku: "A", quantity: "2.5", amount: "5000.002", discount: "0.001" },
            { sku: "B", quantity: "1", amount: "5000.003", discount: "0.003" },
          ],
        }),
      ),
    );
    // 10000.005 − 0.004 = 10000.001 → 1000000 cents; lines 5000.001 → 500000, 5000.000 → 500000
    expect(invoice.netMinor).toBe(1_000_000);
    expect(invoice.lines).toEqual([
      { sku: "A", description: "Switch PoE+ 24 puertos", quantity: 2.5, netMinor: 500_000 },
      { sku: "B", description: "Switch PoE+ 24 puertos", quantity: 1, netMinor: 500_000 },
    ]);
  });

  it("rounds half away from zero once, after subtracting", () => {
    const invoice = invoiceOf(
      read(cfdiXml({ subTotal: "0.125", concepts: [{ quantity: "1", amount: "0.125" }] })),
    );
    expect(invoice.netMinor).toBe(13);
    const credit = invoiceOf(
      read(
        cfdiXml({ type: "E", subTotal: "0.125", concepts: [{ quantity: "0.5", amount: "0.125" }] }),
      ),
    );
    expect(credit.netMinor).toBe(-13);
    expect(credit.lines[0]).toMatchObject({ quantity: -0.5, netMinor: -13 });
  });

  it("reads amounts in the currency's own minor unit", () => {
    const yen = invoiceOf(
      read(
        cfdiXml({
          currency: "JPY",
          subTotal: "1500",
          concepts: [{ quantity: "1", amount: "1500" }],
        }),
      ),
    );
    expect(yen).toMatchObject({ currency: "JPY", netMinor: 1500 });
  });

  it("takes any namespace prefix, CFDI 3.3, and numbers from Folio alone or the UUID", () => {
    expect(invoiceOf(read(cfdiXml({ prefix: "" }))).number).toBe("AX-7001");
    expect(invoiceOf(read(cfdiXml({ prefix: "c" }))).number).toBe("AX-7001");
    const v33 = invoiceOf(read(cfdiXml({ version: "3.3", series: null, folio: "000123" })));
    expect(v33).toMatchObject({ format: "cfdi33", number: "000123", normalizedNumber: "123" });
    expect(v33.numberKeys).toEqual(["123", "5F7415B96983457094D276B10E899900"]);
    const bare = invoiceOf(
      read(cfdiXml({ series: null, folio: null, uuid: "5f7415b9-6983-4570-94d2-76b10e899900" })),
    );
    expect(bare).toMatchObject({
      number: "5F7415B9-6983-4570-94D2-76B10E899900",
      uuid: "5F7415B9-6983-4570-94D2-76B10E899900",
      numberKeys: ["5F7415B96983457094D276B10E899900"],
    });
  });

  it("normalizes tax ids like customer keys, keeping look-alikes unequal", () => {
    const full = invoiceOf(
      read(cfdiXml({ issuer: "ＡＳＤ040512JH5", receiver: "XPY-714465-W4B" })),
    );
    expect(full).toMatchObject({ issuerTaxId: "ASD040512JH5", receiverTaxId: "XPY714465W4B" });
    expect(full.receiverTaxIdText).toBe("XPY-714465-W4B");
    const cyrillic = invoiceOf(read(cfdiXml({ receiver: "ХPY714465W4B" })));
    expect(cyrillic.receiverTaxId).not.toBe("XPY714465W4B");
  });

  it("skips payment, transfer and payroll documents with their reason", () => {
    expect(invoiceOf(read(cfdiXml({ type: "T", currency: "XXX" }))).skipped).toBe("transfer");
    expect(invoiceOf(read(cfdiXml({ type: "N" }))).skipped).toBe("payroll");
    const payment = invoiceOf(read(cfdiXml({ type: "P", currency: "XXX", subTotal: "0" })));
    expect(payment).toMatchObject({ skipped: "payment", currency: "XXX", lines: [], netMinor: 0 });
  });

  it("never builds an addenda and reads past it", () => {
    const addenda = `<cfdi:Addenda><x:Big xmlns:x="urn:x">${"<x:Row a='1'/>".repeat(5000)}</x:Big></cfdi:Addenda>`;
    expect(invoiceOf(read(cfdiXml({ addenda }))).netMinor).toBe(300_000);
  });

  it.each([
    [{ type: "X" }, "Comprobante@TipoDeComprobante", "invalid"],
    [{ receiver: "" }, "Receptor@Rfc", "missing"],
    [{ uuid: null }, "tfd:TimbreFiscalDigital@UUID", "missing"],
    [{ uuid: "not-a-uuid" }, "tfd:TimbreFiscalDigital@UUID", "invalid"],
    [{ date: "2026-02-30T10:00:00" }, "Comprobante@Fecha", "invalid"],
    [{ date: "1999-12-31T10:00:00" }, "Comprobante@Fecha", "invalid"],
    [{ currency: "ZZZ" }, "Comprobante@Moneda", "invalid"],
    [{ subTotal: "1,000.00" }, "Comprobante@SubTotal", "invalid"],
    [{ subTotal: "-3000.00" }, "Comprobante@SubTotal", "invalid"],
    [{ discount: "3000.01" }, "Comprobante@Descuento", "invalid"],
    [{ concepts: [] }, "cfdi:Concepto", "missing"],
    [{ concepts: [{ quantity: "tres", amount: "3000.00" }] }, "Concepto[1]@Cantidad", "invalid"],
    [{ series: "S".repeat(30), folio: "F".repeat(40) }, "Comprobante@Serie/Folio", "too_long"],
    [
      { concepts: [{ sku: "K".repeat(501), quantity: "1", amount: "3000.00" }] },
      "Concepto[1]@NoIdentificacion",
      "too_long",
    ],
  ] as const)("refuses %j: %s %s", (options, field, problem) => {
    const refusal = refusalOf(read(cfdiXml(options as never)));
    expect(refusal.code).toBe("invoice_field");
    expect(refusal.params).toMatchObject({ file: "f.xml", field, problem });
    expect(refusal.message).toContain(field);
  });

  it("refuses an invoice whose concepts do not add up to its SubTotal", () => {
    const refusal = refusalOf(
      read(cfdiXml({ subTotal: "3000.00", concepts: [{ quantity: "1", amount: "2900.00" }] })),
    );
    expect(refusal.message).toBe(
      '"f.xml": the invoice\'s net amount (MXN 3000.00) is not the sum of its lines (MXN 2900.00).',
    );
  });

  it("refuses other versions and other XML", () => {
    const v32 = cfdiXml().replace('Version="4.0"', 'Version="3.2"');
    expect(refusalOf(read(v32)).message).toBe(
      '"f.xml" is a CFDI of version 3.2; we read CFDI 3.3 and 4.0 and NF-e 4.00.',
    );
    expect(refusalOf(read("<html><body>factura</body></html>")).message).toBe(
      '"f.xml" is XML but not a CFDI or an NF-e (its root element is "html").',
    );
  });
});

describe("XML safety and encodings", () => {
  it("refuses a DOCTYPE, even one without entities, and never expands an entity", () => {
    const doctype = cfdiXml({ prolog: "<!DOCTYPE cfdi:Comprobante>" });
    expect(refusalOf(read(doctype)).code).toBe("invoice_dtd");
    const undeclared = cfdiXml().replace('Nombre="SEGURIDAD ACCESO 97"', 'Nombre="&xxe;"');
    expect(refusalOf(read(undeclared)).code).toBe("invoice_malformed");
  });

  it("reads the predefined entities and character references", () => {
    const xml = cfdiXml({
      concepts: [
        { quantity: "1", amount: "3000.00", description: "Cable &amp; conector &#8212; 2&#x20;m" },
      ],
    });
    expect(invoiceOf(read(xml)).lines[0].description).toBe("Cable & conector — 2 m");
  });

  it("reads UTF-8 with a BOM, UTF-16 with a BOM and a declared ISO-8859-1", () => {
    const xml = cfdiXml({
      concepts: [{ quantity: "1", amount: "3000.00", description: "Cámara" }],
    });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]);
    expect(invoiceOf(read(bom)).lines[0].description).toBe("Cámara");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]);
    expect(invoiceOf(read(utf16)).lines[0].description).toBe("Cámara");
    const latin = Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), "latin1");
    expect(invoiceOf(read(latin)).lines[0].description).toBe("Cámara");
  });

  it.each([
    ["empty", Buffer.from("  \n")],
    ["image", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])],
    ["zip", Buffer.from("PK\u0003\u0004rest")],
    ["binary", Buffer.from([0x3c, 0x00, 0x61, 0x00])],
    ["encoding", Buffer.from([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e])],
    ["encoding", Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><a/>')],
    ["text", Buffer.from("Factura AX-7001, total 3480.00")],
  ])("refuses what is not XML: %s", (kind, bytes) => {
    const refusal = refusalOf(read(bytes, "factura.xml"));
    expect(refusal.code).toBe("invoice_not_xml");
    expect(refusal.params).toEqual({ file: "factura.xml", kind });
  });

  it("refuses malformed XML naming line and column, and a file over its size cap unread", () => {
    const broken = cfdiXml().replace("<cfdi:Emisor", "<cfdi:Emisor <");
    const refusal = refusalOf(read(broken));
    expect(refusal.code).toBe("invoice_malformed");
    expect(refusal.params).toMatchObject({ cutShort: false, line: 3 });
    const big = readInvoiceFile("big.xml", Buffer.from(cfdiXml()), { maxInvoiceBytes: 1000 });
    expect(refusalOf(big).params).toEqual({ file: "big.xml", what: "bytes", max: 1000 });
    const many = readInvoiceFile(
      "many.xml",
      Buffer.from(
        cfdiXml({ subTotal: "3.00", concepts: Array(3).fill({ quantity: "1", amount: "1.00" }) }),
      ),
      { maxLinesPerInvoice: 2 },
    );
    expect(refusalOf(many).params).toEqual({ file: "many.xml", what: "lines", max: 2 });
  });

  it("shows names without control characters", () => {
    expect(read(Buffer.from(""), "a\u0000b\u001b[31m.xml").file).toBe("ab[31m.xml");
  });
});

describe("NF-e 4.00", () => {
  it("reads vProd − vDesc, products, the access key, and the local date of dhEmi", () => {
    const invoice = invoiceOf(
      read(
        nfeXml({
          dhEmi: "2026-02-28T23:30:00-03:00",
          vProd: "20430.00",
          vDesc: "422.50",
          products: [
            { sku: "SKU-148", quantity: "4.0000", amount: "11980.00" },
            { sku: "SKU-272", quantity: "10.5000", amount: "8450.00", discount: "422.50" },
            { sku: "BRINDE", quantity: "1.0000", amount: "99.00", indTot: "0" },
          ],
        }),
      ),
    );
    expect(invoice).toMatchObject({
      format: "nfe400",
      issuedOn: "2026-02-28",
      currency: "BRL",
      netMinor: 2_000_750,
      documentKey: invoice.accessKey,
      lines: [
        { sku: "SKU-148", quantity: 4, netMinor: 1_198_000 },
        { sku: "SKU-272", quantity: 10.5, netMinor: 802_750 },
      ],
    });
  });

  it("reads a bare NFe, a receiver's CPF, and an incoming NF-e as skipped", () => {
    expect(invoiceOf(read(nfeXml({ bare: true }))).netMinor).toBe(1_198_000);
    const cpf = invoiceOf(read(nfeXml({ receiver: { CPF: "123.456.789-09" } })));
    expect(cpf.receiverTaxId).toBe("12345678909");
    expect(invoiceOf(read(nfeXml({ tpNF: "0" }))).skipped).toBe("nfe_incoming");
  });

  it("refuses a wrong check digit and a key that disagrees with the fields", () => {
    const key = nfeAccessKey({
      issuedOn: "2026-02-20",
      issuer: "61432118000183",
      serie: "1",
      nNF: "45001",
    });
    const wrong = key.slice(0, 43) + ((Number(key[43]) + 1) % 10);
    expect(refusalOf(read(nfeXml({ key: wrong }))).message).toBe(
      `"f.xml": the access key ${wrong} has a wrong check digit; the NF-e is not genuine or was altered.`,
    );
    expect(refusalOf(read(nfeXml({ key: "123" }))).params).toMatchObject({ problem: "format" });
    const altered = nfeXml().replace("<nNF>45001</nNF>", "<nNF>45002</nNF>");
    expect(refusalOf(read(altered)).params).toMatchObject({
      problem: "mismatch",
      field: "ide/nNF",
    });
    const otherIssuer = nfeXml().replace(
      "<CNPJ>61432118000183</CNPJ>",
      "<CNPJ>11222333000181</CNPJ>",
    );
    expect(refusalOf(read(otherIssuer)).params).toMatchObject({ field: "emit/CNPJ" });
    const protocol = nfeXml({ protocolKey: wrong });
    expect(refusalOf(read(protocol)).params).toMatchObject({ field: "protNFe/infProt/chNFe" });
  });

  it.each([
    ["2", "a complementary note"],
    ["3", "an adjustment note"],
    ["4", "a return (devolução)"],
  ])("refuses finNFe %s as %s", (finNFe, what) => {
    const reading = read(nfeXml({ finNFe }));
    expect(refusalOf(reading).message).toBe(
      `"f.xml" is ${what}, not a normal sale (finNFe 1); only normal NF-e can be claimed.`,
    );
    expect(!reading.ok && reading.invoice?.number).toBe("45001");
  });

  it("refuses a missing receiver, totals that do not add up, and NF-e 3.10", () => {
    expect(refusalOf(read(nfeXml({ receiver: {} }))).params).toMatchObject({
      field: "dest/CNPJ",
      problem: "missing",
    });
    expect(refusalOf(read(nfeXml({ vProd: "11990.00" }))).code).toBe("invoice_totals");
    const old = nfeXml().replace(/(<infNFe [^>]*)versao="4.00"/, '$1versao="3.10"');
    expect(refusalOf(read(old)).message).toBe(
      '"f.xml" is an NF-e of version 3.10; we read CFDI 3.3 and 4.0 and NF-e 4.00.',
    );
  });
});
