// The report template a supplier downloads (SPEC 4.7): headers in the supplier's language that
// headers.ts recognizes, two example rows, data validation on dates and amounts, instructions.
import ExcelJS from "exceljs";
import { currencyExponent } from "./amounts";
import type { Field } from "./headers";

export type TemplateLanguage = "en" | "es" | "pt-BR";

const COLUMN_ORDER: Field[] = [
  "invoiceDate",
  "invoiceNumber",
  "customerKey",
  "customerName",
  "sku",
  "category",
  "quantity",
  "netAmount",
  "currency",
];

interface TemplateTexts {
  sheet: string;
  headers: Record<Field, string>;
  instructionsSheet: string;
  instructions: string[];
  dateError: string;
  amountError: string;
  examples: Array<{ name: string; category: string }>;
}

const TEXTS: Record<TemplateLanguage, TemplateTexts> = {
  en: {
    sheet: "Sales",
    headers: {
      invoiceDate: "Invoice Date",
      invoiceNumber: "Invoice Number",
      customerKey: "Customer Tax ID",
      customerName: "Customer Name",
      sku: "SKU",
      category: "Product Category",
      quantity: "Quantity",
      netAmount: "Net Amount",
      currency: "Currency",
    },
    instructionsSheet: "Instructions",
    instructions: [
      "One row per invoice line sold to a consortium member during the month.",
      "Keep the header row as it is; you may add columns, they are ignored.",
      "Invoice Date: a date (dd/mm/yyyy or yyyy-mm-dd). Net Amount: before taxes, a number; credit notes are negative.",
      "Customer Tax ID: the customer's tax id (RFC, NIT, CNPJ...) or your customer account number.",
      "Currency: a 3-letter code (USD, MXN, BRL...); leave it empty for your usual currency.",
      "Delete the two example rows before uploading.",
    ],
    dateError: "Enter a date, e.g. 15/01/2026.",
    amountError: "Enter a number, e.g. 1234.56 (negative for credit notes).",
    examples: [
      { name: "Example Customer Ltd", category: "Cameras" },
      { name: "Example Customer Ltd", category: "Cabling" },
    ],
  },
  es: {
    sheet: "Ventas",
    headers: {
      invoiceDate: "Fecha de Factura",
      invoiceNumber: "Número de Factura",
      customerKey: "ID Fiscal del Cliente",
      customerName: "Nombre del Cliente",
      sku: "Código de Producto",
      category: "Categoría",
      quantity: "Cantidad",
      netAmount: "Importe Neto",
      currency: "Moneda",
    },
    instructionsSheet: "Instrucciones",
    instructions: [
      "Una fila por cada línea de factura vendida a un socio del consorcio durante el mes.",
      "No cambie la fila de encabezados; puede agregar columnas, se ignoran.",
      "Fecha de Factura: una fecha (dd/mm/aaaa o aaaa-mm-dd). Importe Neto: antes de impuestos, un número; las notas de crédito van en negativo.",
      "ID Fiscal del Cliente: RFC, NIT, CUIT o RUT del cliente, o su número de cuenta de cliente.",
      "Moneda: código de 3 letras (USD, MXN, COP...); vacío para su moneda habitual.",
      "Borre las dos filas de ejemplo antes de subir el archivo.",
    ],
    dateError: "Ingrese una fecha, p. ej. 15/01/2026.",
    amountError: "Ingrese un número, p. ej. 1234,56 (negativo para notas de crédito).",
    examples: [
      { name: "Cliente de Ejemplo S.A.", category: "Cámaras" },
      { name: "Cliente de Ejemplo S.A.", category: "Cableado" },
    ],
  },
  "pt-BR": {
    sheet: "Vendas",
    headers: {
      invoiceDate: "Data de Emissão",
      invoiceNumber: "Número da Nota Fiscal",
      customerKey: "CNPJ/CPF do Cliente",
      customerName: "Nome do Cliente",
      sku: "Código do Produto",
      category: "Categoria",
      quantity: "Quantidade",
      netAmount: "Valor Líquido",
      currency: "Moeda",
    },
    instructionsSheet: "Instruções",
    instructions: [
      "Uma linha por item de nota fiscal vendido a um associado do consórcio no mês.",
      "Não altere a linha de cabeçalho; colunas a mais são ignoradas.",
      "Data de Emissão: uma data (dd/mm/aaaa ou aaaa-mm-dd). Valor Líquido: sem impostos, um número; devoluções em negativo.",
      "CNPJ/CPF do Cliente: o documento do cliente ou o seu código de cliente.",
      "Moeda: código de 3 letras (BRL, USD...); vazio para a sua moeda habitual.",
      "Apague as duas linhas de exemplo antes de enviar.",
    ],
    dateError: "Digite uma data, por exemplo 15/01/2026.",
    amountError: "Digite um número, por exemplo 1234,56 (negativo para devoluções).",
    examples: [
      { name: "Cliente Exemplo Ltda", category: "Câmeras" },
      { name: "Cliente Exemplo Ltda", category: "Cabeamento" },
    ],
  },
};

