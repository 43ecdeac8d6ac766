// The header texts each field is recognized by, in English, Spanish and Portuguese (SPEC 4.2),
// already normalized (see normalizeHeader in headers.ts).
import type { Field } from "./headers";

/**
 * Synonyms per field, MOST SPECIFIC FIRST: when one field matches two columns, the column whose
 * text comes earlier in its list wins (e.g. "fecha factura" over "fecha", "net amount" over
 * "amount" over "total": an invoice total usually includes tax, a net amount or subtotal not).
 * Written already normalized (see normalizeHeader); a text belongs to one field only.
 */
// prettier-ignore
export const SYNONYMS: Readonly<Record<Field, readonly string[]>> = {
  invoiceDate: [
    "invoice date", "date of invoice", "billing date", "fecha de factura", "fecha factura",
    "fecha de emision", "fecha emision", "fecha de facturacion", "fecha documento",
    "data de emissao", "data emissao", "data da nota", "data da nota fiscal", "data nf",
    "data de faturamento", "data do faturamento", "document date", "fecha", "data", "date",
  ],
  invoiceNumber: [
    "invoice number", "invoice no", "invoice n", "invoice", "invoice id", "numero de factura",
    "numero factura", "no factura", "n factura", "nro factura", "num factura", "factura",
    "folio fiscal", "folio", "numero da nota fiscal", "numero da nota", "numero nf",
    "nota fiscal", "nf e", "nfe", "nf", "document number", "document no", "numero", "number",
  ],
  customerKey: [
    "customer tax id", "tax id", "taxid", "vat number", "vat id", "rfc del cliente",
    "rfc cliente", "rfc", "nit del cliente", "nit cliente", "nit", "cuit del cliente",
    "cuit cliente", "cuit", "rut del cliente", "rut cliente", "rut", "ruc",
    "id fiscal del cliente", "id fiscal", "cnpj cpf do cliente", "cnpj do cliente",
    "cnpj cliente", "cnpj cpf", "cnpj", "cpf", "customer account", "customer account number",
    "account number", "customer number", "customer id", "customer code", "cuenta cliente",
    "cuenta del cliente", "numero de cliente", "codigo cliente", "codigo do cliente",
    "conta cliente", "cuenta", "account",
  ],
  customerName: [
    "customer name", "razon social", "cliente nombre", "nombre del cliente", "nombre cliente",
    "nome do cliente", "nome cliente", "razao social", "customer", "client", "cliente", "nombre",
    "nome", "name",
  ],
  sku: [
    "sku", "part number", "part no", "item number", "product code", "codigo de producto",
    "codigo producto", "numero de parte", "codigo do produto", "codigo", "item", "modelo",
    "model", "producto", "produto", "product",
  ],
  category: [
    "product category", "category", "categoria de producto", "categoria do produto", "categoria",
    "familia", "linea", "linha", "product line", "product family", "grupo",
  ],
  quantity: [
    "quantity", "qty", "cantidad", "quantidade", "qtd", "qtde", "cant", "units", "unidades",
  ],
  netAmount: [
    "net amount", "net sales", "net value", "net", "amount net", "importe neto", "monto neto",
    "valor neto", "venta neta", "valor liquido", "total liquido", "neto", "liquido",
    "net amount excl tax", "subtotal", "sub total", "amount", "importe", "monto", "valor",
    "valor total", "total",
  ],
  currency: [
    "currency", "currency code", "moneda", "divisa", "moeda",
  ],
};
