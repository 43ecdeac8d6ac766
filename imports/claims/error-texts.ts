// The refusals of member claims' invoice files (SPEC 5.2, 8) and their texts in each language of
// the portal, written from the error's params. Spread into the pipeline's vocabulary
// (imports/errors.ts, imports/error-texts.ts): they are ImportErrors like a report's refusals.

const MIB = 1024 * 1024;

export const CLAIM_ERROR_CODES = [
  "claims_upload_too_large",
  "claims_zip_refused",
  "claims_zip_bomb",
  "zip_entry_refused",
  "invoice_not_xml",
  "invoice_dtd",
  "invoice_malformed",
  "invoice_unsupported",
  "invoice_too_large",
  "invoice_field",
  "invoice_totals",
  "invoice_access_key",
  "nfe_not_normal",
] as const;

export type ClaimErrorCode = (typeof CLAIM_ERROR_CODES)[number];

/** The values each code's message names. `file` is the XML file (or ZIP entry) refused. */
export interface ClaimErrorParams {
  /** The whole upload (one XML or a ZIP) is over the size accepted. */
  claims_upload_too_large: { maxBytes: number; actual: number };
  /** The whole ZIP is refused before any invoice in it is read. */
  claims_zip_refused:
    | { kind: "damaged" }
    | { kind: "no_files" }
    | { kind: "too_many_files"; maxFiles: number; actual: number }
    /** An entry named as a path out of the archive (`../../evil.xml`, `/etc/x`, `C:\x`). */
    | { kind: "unsafe_name"; entry: string };
  /** SPEC 4.6's zip limits, on the ZIP's directory, before anything is inflated. */
  claims_zip_bomb:
    | { cause: "ratio"; part: string; ratio: number; maxRatio: number }
    | { cause: "total"; part: string; maxBytes: number };
  /** One entry of a ZIP cannot be read; the others are. */
  zip_entry_refused:
    | { file: string; cause: "damaged" | "encrypted" | "method" }
    /** It inflates past the size the ZIP declares for it (inflating stopped there). */
    | { file: string; cause: "declared"; declaredBytes: number };
  invoice_not_xml: {
    file: string;
    kind: "empty" | "pdf" | "image" | "zip" | "binary" | "encoding" | "text";
  };
  /** A DTD (`<!DOCTYPE`): entities are never read, expanded or fetched. */
  invoice_dtd: { file: string };
  /** `cutShort`: the XML ends before its elements close. */
  invoice_malformed: { file: string; cutShort: boolean; line: number; column: number };
  invoice_unsupported:
    | { file: string; kind: "root"; root: string }
    | { file: string; kind: "version"; format: "CFDI" | "NF-e"; version: string };
  invoice_too_large:
    { file: string; what: "bytes"; max: number } | { file: string; what: "lines"; max: number };
  /** A field SPEC 5.2 reads, named as in the XML (`Receptor@Rfc`, `ide/dhEmi`). */
  invoice_field:
    | { file: string; field: string; problem: "missing" }
    | { file: string; field: string; problem: "invalid"; value: string }
    | { file: string; field: string; problem: "too_long"; max: number };
  /** The invoice's net and its lines' nets disagree (amounts as decimal text, with currency). */
  invoice_totals: { file: string; currency: string; total: string; lines: string };
  invoice_access_key:
    | { file: string; problem: "format"; key: string }
    | { file: string; problem: "check_digit"; key: string }
    /** The key says otherwise than the field (`ide/nNF`, `ide/serie`, `emit/CNPJ`, `protNFe`). */
    | { file: string; problem: "mismatch"; key: string; field: string };
  /** NF-e `finNFe` other than 1 (normal): 2 complementary, 3 adjustment, 4 return. */
  nfe_not_normal: { file: string; finNFe: string };
}

type Texts = { readonly [C in ClaimErrorCode]: (p: ClaimErrorParams[C]) => string };

// Tolerant of missing params: a text is never the reason a refusal cannot be told.
const count = (n: number, locale: string) => (n ?? 0).toLocaleString(locale);
const mb = (bytes: number, locale: string) =>
  (Math.round(((bytes ?? 0) / MIB) * 10) / 10).toLocaleString(locale);
