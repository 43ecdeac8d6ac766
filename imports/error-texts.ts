// The text of every refusal of an uploaded file, in each language of the portal, written from the
// error's params. The en text is also the error's own message (the API answers with it).
import type { LocalizedTexts } from "~/errors/coded";
import type { PipelineErrorCode } from "./errors";
import { FIELD_LABELS, type Field } from "./headers";

const MIB = 1024 * 1024;

/** The values each code's message names. */
export interface PipelineErrorParams {
  /** `actual` (bytes) when the stored file was measured; without it, the upload body was cut off. */
  file_too_large: { maxBytes: number; actual?: number };
  zip_bomb:
    | { cause: "ratio"; part: string; ratio: number; maxRatio: number }
    | { cause: "total"; part: string; maxBytes: number };
  not_a_spreadsheet:
    | { kind: "xls" }
    | { kind: "misnamed"; fileName: string }
    | { kind: "binary" }
    | { kind: "zip_not_workbook" };
  /** no_bytes: a file of 0 bytes; no_rows: only blank rows. */
  file_empty: { kind: "no_bytes" | "no_rows" };
  /** zip_directory: the zip cannot be opened; unreadable: it broke while being read. */
  truncated_file: { kind: "zip_directory" | "unreadable" };
  /** detail: the CSV parser's own (English) message. */
  malformed_csv: { detail: string };
  /** file: CSV records; report: data rows below the header; sheet: non-empty rows of one sheet. */
  too_many_rows: { scope: "file" | "report" | "sheet"; maxRows: number; sheet?: string };
  /** sheet is named for workbooks only (a CSV has one unnamed sheet). */
  too_many_columns: { row: number; column: number; maxColumns: number; sheet?: string };
  header_not_found: { searchedRows: number; missing: readonly Field[] };
}

type Texts = { readonly [C in PipelineErrorCode]: (p: PipelineErrorParams[C]) => string };

/** es / pt-BR names of the fields, as on the column-mapping screen (lowercase in running text). */
const LABELS_ES: Readonly<Record<Field, string>> = {
  invoiceDate: "fecha de factura",
  invoiceNumber: "número de factura",
  customerKey: "ID fiscal o cuenta del cliente",
  customerName: "nombre del cliente",
  sku: "código de producto",
  category: "categoría",
  quantity: "cantidad",
  netAmount: "importe neto",
  currency: "moneda",
};

const LABELS_PT: Readonly<Record<Field, string>> = {
  invoiceDate: "data de emissão",
  invoiceNumber: "número da nota fiscal",
  customerKey: "CNPJ/CPF ou código do cliente",
  customerName: "nome do cliente",
  sku: "código do produto",
  category: "categoria",
  quantity: "quantidade",
  netAmount: "valor líquido",
  currency: "moeda",
};

function labels(missing: readonly Field[] | undefined, names: Readonly<Record<Field, string>>) {
  return (missing ?? []).map((field) => names[field] ?? field).join(", ");
}

/** A size in MB with one decimal, e.g. "50.0" (en), "50,0" (pt-BR). */
function mbFixed(bytes: number, locale: string): string {
  if (locale === "en") return (bytes / MIB).toFixed(1);
  const format = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
  return (bytes / MIB).toLocaleString(locale, format);
}

/** A limit in MB, decimals only when needed, e.g. "500 MB". */
function megabytes(bytes: number, locale: string): string {
  const value = Math.round((bytes / MIB) * 10) / 10;
  return `${locale === "en" ? value : value.toLocaleString(locale)} MB`;
}

const count = (n: number, locale: string) => n.toLocaleString(locale);

