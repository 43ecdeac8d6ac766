// The text of every refusal of an uploaded file, in each language of the portal, written from the
// error's params. The en text is also the error's own message (the API answers with it).
import type { LocalizedTexts } from "~/errors/coded";
import { CLAIM_TEXTS, type ClaimErrorParams } from "./claims/error-texts";
import type { PipelineErrorCode } from "./errors";
import { FIELD_LABELS, type Field } from "./headers";

const MIB = 1024 * 1024;

/** The values each code's message names. */
export interface PipelineErrorParams extends ClaimErrorParams {
  /** `actual` (bytes) when the stored file was measured; without it, the upload body was cut off. */
  file_too_large: { maxBytes: number; actual?: number };
  zip_bomb:
    | { cause: "ratio"; part: string; ratio: number; maxRatio: number }
    | { cause: "total"; part: string; maxBytes: number }
    /** The part really inflates to more than its zip headers declare (counted while inflating). */
    | { cause: "declared"; part: string; declaredBytes: number };
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
  /** XML of a workbook part past a cap (LIMITS.xml), or with a DTD: refused as a whole. */
  oversized_content:
    | {
        what: "cell" | "row" | "cells" | "shared_strings" | "part" | "tag";
        part: string;
        max: number;
      }
    | { what: "dtd"; part: string };
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
  ...CLAIM_TEXTS.en,
  file_too_large: ({ maxBytes, actual }) =>
    actual === undefined
      ? `The file is larger than ${Math.round(maxBytes / MIB)} MiB, the most we accept.`
      : `The file is ${mbFixed(actual, "en")} MB, over the ${megabytes(maxBytes, "en")} limit. ` +
        "Split the report or remove unneeded sheets.",
  zip_bomb: (p) =>
    p.cause === "ratio"
      ? `The workbook part "${p.part}" would expand ${Number.isFinite(p.ratio) ? Math.round(p.ratio) : "without limit"} ` +
        `times (the limit is ${p.maxRatio}); the file looks like a zip bomb and was not opened.`
      : p.cause === "declared"
        ? `The workbook part "${p.part}" inflates to more than the ${count(p.declaredBytes, "en")} bytes ` +
          "its zip header declares; the file looks like a zip bomb and was not opened."
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
  oversized_content: (p) => {
    if (p.what === "dtd") {
      return `The workbook part "${p.part}" declares a DTD (<!DOCTYPE>), which spreadsheets never do; the file was not read.`;
    }
    const n = count(p.max, "en");
    switch (p.what) {
      case "cell":
        return (
          `A cell of the workbook part "${p.part}" holds more than ${n} characters, far more than ` +
          `Excel allows in a cell (${count(32_767, "en")}); the file was not read.`
        );
      case "row":
        return `A row of the workbook part "${p.part}" holds more than ${n} characters of text; the file was not read. Remove the long texts or split the report.`;
      case "cells":
        return `A row of the workbook part "${p.part}" has more than ${n} cells, more than Excel allows; the file was not read.`;
      case "shared_strings":
        return `The texts of the workbook ("${p.part}") hold more than ${n} characters; the file was not read. Split the report into smaller files.`;
      case "part":
        return `The workbook part "${p.part}" holds more than ${n} characters of text, far more than a spreadsheet needs; the file was not read.`;
      default:
        return `The workbook part "${p.part}" holds a tag longer than ${n} characters, which no spreadsheet program writes; the file was not read.`;
    }
  },
};

const es: Texts = {
  ...CLAIM_TEXTS.es,
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
      : p.cause === "declared"
        ? `La parte "${p.part}" del libro se expande a más de los ${count(p.declaredBytes, "es-MX")} bytes ` +
          "que declara su encabezado zip; el archivo parece una bomba zip y no se abrió."
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
  oversized_content: (p) => {
    if (p.what === "dtd") {
      return `La parte "${p.part}" del libro declara un DTD (<!DOCTYPE>), algo que una hoja de cálculo nunca hace; el archivo no se leyó.`;
    }
    const n = count(p.max, "es-MX");
    switch (p.what) {
      case "cell":
        return (
          `Una celda de la parte "${p.part}" del libro contiene más de ${n} caracteres, mucho más ` +
          `de lo que Excel permite en una celda (${count(32_767, "es-MX")}); el archivo no se leyó.`
        );
      case "row":
        return `Una fila de la parte "${p.part}" del libro contiene más de ${n} caracteres de texto; el archivo no se leyó. Quite los textos largos o divida el reporte.`;
      case "cells":
        return `Una fila de la parte "${p.part}" del libro tiene más de ${n} celdas, más de las que Excel permite; el archivo no se leyó.`;
      case "shared_strings":
        return `Los textos del libro ("${p.part}") suman más de ${n} caracteres; el archivo no se leyó. Divida el reporte en archivos más pequeños.`;
      case "part":
        return `La parte "${p.part}" del libro contiene más de ${n} caracteres de texto, mucho más de lo que necesita una hoja de cálculo; el archivo no se leyó.`;
      default:
        return `La parte "${p.part}" del libro contiene una etiqueta de más de ${n} caracteres, algo que ningún programa de hojas de cálculo escribe; el archivo no se leyó.`;
    }
  },
};

const ptBR: Texts = {
  ...CLAIM_TEXTS["pt-BR"],
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
      : p.cause === "declared"
        ? `A parte "${p.part}" da planilha se expande para mais que os ${count(p.declaredBytes, "pt-BR")} bytes ` +
          "declarados no cabeçalho zip; o arquivo parece uma bomba zip e não foi aberto."
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
  oversized_content: (p) => {
    if (p.what === "dtd") {
      return `A parte "${p.part}" da planilha declara um DTD (<!DOCTYPE>), o que planilhas nunca fazem; o arquivo não foi lido.`;
    }
    const n = count(p.max, "pt-BR");
    switch (p.what) {
      case "cell":
        return (
          `Uma célula da parte "${p.part}" da planilha tem mais de ${n} caracteres, muito mais ` +
          `do que o Excel permite em uma célula (${count(32_767, "pt-BR")}); o arquivo não foi lido.`
        );
      case "row":
        return `Uma linha da parte "${p.part}" da planilha tem mais de ${n} caracteres de texto; o arquivo não foi lido. Remova os textos longos ou divida o relatório.`;
      case "cells":
        return `Uma linha da parte "${p.part}" da planilha tem mais de ${n} células, mais do que o Excel permite; o arquivo não foi lido.`;
      case "shared_strings":
        return `Os textos da planilha ("${p.part}") somam mais de ${n} caracteres; o arquivo não foi lido. Divida o relatório em arquivos menores.`;
      case "part":
        return `A parte "${p.part}" da planilha tem mais de ${n} caracteres de texto, muito mais do que uma planilha precisa; o arquivo não foi lido.`;
      default:
        return `A parte "${p.part}" da planilha tem uma tag com mais de ${n} caracteres, o que nenhum programa de planilhas escreve; o arquivo não foi lido.`;
    }
  },
};

export const PIPELINE_TEXTS: LocalizedTexts<PipelineErrorCode> = { en, es, "pt-BR": ptBR };