/** A value quoted in a message, cut so that a hostile one cannot flood it. */
const shown = (value: string) => {
  const text = String(value ?? "");
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

const PURPOSE: Record<"en" | "es" | "pt-BR", Record<string, string>> = {
  en: { "2": "a complementary note", "3": "an adjustment note", "4": "a return (devolução)" },
  es: { "2": "una nota complementaria", "3": "una nota de ajuste", "4": "una devolución" },
  "pt-BR": { "2": "uma nota complementar", "3": "uma nota de ajuste", "4": "uma devolução" },
};

const en: Texts = {
  claims_upload_too_large: ({ maxBytes, actual }) =>
    `The file is ${mb(actual, "en")} MB, over the ${mb(maxBytes, "en")} MB limit. ` +
    "Split the invoices into several ZIP files.",
  claims_zip_refused: (p) => {
    switch (p.kind) {
      case "damaged":
        return "The ZIP file is damaged or incomplete (its directory cannot be read). Download it again and upload it again.";
      case "no_files":
        return "The ZIP file holds no files. Put the invoices' XML files in it.";
      case "too_many_files":
        return `The ZIP file holds ${count(p.actual, "en")} files; at most ${count(p.maxFiles, "en")} are read in one upload. Split it into smaller ZIP files.`;
      default:
        return `The ZIP file holds an entry named "${shown(p.entry)}", a path out of the archive, which only attacks use; nothing of it was read.`;
    }
  },
  claims_zip_bomb: (p) =>
    p.cause === "ratio"
      ? `The file "${shown(p.part)}" in the ZIP would expand ${Number.isFinite(p.ratio) ? count(Math.round(p.ratio), "en") : "without limit"} ` +
        `times (the limit is ${p.maxRatio}); the ZIP looks like a zip bomb and was not opened.`
      : `The files in the ZIP expand to more than ${mb(p.maxBytes, "en")} MB (reached at "${shown(p.part)}"); ` +
        "the ZIP looks like a zip bomb and was not opened.",
  zip_entry_refused: (p) => {
    switch (p.cause) {
      case "declared":
        return `"${shown(p.file)}" inflates to more than the ${count(p.declaredBytes, "en")} bytes the ZIP declares for it; it looks like a zip bomb and was not read.`;
      case "encrypted":
        return `"${shown(p.file)}" is encrypted in the ZIP; upload the XML without a password.`;
      case "method":
        return `"${shown(p.file)}" is compressed in a way we do not read; make the ZIP again with ordinary compression.`;
      default:
        return `"${shown(p.file)}" is damaged in the ZIP and could not be read.`;
    }
  },
  invoice_not_xml: ({ file, kind }) => {
    const name = `"${shown(file)}"`;
    switch (kind) {
      case "empty":
        return `${name} is empty.`;
      case "pdf":
        return `${name} is a PDF, not the invoice's XML. Upload the XML file the supplier sent (the PDF is only its printed form), or type the claim and attach the PDF as proof.`;
      case "image":
        return `${name} is an image, not the invoice's XML. Upload the XML file, or type the claim and attach the image as proof.`;
      case "zip":
        return `${name} is a ZIP inside the ZIP; it was not opened. Upload it on its own.`;
      case "encoding":
        return `${name} is not in a text encoding an invoice uses (UTF-8); it could not be read.`;
      case "binary":
        return `${name} is not an XML file; it could not be read as an invoice.`;
      default:
        return `${name} is text but not XML; it could not be read as an invoice.`;
    }
  },
  invoice_dtd: ({ file }) =>
    `"${shown(file)}" declares a DTD (<!DOCTYPE>), which electronic invoices never do and which can be used to read or flood the server; it was refused unread.`,
  invoice_malformed: ({ file, cutShort, line, column }) =>
    cutShort
      ? `The XML of "${shown(file)}" is cut short: it ends before its elements close (line ${line}). Download the invoice again.`
      : line === 0
        ? `The XML of "${shown(file)}" could not be read.`
        : `The XML of "${shown(file)}" is malformed at line ${line}, column ${column}; it could not be read.`,
  invoice_unsupported: (p) =>
    p.kind === "root"
      ? `"${shown(p.file)}" is XML but not a CFDI or an NF-e (its root element is "${shown(p.root)}").`
      : `"${shown(p.file)}" is ${p.format === "NF-e" ? "an" : "a"} ${p.format} of version ${shown(p.version)}; we read CFDI 3.3 and 4.0 and NF-e 4.00.`,
  invoice_too_large: (p) =>
    p.what === "bytes"
      ? `"${shown(p.file)}" is larger than ${mb(p.max, "en")} MB, far more than an invoice; it was not read.`
      : `"${shown(p.file)}" has more than ${count(p.max, "en")} lines; split the claim.`,
  invoice_field: (p) => {
    const at = `"${shown(p.file)}"`;
    if (p.problem === "missing")
      return `${at} has no ${p.field}; the invoice cannot be claimed without it.`;
    if (p.problem === "too_long")
      return `${at}: ${p.field} is longer than ${count(p.max, "en")} characters.`;
    return `${at}: ${p.field} "${shown(p.value)}" is not a valid value.`;
  },
  invoice_totals: ({ file, currency, total, lines }) =>
    `"${shown(file)}": the invoice's net amount (${currency} ${total}) is not the sum of its lines (${currency} ${lines}).`,
  invoice_access_key: (p) => {
    const at = `"${shown(p.file)}"`;
    if (p.problem === "format") return `${at}: the access key "${shown(p.key)}" is not 44 digits.`;
    if (p.problem === "check_digit")
      return `${at}: the access key ${p.key} has a wrong check digit; the NF-e is not genuine or was altered.`;
    return `${at}: the access key ${p.key} does not agree with ${p.field}; the NF-e was altered.`;
  },
  nfe_not_normal: ({ file, finNFe }) =>
    `"${shown(file)}" is ${PURPOSE.en[finNFe] ?? `an NF-e of purpose ${shown(finNFe)}`}, not a normal sale (finNFe 1); only normal NF-e can be claimed.`,
};

const es: Texts = {
  claims_upload_too_large: ({ maxBytes, actual }) =>
    `El archivo pesa ${mb(actual, "es-MX")} MB y supera el límite de ${mb(maxBytes, "es-MX")} MB. ` +
    "Divida las facturas en varios archivos ZIP.",
  claims_zip_refused: (p) => {
    switch (p.kind) {
      case "damaged":
        return "El archivo ZIP está dañado o incompleto (no se puede leer su directorio). Descárguelo de nuevo y vuelva a subirlo.";
      case "no_files":
        return "El archivo ZIP no contiene archivos. Ponga en él los XML de las facturas.";
      case "too_many_files":
        return `El archivo ZIP contiene ${count(p.actual, "es-MX")} archivos; se leen como máximo ${count(p.maxFiles, "es-MX")} por carga. Divídalo en archivos ZIP más pequeños.`;
      default:
        return `El archivo ZIP contiene una entrada llamada "${shown(p.entry)}", una ruta fuera del archivo que solo usan los ataques; no se leyó nada de él.`;
    }
  },
  claims_zip_bomb: (p) =>
    p.cause === "ratio"
      ? `El archivo "${shown(p.part)}" del ZIP se expandiría ` +
        (Number.isFinite(p.ratio) ? `${count(Math.round(p.ratio), "es-MX")} veces` : "sin límite") +
        ` (el límite es ${p.maxRatio}); el ZIP parece una bomba zip y no se abrió.`
      : `Los archivos del ZIP se expanden a más de ${mb(p.maxBytes, "es-MX")} MB (límite alcanzado en "${shown(p.part)}"); ` +
        "el ZIP parece una bomba zip y no se abrió.",
  zip_entry_refused: (p) => {
    switch (p.cause) {
      case "declared":
        return `"${shown(p.file)}" se expande a más de los ${count(p.declaredBytes, "es-MX")} bytes que el ZIP declara; parece una bomba zip y no se leyó.`;
      case "encrypted":
        return `"${shown(p.file)}" está cifrado en el ZIP; suba el XML sin contraseña.`;
      case "method":
        return `"${shown(p.file)}" está comprimido de una forma que no leemos; vuelva a crear el ZIP con la compresión habitual.`;
      default:
        return `"${shown(p.file)}" está dañado dentro del ZIP y no se pudo leer.`;
    }
  },
  invoice_not_xml: ({ file, kind }) => {
    const name = `"${shown(file)}"`;
    switch (kind) {
      case "empty":
        return `${name} está vacío.`;
      case "pdf":
        return `${name} es un PDF, no el XML de la factura. Suba el archivo XML que le envió el proveedor (el PDF es solo su representación impresa), o capture el reclamo y adjunte el PDF como comprobante.`;
      case "image":
        return `${name} es una imagen, no el XML de la factura. Suba el archivo XML, o capture el reclamo y adjunte la imagen como comprobante.`;
      case "zip":
        return `${name} es un ZIP dentro del ZIP; no se abrió. Súbalo por separado.`;
      case "encoding":
        return `${name} no está en una codificación de texto de factura (UTF-8); no se pudo leer.`;
      case "binary":
        return `${name} no es un archivo XML; no se pudo leer como factura.`;
      default:
        return `${name} es texto pero no XML; no se pudo leer como factura.`;
    }
  },
  invoice_dtd: ({ file }) =>
    `"${shown(file)}" declara un DTD (<!DOCTYPE>), algo que las facturas electrónicas nunca hacen y que sirve para leer o saturar el servidor; se rechazó sin leerlo.`,
  invoice_malformed: ({ file, cutShort, line, column }) =>
    cutShort
      ? `El XML de "${shown(file)}" está incompleto: termina antes de cerrar sus elementos (línea ${line}). Descargue la factura de nuevo.`
      : line === 0
        ? `No se pudo leer el XML de "${shown(file)}".`
        : `El XML de "${shown(file)}" está mal formado en la línea ${line}, columna ${column}; no se pudo leer.`,
  invoice_unsupported: (p) =>
    p.kind === "root"
      ? `"${shown(p.file)}" es XML pero no es un CFDI ni una NF-e (su elemento raíz es "${shown(p.root)}").`
      : `"${shown(p.file)}" es un ${p.format} de versión ${shown(p.version)}; leemos CFDI 3.3 y 4.0 y NF-e 4.00.`,
  invoice_too_large: (p) =>
    p.what === "bytes"
      ? `"${shown(p.file)}" pesa más de ${mb(p.max, "es-MX")} MB, mucho más que una factura; no se leyó.`
      : `"${shown(p.file)}" tiene más de ${count(p.max, "es-MX")} conceptos; divida el reclamo.`,
  invoice_field: (p) => {
    const at = `"${shown(p.file)}"`;
    if (p.problem === "missing")
      return `${at} no tiene ${p.field}; sin ese dato la factura no se puede reclamar.`;
    if (p.problem === "too_long")
      return `${at}: ${p.field} tiene más de ${count(p.max, "es-MX")} caracteres.`;
    return `${at}: ${p.field} "${shown(p.value)}" no es un valor válido.`;
  },
  invoice_totals: ({ file, currency, total, lines }) =>
    `"${shown(file)}": el importe neto de la factura (${currency} ${total}) no es la suma de sus conceptos (${currency} ${lines}).`,
  invoice_access_key: (p) => {
    const at = `"${shown(p.file)}"`;
    if (p.problem === "format")
      return `${at}: la clave de acceso "${shown(p.key)}" no tiene 44 dígitos.`;
    if (p.problem === "check_digit")
      return `${at}: la clave de acceso ${p.key} tiene un dígito verificador incorrecto; la NF-e no es auténtica o fue alterada.`;
    return `${at}: la clave de acceso ${p.key} no coincide con ${p.field}; la NF-e fue alterada.`;
  },
  nfe_not_normal: ({ file, finNFe }) =>
    `"${shown(file)}" es ${PURPOSE.es[finNFe] ?? `una NF-e de finalidad ${shown(finNFe)}`}, no una venta normal (finNFe 1); solo se pueden reclamar NF-e normales.`,
};

const ptBR: Texts = {
  claims_upload_too_large: ({ maxBytes, actual }) =>
    `O arquivo tem ${mb(actual, "pt-BR")} MB e passa do limite de ${mb(maxBytes, "pt-BR")} MB. ` +
    "Divida as notas em vários arquivos ZIP.",
  claims_zip_refused: (p) => {
    switch (p.kind) {
      case "damaged":
        return "O arquivo ZIP está danificado ou incompleto (não é possível ler o diretório dele). Baixe-o de novo e envie-o outra vez.";
      case "no_files":
        return "O arquivo ZIP não contém arquivos. Coloque nele os XML das notas.";
      case "too_many_files":
        return `O arquivo ZIP contém ${count(p.actual, "pt-BR")} arquivos; são lidos no máximo ${count(p.maxFiles, "pt-BR")} por envio. Divida-o em arquivos ZIP menores.`;
      default:
        return `O arquivo ZIP contém uma entrada chamada "${shown(p.entry)}", um caminho para fora do arquivo que só ataques usam; nada dele foi lido.`;
    }
  },
  claims_zip_bomb: (p) =>
    p.cause === "ratio"
      ? `O arquivo "${shown(p.part)}" do ZIP se expandiria ` +
        (Number.isFinite(p.ratio) ? `${count(Math.round(p.ratio), "pt-BR")} vezes` : "sem limite") +
        ` (o limite é ${p.maxRatio}); o ZIP parece uma bomba zip e não foi aberto.`
      : `Os arquivos do ZIP se expandem para mais de ${mb(p.maxBytes, "pt-BR")} MB (limite atingido em "${shown(p.part)}"); ` +
        "o ZIP parece uma bomba zip e não foi aberto.",
  zip_entry_refused: (p) => {
    switch (p.cause) {
      case "declared":
        return `"${shown(p.file)}" se expande para mais que os ${count(p.declaredBytes, "pt-BR")} bytes declarados no ZIP; parece uma bomba zip e não foi lido.`;
      case "encrypted":
        return `"${shown(p.file)}" está criptografado no ZIP; envie o XML sem senha.`;
      case "method":
        return `"${shown(p.file)}" está compactado de um jeito que não lemos; crie o ZIP de novo com a compactação comum.`;
      default:
        return `"${shown(p.file)}" está danificado dentro do ZIP e não pôde ser lido.`;
    }
  },
  invoice_not_xml: ({ file, kind }) => {
    const name = `"${shown(file)}"`;
    switch (kind) {
      case "empty":
        return `${name} está vazio.`;
      case "pdf":
        return `${name} é um PDF, não o XML da nota. Envie o arquivo XML que o fornecedor mandou (o PDF é só o DANFE impresso), ou digite a reclamação e anexe o PDF como comprovante.`;
      case "image":
        return `${name} é uma imagem, não o XML da nota. Envie o arquivo XML, ou digite a reclamação e anexe a imagem como comprovante.`;
      case "zip":
        return `${name} é um ZIP dentro do ZIP; não foi aberto. Envie-o separadamente.`;
      case "encoding":
        return `${name} não está numa codificação de texto de nota fiscal (UTF-8); não pôde ser lido.`;
      case "binary":
        return `${name} não é um arquivo XML; não pôde ser lido como nota.`;
      default:
        return `${name} é texto mas não XML; não pôde ser lido como nota.`;
    }
  },
  invoice_dtd: ({ file }) =>
    `"${shown(file)}" declara um DTD (<!DOCTYPE>), o que notas eletrônicas nunca fazem e que serve para ler ou sobrecarregar o servidor; foi recusado sem ser lido.`,
  invoice_malformed: ({ file, cutShort, line, column }) =>
    cutShort
      ? `O XML de "${shown(file)}" está incompleto: termina antes de fechar seus elementos (linha ${line}). Baixe a nota de novo.`
      : line === 0
        ? `Não foi possível ler o XML de "${shown(file)}".`
        : `O XML de "${shown(file)}" está malformado na linha ${line}, coluna ${column}; não pôde ser lido.`,
  invoice_unsupported: (p) =>
    p.kind === "root"
      ? `"${shown(p.file)}" é XML mas não é um CFDI nem uma NF-e (o elemento raiz é "${shown(p.root)}").`
      : `"${shown(p.file)}" é um ${p.format} da versão ${shown(p.version)}; lemos CFDI 3.3 e 4.0 e NF-e 4.00.`,
  invoice_too_large: (p) =>
    p.what === "bytes"
      ? `"${shown(p.file)}" tem mais de ${mb(p.max, "pt-BR")} MB, muito mais que uma nota; não foi lido.`
      : `"${shown(p.file)}" tem mais de ${count(p.max, "pt-BR")} itens; divida a reclamação.`,
  invoice_field: (p) => {
    const at = `"${shown(p.file)}"`;
    if (p.problem === "missing")
      return `${at} não tem ${p.field}; sem esse dado a nota não pode ser reclamada.`;
    if (p.problem === "too_long")
      return `${at}: ${p.field} tem mais de ${count(p.max, "pt-BR")} caracteres.`;
    return `${at}: ${p.field} "${shown(p.value)}" não é um valor válido.`;
  },
  invoice_totals: ({ file, currency, total, lines }) =>
    `"${shown(file)}": o valor líquido da nota (${currency} ${total}) não é a soma dos itens (${currency} ${lines}).`,
  invoice_access_key: (p) => {
    const at = `"${shown(p.file)}"`;
    if (p.problem === "format")
      return `${at}: a chave de acesso "${shown(p.key)}" não tem 44 dígitos.`;
    if (p.problem === "check_digit")
      return `${at}: a chave de acesso ${p.key} tem o dígito verificador errado; a NF-e não é autêntica ou foi alterada.`;
    return `${at}: a chave de acesso ${p.key} não confere com ${p.field}; a NF-e foi alterada.`;
  },
  nfe_not_normal: ({ file, finNFe }) =>
    `"${shown(file)}" é ${PURPOSE["pt-BR"][finNFe] ?? `uma NF-e de finalidade ${shown(finNFe)}`}, não uma venda normal (finNFe 1); só NF-e normais podem ser reclamadas.`,
};

export const CLAIM_TEXTS = { en, es, "pt-BR": ptBR } as const;