const en: Texts = {
  file_too_large: ({ maxBytes, actual }) =>
    actual === undefined
      ? `The file is larger than ${Math.round(maxBytes / MIB)} MiB, the most we accept.`
      : `The file is ${mbFixed(actual, "en")} MB, over the ${megabytes(maxBytes, "en")} limit. ` +
        "Split the report or remove unneeded sheets.",
  zip_bomb: (p) =>
    p.cause === "ratio"
      ? `The workbook part "${p.part}" would expand ${Number.isFinite(p.ratio) ? Math.round(p.ratio) : "without limit"} ` +
        `times (the limit is ${p.maxRatio}); the file looks like a zip bomb and was not opened.`
      : `The workbook expands to more than ${megabytes(p.maxBytes, "en")} ` +
        `(reached at part "${p.part}"); it was not opened.`,
  not_a_spreadsheet: (p) => {
    switch (p.kind) {
      case "xls":
        return "This is an old Excel 97-2003 (.xls) file. Open it in Excel and save it as .xlsx, or as CSV.";
      case "misnamed":
        return (
          `"${p.fileName}" is named like an Excel file but is not one (it is not an XLSX workbook). ` +
          "Open it in Excel and save it as .xlsx, or upload it as CSV."
        );
      case "zip_not_workbook":
        return "This zip file is not an Excel workbook (.xlsx). Save the report from Excel as .xlsx or CSV.";
      default:
        return "This file is neither an XLSX workbook nor a CSV text file.";
    }
  },
  file_empty: ({ kind }) => (kind === "no_rows" ? "The file has no rows." : "The file is empty."),
  truncated_file: ({ kind }) =>
    kind === "unreadable"
      ? "The file is damaged or incomplete: it could not be read to the end. " +
        "Save it again from Excel and upload it again."
      : "The file is damaged or incomplete (its zip directory cannot be read). " +
        "Save it again from Excel and upload it again.",
  malformed_csv: ({ detail }) =>
    `The CSV file could not be read: ${detail}. Check for an unclosed quote (").`,
  too_many_rows: ({ scope, maxRows, sheet }) => {
    const n = count(maxRows, "en");
    if (scope === "sheet") {
      return `Sheet "${sheet}" has more than ${n} rows; split the report into smaller files.`;
    }
    if (scope === "report") {
      return `The report has more than ${n} data rows; split it into smaller files.`;
    }
    return `The file has more than ${n} rows; split it into smaller files.`;
  },
  too_many_columns: ({ row, column, maxColumns, sheet }) =>
    (sheet === undefined ? `Row ${row}` : `Sheet "${sheet}", row ${row}`) +
    ` has data in column ${column}; a report can have at most ${maxColumns} columns.`,
  header_not_found: ({ searchedRows, missing }) =>
    `We could not find the header row in the first ${searchedRows} rows of any sheet ` +
    `(no column found for: ${labels(missing, FIELD_LABELS)}). ` +
    "Tell us once which column holds what; we will remember it.",
};

const es: Texts = {
  file_too_large: ({ maxBytes, actual }) =>
    actual === undefined
      ? `El archivo supera ${Math.round(maxBytes / MIB)} MiB, el máximo que aceptamos.`
      : `El archivo pesa ${mbFixed(actual, "es-MX")} MB y supera el límite de ` +
        `${megabytes(maxBytes, "es-MX")}. Divida el reporte o quite las hojas que no necesita.`,
  zip_bomb: (p) =>
    p.cause === "ratio"
      ? `La parte "${p.part}" del libro se expandiría ` +
        (Number.isFinite(p.ratio) ? `${count(Math.round(p.ratio), "es-MX")} veces` : "sin límite") +
        ` (el límite es ${p.maxRatio}); el archivo parece una bomba zip y no se abrió.`
      : `El libro se expande a más de ${megabytes(p.maxBytes, "es-MX")} ` +
        `(límite alcanzado en la parte "${p.part}"); no se abrió.`,
  not_a_spreadsheet: (p) => {
    switch (p.kind) {
      case "xls":
        return "Es un archivo antiguo de Excel 97-2003 (.xls). Ábralo en Excel y guárdelo como .xlsx o como CSV.";
      case "misnamed":
        return (
          `"${p.fileName}" tiene nombre de archivo de Excel, pero no lo es (no es un libro XLSX). ` +
          "Ábralo en Excel y guárdelo como .xlsx, o súbalo como CSV."
        );
      case "zip_not_workbook":
        return "Este archivo zip no es un libro de Excel (.xlsx). Guarde el reporte desde Excel como .xlsx o CSV.";
      default:
        return "Este archivo no es un libro XLSX ni un archivo de texto CSV.";
    }
  },
  file_empty: ({ kind }) =>
    kind === "no_rows" ? "El archivo no tiene filas." : "El archivo está vacío.",
  truncated_file: ({ kind }) =>
    kind === "unreadable"
      ? "El archivo está dañado o incompleto: no se pudo leer hasta el final. " +
        "Guárdelo de nuevo desde Excel y vuelva a subirlo."
      : "El archivo está dañado o incompleto (no se puede leer su directorio zip). " +
        "Guárdelo de nuevo desde Excel y vuelva a subirlo.",
  malformed_csv: ({ detail }) =>
    `No se pudo leer el archivo CSV: ${detail}. Revise si hay comillas (") sin cerrar.`,
  too_many_rows: ({ scope, maxRows, sheet }) => {
    const n = count(maxRows, "es-MX");
    if (scope === "sheet") {
      return `La hoja "${sheet}" tiene más de ${n} filas; divida el reporte en archivos más pequeños.`;
    }
    if (scope === "report") {
      return `El reporte tiene más de ${n} filas de datos; divídalo en archivos más pequeños.`;
    }
    return `El archivo tiene más de ${n} filas; divídalo en archivos más pequeños.`;
  },
  too_many_columns: ({ row, column, maxColumns, sheet }) =>
    (sheet === undefined ? `La fila ${row}` : `En la hoja "${sheet}", la fila ${row}`) +
    ` tiene datos en la columna ${column}; un reporte puede tener como máximo ${maxColumns} columnas.`,
  header_not_found: ({ searchedRows, missing }) =>
    `No encontramos la fila de encabezados en las primeras ${searchedRows} filas de ninguna hoja ` +
    `(no hay columna para: ${labels(missing, LABELS_ES)}). ` +
    "Indíquenos una sola vez qué columna contiene cada dato; lo recordaremos.",
};