/** Rows with data validation; enough for any month of a consortium's sales. */
const VALIDATED_ROWS = 10_000;

function columnLetter(field: Field): string {
  return String.fromCharCode(65 + COLUMN_ORDER.indexOf(field));
}

function amountFormat(exponent: number): string {
  return exponent === 0 ? "#,##0" : `#,##0.${"0".repeat(exponent)}`;
}

function addSalesSheet(workbook: ExcelJS.Workbook, texts: TemplateTexts, currency: string): void {
  const sheet = workbook.addWorksheet(texts.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMN_ORDER.map((field) => ({
    header: texts.headers[field],
    key: field,
    width: 20,
  }));
  sheet.getRow(1).font = { bold: true };
  const exponent = currencyExponent(currency);
  texts.examples.forEach((example, i) => {
    const row = sheet.addRow({
      invoiceDate: new Date(Date.UTC(2026, 0, 15 + i * 5)),
      invoiceNumber: `EX-${1001 + i}`,
      customerKey: `EXAMPLE-000${i + 1}`,
      customerName: example.name,
      sku: `SKU-${100 + i}`,
      category: example.category,
      quantity: 10 * (i + 1),
      netAmount: i === 0 ? (exponent === 0 ? 1234 : 1234.5) : -200,
      currency,
    });
    row.getCell("invoiceDate").numFmt = "dd/mm/yyyy";
    row.getCell("netAmount").numFmt = amountFormat(exponent);
  });
  addValidation(sheet, texts);
}

function addValidation(sheet: ExcelJS.Worksheet, texts: TemplateTexts): void {
  const date = columnLetter("invoiceDate");
  const amount = columnLetter("netAmount");
  // exceljs types omit dataValidations.add on Worksheet, though it exists at runtime.
  const validations = (
    sheet as unknown as {
      dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void };
    }
  ).dataValidations;
  validations.add(`${date}2:${date}${VALIDATED_ROWS}`, {
    type: "date",
    operator: "greaterThan",
    allowBlank: true,
    showErrorMessage: true,
    formulae: [new Date(Date.UTC(2000, 0, 1))],
    errorTitle: texts.headers.invoiceDate,
    error: texts.dateError,
  });
  validations.add(`${amount}2:${amount}${VALIDATED_ROWS}`, {
    type: "decimal",
    operator: "between",
    allowBlank: true,
    showErrorMessage: true,
    formulae: [-1e12, 1e12],
    errorTitle: texts.headers.netAmount,
    error: texts.amountError,
  });
}

export async function buildTemplate(
  lang: TemplateLanguage,
  supplierCurrency: string,
): Promise<Buffer> {
  const texts = TEXTS[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "tierpool";
  addSalesSheet(workbook, texts, supplierCurrency);
  const instructions = workbook.addWorksheet(texts.instructionsSheet);
  instructions.getColumn(1).width = 110;
  texts.instructions.forEach((line) => instructions.addRow([line]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The header texts of the template in a language (also used by the mapping screen). */
export function templateHeaders(lang: TemplateLanguage): string[] {
  return COLUMN_ORDER.map((field) => TEXTS[lang].headers[field]);
}