const ptBR: Texts = {
  file_too_large: ({ maxBytes, actual }) =>
    actual === undefined
      ? `O arquivo passa de ${Math.round(maxBytes / MIB)} MiB, o máximo que aceitamos.`
      : `O arquivo tem ${mbFixed(actual, "pt-BR")} MB e passa do limite de ` +
        `${megabytes(maxBytes, "pt-BR")}. Divida o relatório ou remova as abas desnecessárias.`,
  zip_bomb: (p) =>
    p.cause === "ratio"
      ? `A parte "${p.part}" da planilha se expandiria ` +
        (Number.isFinite(p.ratio) ? `${count(Math.round(p.ratio), "pt-BR")} vezes` : "sem limite") +
        ` (o limite é ${p.maxRatio}); o arquivo parece uma bomba zip e não foi aberto.`
      : `A planilha se expande para mais de ${megabytes(p.maxBytes, "pt-BR")} ` +
        `(limite atingido na parte "${p.part}"); ela não foi aberta.`,
  not_a_spreadsheet: (p) => {
    switch (p.kind) {
      case "xls":
        return "Este é um arquivo antigo do Excel 97-2003 (.xls). Abra-o no Excel e salve-o como .xlsx ou como CSV.";
      case "misnamed":
        return (
          `"${p.fileName}" tem nome de arquivo do Excel, mas não é um (não é uma planilha XLSX). ` +
          "Abra-o no Excel e salve-o como .xlsx, ou envie-o como CSV."
        );
      case "zip_not_workbook":
        return "Este arquivo zip não é uma planilha do Excel (.xlsx). Salve o relatório no Excel como .xlsx ou CSV.";
      default:
        return "Este arquivo não é uma planilha XLSX nem um arquivo de texto CSV.";
    }
  },
  file_empty: ({ kind }) =>
    kind === "no_rows" ? "O arquivo não tem linhas." : "O arquivo está vazio.",
  truncated_file: ({ kind }) =>
    kind === "unreadable"
      ? "O arquivo está danificado ou incompleto: não foi possível lê-lo até o fim. " +
        "Salve-o de novo no Excel e envie-o outra vez."
      : "O arquivo está danificado ou incompleto (não é possível ler o diretório zip dele). " +
        "Salve-o de novo no Excel e envie-o outra vez.",
  malformed_csv: ({ detail }) =>
    `Não foi possível ler o arquivo CSV: ${detail}. Verifique se há aspas (") não fechadas.`,
  too_many_rows: ({ scope, maxRows, sheet }) => {
    const n = count(maxRows, "pt-BR");
    if (scope === "sheet") {
      return `A aba "${sheet}" tem mais de ${n} linhas; divida o relatório em arquivos menores.`;
    }
    if (scope === "report") {
      return `O relatório tem mais de ${n} linhas de dados; divida-o em arquivos menores.`;
    }
    return `O arquivo tem mais de ${n} linhas; divida-o em arquivos menores.`;
  },
  too_many_columns: ({ row, column, maxColumns, sheet }) =>
    (sheet === undefined ? `A linha ${row}` : `Na aba "${sheet}", a linha ${row}`) +
    ` tem dados na coluna ${column}; um relatório pode ter no máximo ${maxColumns} colunas.`,
  header_not_found: ({ searchedRows, missing }) =>
    `Não encontramos a linha de cabeçalho nas primeiras ${searchedRows} linhas de nenhuma aba ` +
    `(nenhuma coluna encontrada para: ${labels(missing, LABELS_PT)}). ` +
    "Indique uma única vez qual coluna contém cada dado; vamos lembrar disso.",
};

export const PIPELINE_TEXTS: LocalizedTexts<PipelineErrorCode> = { en, es, "pt-BR": ptBR };
