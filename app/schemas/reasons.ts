// Why an input is refused, in every language of the portal. Schemas (and server code) name a
// reason by its key, with the values it names as params; the edge writes the text in the
// reader's locale. The en text is the API's historical English, kept word for word.
import type { z } from "zod";
import type { Locale } from "~/i18n/locale";

export type ReasonParams = Record<string, unknown>;
type Text = (p: ReasonParams) => string;
type ReasonTexts = { readonly [L in Locale]: Text };

const catalog = {
  // ── Field reasons of the schemas (app/schemas) ──
  required: {
    en: () => "is required",
    es: () => "es obligatorio",
    "pt-BR": () => "é obrigatório",
  },
  date_format: {
    en: () => "must be a date written YYYY-MM-DD",
    es: () => "debe ser una fecha escrita AAAA-MM-DD",
    "pt-BR": () => "deve ser uma data escrita AAAA-MM-DD",
  },
  date_not_real: {
    en: () => "is not a real date",
    es: () => "no es una fecha que exista",
    "pt-BR": () => "não é uma data que exista",
  },
  month_format: {
    en: () => "must be a month written YYYY-MM",
    es: () => "debe ser un mes escrito AAAA-MM",
    "pt-BR": () => "deve ser um mês escrito AAAA-MM",
  },
  currency_unknown: {
    en: () => "is not a known currency code",
    es: () => "no es un código de moneda conocido",
    "pt-BR": () => "não é um código de moeda conhecido",
  },
  country_format: {
    en: () => "must be a two-letter country code",
    es: () => "debe ser un código de país de dos letras",
    "pt-BR": () => "deve ser um código de país de duas letras",
  },
  left_before_joined: {
    en: () => "must be after the joining date",
    es: () => "debe ser posterior a la fecha de ingreso",
    "pt-BR": () => "deve ser posterior à data de entrada",
  },
  email_invalid: {
    en: () => "is not an e-mail address",
    es: () => "no es una dirección de correo electrónico",
    "pt-BR": () => "não é um endereço de e-mail",
  },
  /** min: the least number of characters (from the issue's minimum). */
  password_too_short: {
    en: (p) => `must have at least ${p.min} characters`,
    es: (p) => `debe tener al menos ${p.min} caracteres`,
    "pt-BR": (p) => `deve ter pelo menos ${p.min} caracteres`,
  },
  supplier_user_needs_supplier: {
    en: () => "is required for a supplier user",
    es: () => "es obligatorio para un usuario de proveedor",
    "pt-BR": () => "é obrigatório para um usuário de fornecedor",
  },
  member_user_needs_member: {
    en: () => "is required for a member user",
    es: () => "es obligatorio para un usuario de miembro",
    "pt-BR": () => "é obrigatório para um usuário de membro",
  },
  tiers_none: {
    en: () => "needs at least one tier",
    es: () => "necesita al menos una escala",
    "pt-BR": () => "precisa de pelo menos uma faixa",
  },
  /** text: the line as typed. */
  tier_line_format: {
    en: (p) => `must be a threshold and a rate separated by ";", not "${p.text}"`,
    es: (p) => `debe ser un umbral y una tasa separados por ";", no "${p.text}"`,
    "pt-BR": (p) => `deve ser um limite e uma taxa separados por ";", não "${p.text}"`,
  },
  end_before_start: {
    en: () => "must be after the start date",
    es: () => "debe ser posterior a la fecha de inicio",
    "pt-BR": () => "deve ser posterior à data de início",
  },
  currency_same: {
    en: () => "must differ from the source currency",
    es: () => "debe ser distinta de la moneda de origen",
    "pt-BR": () => "deve ser diferente da moeda de origem",
  },
  fx_rates_not_list: {
    en: () => "must be a list of FX rates",
    es: () => "debe ser una lista de tipos de cambio",
    "pt-BR": () => "deve ser uma lista de taxas de câmbio",
  },
  fx_rates_none: {
    en: () => "needs at least one FX rate",
    es: () => "necesita al menos un tipo de cambio",
    "pt-BR": () => "precisa de pelo menos uma taxa de câmbio",
  },
  /** rate: the 1-based position of the earlier rate. */
  fx_rate_repeated: {
    en: (p) => `repeats the month and currencies of rate ${p.rate}`,
    es: (p) => `repite el mes y las monedas del tipo de cambio ${p.rate}`,
    "pt-BR": (p) => `repete o mês e as moedas da taxa ${p.rate}`,
  },
  minor_units_whole: {
    en: () => "must be a whole number of minor units",
    es: () => "debe ser un número entero de unidades menores (centavos)",
    "pt-BR": () => "deve ser um número inteiro de unidades menores (centavos)",
  },
  /** member: the 1-based position of the earlier member in the list. */
  tax_id_repeated: {
    en: (p) => `repeats the tax id of member ${p.member}`,
    es: (p) => `repite la identificación fiscal del miembro ${p.member}`,
    "pt-BR": (p) => `repete o documento fiscal do membro ${p.member}`,
  },

  // ── Sane ranges and tax ids (app/schemas/ranges.ts, tax-ids.ts; decision 042) ──
  /** min, max: the first and last day accepted, YYYY-MM-DD. */
  date_out_of_range: {
    en: (p) => `must be a date from ${p.min} to ${p.max}`,
    es: (p) => `debe ser una fecha del ${p.min} al ${p.max}`,
    "pt-BR": (p) => `deve ser uma data de ${p.min} a ${p.max}`,
  },
  /** min, max: the first and last month accepted, YYYY-MM. */
  month_out_of_range: {
    en: (p) => `must be a month from ${p.min} to ${p.max}`,
    es: (p) => `debe ser un mes de ${p.min} a ${p.max}`,
    "pt-BR": (p) => `deve ser um mês de ${p.min} a ${p.max}`,
  },
  /** max: the most tiers a schedule may have. */
  tiers_too_many: {
    en: (p) => `may have at most ${p.max} tiers`,
    es: (p) => `puede tener como máximo ${p.max} escalas`,
    "pt-BR": (p) => `pode ter no máximo ${p.max} faixas`,
  },
  /** max: the most digits before the decimal point. */
  fx_rate_too_large: {
    en: (p) => `must have at most ${p.max} digits before the decimal point and 8 after it`,
    es: (p) => `debe tener como máximo ${p.max} dígitos antes del punto decimal y 8 después`,
    "pt-BR": (p) => `deve ter no máximo ${p.max} dígitos antes do ponto decimal e 8 depois`,
  },
  /** max: the largest amount in minor units (from the issue's maximum). */
  amount_too_large: {
    en: (p) => `must be at most ${p.max} minor units (cents)`,
    es: (p) => `debe ser como máximo ${p.max} unidades menores (centavos)`,
    "pt-BR": (p) => `deve ser no máximo ${p.max} unidades menores (centavos)`,
  },
  /** max: the most items the list may have (from the issue's maximum). */
  too_many_items: {
    en: (p) => `may have at most ${p.max} items`,
    es: (p) => `puede tener como máximo ${p.max} elementos`,
    "pt-BR": (p) => `pode ter no máximo ${p.max} itens`,
  },
  tax_id_empty: {
    en: () => "must have letters or digits",
    es: () => "debe tener letras o dígitos",
    "pt-BR": () => "deve ter letras ou dígitos",
  },
  /** text: the invisible characters found, as code points ("U+200B"). */
  tax_id_invisible: {
    en: (p) => `has invisible characters (${p.text}); type it again without them`,
    es: (p) => `tiene caracteres invisibles (${p.text}); escríbela de nuevo sin ellos`,
    "pt-BR": (p) => `tem caracteres invisíveis (${p.text}); digite-o de novo sem eles`,
  },
  /** text: the characters at fault, as shown and as code points ('"Х" (U+0425)'). */
  tax_id_characters: {
    en: (p) =>
      `may have only letters A–Z and digits 0–9 (spaces, dots, hyphens and slashes between them are dropped), not ${p.text}`,
    es: (p) =>
      `solo puede tener letras A–Z y dígitos 0–9 (los espacios, puntos, guiones y barras entre ellos se quitan), no ${p.text}`,
    "pt-BR": (p) =>
      `só pode ter letras A–Z e dígitos 0–9 (espaços, pontos, hífens e barras entre eles são removidos), não ${p.text}`,
  },

  // ── Program components (SPEC 3.7): the engine's componentProblems, told at the field ──
  basis_unknown: {
    en: () => 'must be "volume" or "growth"',
    es: () => 'debe ser "volume" o "growth"',
    "pt-BR": () => 'deve ser "volume" ou "growth"',
  },
  growth_not_incremental: {
    en: () => "cannot be incremental: a growth program is paid all-units",
    es: () =>
      "no puede ser incremental: un programa de crecimiento se paga sobre todas las unidades",
    "pt-BR": () =>
      "não pode ser incremental: um programa de crescimento é pago sobre todas as unidades",
  },
  growth_basis_only: {
    en: () => "applies only to a program with a growth basis",
    es: () => "solo aplica a un programa con base de crecimiento",
    "pt-BR": () => "só se aplica a um programa com base de crescimento",
  },
  first_threshold_zero: {
    en: () => "must be 0 for the first tier",
    es: () => "debe ser 0 en la primera escala",
    "pt-BR": () => "deve ser 0 na primeira faixa",
  },
  threshold_not_rising: {
    en: () => "must be above the previous tier's threshold",
    es: () => "debe ser mayor que el umbral de la escala anterior",
    "pt-BR": () => "deve ser maior que o limite da faixa anterior",
  },
  rate_falling: {
    en: () => "must not be below the previous tier's rate",
    es: () => "no puede ser menor que la tasa de la escala anterior",
    "pt-BR": () => "não pode ser menor que a taxa da faixa anterior",
  },
  bps_whole: {
    en: () => "must be a whole number of basis points, 0 or more",
    es: () => "debe ser un número entero de puntos base, 0 o mayor",
    "pt-BR": () => "deve ser um número inteiro de pontos-base, 0 ou mais",
  },
  rate_bps_range: {
    en: () => "must be a whole number of basis points from 0 to 10000",
    es: () => "debe ser un número entero de puntos base de 0 a 10000",
    "pt-BR": () => "deve ser um número inteiro de pontos-base de 0 a 10000",
  },
  minor_units_not_negative: {
    en: () => "must be a whole number of minor units, 0 or more",
    es: () => "debe ser un número entero de unidades menores (centavos), 0 o mayor",
    "pt-BR": () => "deve ser um número inteiro de unidades menores (centavos), 0 ou mais",
  },
  minimum_above_refund_cap: {
    en: () => "cannot be above the refund cap",
    es: () => "no puede superar el tope de reembolso",
    "pt-BR": () => "não pode ser maior que o teto de reembolso",
  },
  month_repeated: {
    en: () => "is given more than once",
    es: () => "aparece más de una vez",
    "pt-BR": () => "aparece mais de uma vez",
  },
  component_name_taken: {
    en: () => 'is already the name of another component ("tier" is the tier component\'s)',
    es: () => 'ya es el nombre de otro componente ("tier" es el del componente de escalas)',
    "pt-BR": () => 'já é o nome de outro componente ("tier" é o do componente de faixas)',
  },
  bonus_pays_both: {
    en: () => "pays either a rate (rateBps) or an amount per unit (perUnitMinor), not both",
    es: () => "paga una tasa (rateBps) o un monto por unidad (perUnitMinor), no ambos",
    "pt-BR": () => "paga uma taxa (rateBps) ou um valor por unidade (perUnitMinor), não ambos",
  },
  bonus_pays_nothing: {
    en: () => "needs a rate (rateBps) or an amount per unit (perUnitMinor)",
    es: () => "necesita una tasa (rateBps) o un monto por unidad (perUnitMinor)",
    "pt-BR": () => "precisa de uma taxa (rateBps) ou um valor por unidade (perUnitMinor)",
  },
  blank_entry: {
    en: () => "has a blank entry",
    es: () => "tiene una entrada vacía",
    "pt-BR": () => "tem uma entrada vazia",
  },
  end_before_window_start: {
    en: () => "must not be before the start date",
    es: () => "no puede ser anterior a la fecha de inicio",
    "pt-BR": () => "não pode ser anterior à data de início",
  },

  // ── Refusals written by server code outside the schemas ──
  customer_key_empty: {
    en: () => "The customer key is empty.",
    es: () => "La clave del cliente está vacía.",
    "pt-BR": () => "A chave do cliente está vazia.",
  },
  member_import_not_xlsx: {
    en: () => "Member import takes an XLSX workbook (Excel 2007 or later).",
    es: () => "La importación de miembros requiere un libro XLSX (Excel 2007 o posterior).",
    "pt-BR": () =>
      "A importação de membros requer uma pasta de trabalho XLSX (Excel 2007 ou posterior).",
  },
  /** id: the supplier id given. */
  supplier_unknown: {
    en: (p) => `there is no supplier ${p.id}.`,
    es: (p) => `no existe el proveedor ${p.id}.`,
    "pt-BR": (p) => `não existe o fornecedor ${p.id}.`,
  },
  supplier_missing: {
    en: () => "That supplier does not exist.",
    es: () => "Ese proveedor no existe.",
    "pt-BR": () => "Esse fornecedor não existe.",
  },
  member_missing: {
    en: () => "That member does not exist.",
    es: () => "Ese miembro no existe.",
    "pt-BR": () => "Esse membro não existe.",
  },
  header_row_missing: {
    en: () => "Pick the row that holds the column names.",
    es: () => "Elige la fila que tiene los nombres de las columnas.",
    "pt-BR": () => "Escolha a linha que contém os nomes das colunas.",
  },
  own_admin_role: {
    en: () => "You cannot take away your own admin role.",
    es: () => "No puedes quitarte tu propio rol de administrador.",
    "pt-BR": () => "Você não pode retirar seu próprio papel de administrador.",
  },
  own_account_disable: {
    en: () => "You cannot disable your own account.",
    es: () => "No puedes desactivar tu propia cuenta.",
    "pt-BR": () => "Você não pode desativar sua própria conta.",
  },
  supplier_id_required: {
    en: () => 'Say which supplier the report is for in "supplierId".',
    es: () => 'Indica en "supplierId" de qué proveedor es el reporte.',
    "pt-BR": () => 'Informe em "supplierId" de qual fornecedor é o relatório.',
  },
  resend_needs_rejected: {
    en: () => "Only a rejected report can be sent again.",
    es: () => "Solo se puede volver a enviar un reporte rechazado.",
    "pt-BR": () => "Só um relatório recusado pode ser enviado de novo.",
  },
  not_multipart: {
    en: () => 'Send the file as multipart/form-data in a field named "file".',
    es: () => 'Envía el archivo como multipart/form-data en un campo llamado "file".',
    "pt-BR": () => 'Envie o arquivo como multipart/form-data em um campo chamado "file".',
  },
  upload_unreadable: {
    en: () => "The upload could not be read; please send it again.",
    es: () => "No se pudo leer el archivo enviado; envíalo de nuevo, por favor.",
    "pt-BR": () => "Não foi possível ler o envio; envie-o de novo, por favor.",
  },
  file_field_missing: {
    en: () => 'Attach the file in a field named "file".',
    es: () => 'Adjunta el archivo en un campo llamado "file".',
    "pt-BR": () => 'Anexe o arquivo em um campo chamado "file".',
  },
  attach_file: {
    en: () => "Attach the file.",
    es: () => "Adjunta el archivo.",
    "pt-BR": () => "Anexe o arquivo.",
  },
  /** part: the part's name as sent; expected: the parts this upload takes, e.g. "file, period". */
  upload_part_unknown: {
    en: (p) =>
      `The upload has a part named "${p.part}", which is not taken here (only ${p.expected}).`,
    es: (p) =>
      `El envío trae una parte llamada "${p.part}", que aquí no se acepta (solo ${p.expected}).`,
    "pt-BR": (p) =>
      `O envio traz uma parte chamada "${p.part}", que não é aceita aqui (só ${p.expected}).`,
  },
  /** part: the name sent twice ("file" when a second file is attached). */
  upload_part_repeated: {
    en: (p) => `The upload has more than one part named "${p.part}"; send one only.`,
    es: (p) => `El envío trae más de una parte llamada "${p.part}"; envía solo una.`,
    "pt-BR": (p) => `O envio traz mais de uma parte chamada "${p.part}"; envie só uma.`,
  },
  /** part: the field's name; max: its cap in bytes. */
  upload_field_too_long: {
    en: (p) => `The field "${p.part}" of the upload is longer than ${p.max} bytes.`,
    es: (p) => `El campo "${p.part}" del envío pasa de ${p.max} bytes.`,
    "pt-BR": (p) => `O campo "${p.part}" do envio passa de ${p.max} bytes.`,
  },
  members_list_empty: {
    en: () => "The list of members is empty.",
    es: () => "La lista de miembros está vacía.",
    "pt-BR": () => "A lista de membros está vazia.",
  },
  unknown_action: {
    en: () => "Unknown action.",
    es: () => "Acción desconocida.",
    "pt-BR": () => "Ação desconhecida.",
  },
  not_an_amount: {
    en: () => "is not an amount",
    es: () => "no es un importe",
    "pt-BR": () => "não é um valor",
  },
  /** The same texts as account.wrongPassword in app/i18n. */
  wrong_password: {
    en: () => "The current password is wrong.",
    es: () => "La contraseña actual es incorrecta.",
    "pt-BR": () => "A senha atual está incorreta.",
  },
  /** program: its name; currency: the one it is paid in; given: the currency sent. */
  program_paid_in: {
    en: (p) => `the program ${p.program} is paid in ${p.currency}, not ${p.given}.`,
    es: (p) => `el programa ${p.program} se paga en ${p.currency}, no en ${p.given}.`,
    "pt-BR": (p) => `o programa ${p.program} é pago em ${p.currency}, não em ${p.given}.`,
  },
  /** currency: the one expected (the field detail beside program_paid_in). */
  must_be_currency: {
    en: (p) => `must be ${p.currency}`,
    es: (p) => `debe ser ${p.currency}`,
    "pt-BR": (p) => `deve ser ${p.currency}`,
  },

  // ── Field details that server code sends today beside those refusals ──
  supplier_not_known: {
    en: () => "is not a known supplier",
    es: () => "no es un proveedor conocido",
    "pt-BR": () => "não é um fornecedor conhecido",
  },
  does_not_exist: {
    en: () => "does not exist",
    es: () => "no existe",
    "pt-BR": () => "não existe",
  },
  name_taken: {
    en: () => "is already taken",
    es: () => "ya está en uso",
    "pt-BR": () => "já está em uso",
  },
  /** A bank account that its country's check digits refuse (app/banking). */
  bank_account_invalid: {
    en: (p) => `is not valid${p.kind ? `: ${p.kind} expected` : ""}; check its digits`,
    es: (p) => `no es válido${p.kind ? `: se espera ${p.kind}` : ""}; revisa sus dígitos`,
    "pt-BR": (p) => `não é válido${p.kind ? `: espera-se ${p.kind}` : ""}; confira os dígitos`,
  },
  tax_id_taken: {
    en: () => "already belongs to another member",
    es: () => "ya pertenece a otro miembro",
    "pt-BR": () => "já pertence a outro membro",
  },

  // ── Zod messages of app/http/report-upload.server.ts (the report's period) ──
  period_required: {
    en: () => 'Say which month the report covers in "period", as YYYY-MM.',
    es: () => 'Indica en "period" qué mes cubre el reporte, como AAAA-MM.',
    "pt-BR": () => 'Informe em "period" qual mês o relatório cobre, como AAAA-MM.',
  },
  period_format: {
    en: () => 'The period must be a month written YYYY-MM, e.g. "2026-03".',
    es: () => 'El periodo debe ser un mes escrito AAAA-MM, p. ej. "2026-03".',
    "pt-BR": () => 'O período deve ser um mês escrito AAAA-MM, p. ex. "2026-03".',
  },
  period_in_future: {
    en: () => "The period cannot be a month that has not started yet.",
    es: () => "El periodo no puede ser un mes que todavía no empieza.",
    "pt-BR": () => "O período não pode ser um mês que ainda não começou.",
  },
  /** min: the first month accepted, YYYY-MM (decision 042). */
  period_too_early: {
    en: (p) => `The period cannot be a month before ${p.min}.`,
    es: (p) => `El periodo no puede ser un mes anterior a ${p.min}.`,
    "pt-BR": (p) => `O período não pode ser um mês anterior a ${p.min}.`,
  },

  // ── Zod messages of app/routes/supplier.tokens.tsx (naming an API token) ──
  token_name_required: {
    en: () => "Give the token a name.",
    es: () => "Ponle un nombre al token.",
    "pt-BR": () => "Dê um nome ao token.",
  },
  /** max: from the issue's maximum (`.max(80, "at_most_characters")`). */
  at_most_characters: {
    en: (p) => `At most ${p.max} characters.`,
    es: (p) => `Como máximo ${p.max} caracteres.`,
    "pt-BR": (p) => `No máximo ${p.max} caracteres.`,
  },

  // ── Row problems of the member XLSX import (app/models/member-import.server.ts) ──
  /** column: the field's column name (name, taxId, country, joinedOn). */
  import_column_missing: {
    en: (p) => `The header row has no "${p.column}" column.`,
    es: (p) => `La fila de encabezados no tiene la columna "${p.column}".`,
    "pt-BR": (p) => `A linha de cabeçalho não tem a coluna "${p.column}".`,
  },
  /** taxId: as typed; row: the earlier row that has it. */
  import_tax_id_repeated: {
    en: (p) => `tax id ${p.taxId} is already on row ${p.row}`,
    es: (p) => `la identificación fiscal ${p.taxId} ya está en la fila ${p.row}`,
    "pt-BR": (p) => `o documento fiscal ${p.taxId} já está na linha ${p.row}`,
  },
  import_no_rows: {
    en: () => "The file has no rows.",
    es: () => "El archivo no tiene filas.",
    "pt-BR": () => "O arquivo não tem linhas.",
  },
  // ── Member claims (app/schemas/claims.ts) ──
  claim_comment_required: {
    en: () => "A comment is required with the reason “other” and with an admin's override.",
    es: () => "Se requiere un comentario con el motivo “otro” y al anular una decisión como admin.",
    "pt-BR": () => "É obrigatório um comentário com o motivo “outro” e na revisão pelo admin.",
  },
  claim_reason_required: {
    en: () => "A rejection needs a reason.",
    es: () => "Un rechazo necesita un motivo.",
    "pt-BR": () => "Uma rejeição precisa de um motivo.",
  },
  claim_member_required: {
    en: () => "An admin's claim names the member (memberId).",
    es: () => "Un reclamo hecho por un admin indica el miembro (memberId).",
    "pt-BR": () => "Uma reivindicação feita por um admin indica o membro (memberId).",
  },
  /** max: bytes. */
  proof_too_large: {
    en: (p) => `The proof is larger than ${Number(p.max ?? 10485760) / 1048576} MiB.`,
    es: (p) => `El comprobante pesa más de ${Number(p.max ?? 10485760) / 1048576} MiB.`,
    "pt-BR": (p) => `O comprovante é maior que ${Number(p.max ?? 10485760) / 1048576} MiB.`,
  },
  claim_amount_invalid: {
    en: () => "must be an amount written as a decimal (e.g. 1234.56)",
    es: () => "debe ser un importe escrito como decimal (p. ej. 1234.56)",
    "pt-BR": () => "deve ser um valor escrito como decimal (ex.: 1234.56)",
  },
} satisfies Record<string, ReasonTexts>;

export type ReasonKey = keyof typeof catalog;

/** Every reason, by key, with its text in each language (a function of the reason's params). */
export const REASONS: Readonly<Record<ReasonKey, ReasonTexts>> = catalog;

export function isReasonKey(value: unknown): value is ReasonKey {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(REASONS, value);
}

/** The reason's text in `locale`; an unknown key (a cast gone wrong) is returned as it is. */
export function reasonText(key: ReasonKey, params: ReasonParams, locale: Locale): string {
  return isReasonKey(key) ? REASONS[key][locale](params) : String(key);
}

// ── Zod's own issues (no reason key): en keeps zod's English, es and pt-BR are written here ──

type Translated = Exclude<Locale, "en">;

const TYPE_NAMES: Record<Translated, Record<string, string>> = {
  es: {
    string: "un texto",
    number: "un número",
    integer: "un número entero",
    bigint: "un número entero",
    boolean: "verdadero o falso",
    array: "una lista",
    object: "un objeto",
    date: "una fecha",
    null: "nulo",
  },
  "pt-BR": {
    string: "um texto",
    number: "um número",
    integer: "um número inteiro",
    bigint: "um número inteiro",
    boolean: "verdadeiro ou falso",
    array: "uma lista",
    object: "um objeto",
    date: "uma data",
    null: "nulo",
  },
};

type Bound = { kind: "exact" | "least" | "above" | "most" | "below"; n: number | bigint };

const plural = (n: number | bigint, one: string, many: string) =>
  `${n} ${Number(n) === 1 ? one : many}`;

const dateOf = (n: number | bigint) => new Date(Number(n)).toISOString().slice(0, 10);

const BUILT_IN: Record<
  Translated,
  {
    invalidType: (expected: string) => string;
    length: (b: Bound) => string;
    size: (b: Bound) => string;
    value: (b: Bound) => string;
    date: (b: Bound) => string;
    oneOf: (options: string) => string;
    literal: (expected: string) => string;
    invalid: string;
    unknownKeys: (keys: string) => string;
    format: (validation: string) => string;
    url: string;
    includes: (s: string) => string;
    startsWith: (s: string) => string;
    endsWith: (s: string) => string;
    multipleOf: (n: number | bigint) => string;
    notFinite: string;
    invalidDate: string;
  }
> = {
  es: {
    invalidType: (t) => `debe ser ${TYPE_NAMES.es[t] ?? `del tipo ${t}`}`,
    length: ({ kind, n }) =>
      ({
        exact: `debe tener exactamente ${plural(n, "carácter", "caracteres")}`,
        least: `debe tener al menos ${plural(n, "carácter", "caracteres")}`,
        above: `debe tener más de ${plural(n, "carácter", "caracteres")}`,
        most: `debe tener como máximo ${plural(n, "carácter", "caracteres")}`,
        below: `debe tener menos de ${plural(n, "carácter", "caracteres")}`,
      })[kind],
    size: ({ kind, n }) =>
      ({
        exact: `debe tener exactamente ${plural(n, "elemento", "elementos")}`,
        least: `debe tener al menos ${plural(n, "elemento", "elementos")}`,
        above: `debe tener más de ${plural(n, "elemento", "elementos")}`,
        most: `debe tener como máximo ${plural(n, "elemento", "elementos")}`,
        below: `debe tener menos de ${plural(n, "elemento", "elementos")}`,
      })[kind],
    value: ({ kind, n }) =>
      ({
        exact: `debe ser igual a ${n}`,
        least: `debe ser mayor o igual que ${n}`,
        above: `debe ser mayor que ${n}`,
        most: `debe ser menor o igual que ${n}`,
        below: `debe ser menor que ${n}`,
      })[kind],
    date: ({ kind, n }) =>
      ({
        exact: `debe ser el ${dateOf(n)}`,
        least: `debe ser el ${dateOf(n)} o posterior`,
        above: `debe ser posterior al ${dateOf(n)}`,
        most: `debe ser el ${dateOf(n)} o anterior`,
        below: `debe ser anterior al ${dateOf(n)}`,
      })[kind],
    oneOf: (options) => `debe ser uno de: ${options}`,
    literal: (expected) => `debe ser ${expected}`,
    invalid: "no es válido",
    unknownKeys: (keys) => `tiene claves desconocidas: ${keys}`,
    format: (validation) => `no tiene un formato válido (${validation})`,
    url: "no es una URL válida",
    includes: (s) => `debe contener "${s}"`,
    startsWith: (s) => `debe empezar con "${s}"`,
    endsWith: (s) => `debe terminar con "${s}"`,
    multipleOf: (n) => `debe ser múltiplo de ${n}`,
    notFinite: "debe ser un número finito",
    invalidDate: "no es una fecha válida",
  },
  "pt-BR": {
    invalidType: (t) => `deve ser ${TYPE_NAMES["pt-BR"][t] ?? `do tipo ${t}`}`,
    length: ({ kind, n }) =>
      ({
        exact: `deve ter exatamente ${plural(n, "caractere", "caracteres")}`,
        least: `deve ter pelo menos ${plural(n, "caractere", "caracteres")}`,
        above: `deve ter mais de ${plural(n, "caractere", "caracteres")}`,
        most: `deve ter no máximo ${plural(n, "caractere", "caracteres")}`,
        below: `deve ter menos de ${plural(n, "caractere", "caracteres")}`,
      })[kind],
    size: ({ kind, n }) =>
      ({
        exact: `deve ter exatamente ${plural(n, "item", "itens")}`,
        least: `deve ter pelo menos ${plural(n, "item", "itens")}`,
        above: `deve ter mais de ${plural(n, "item", "itens")}`,
        most: `deve ter no máximo ${plural(n, "item", "itens")}`,
        below: `deve ter menos de ${plural(n, "item", "itens")}`,
      })[kind],
    value: ({ kind, n }) =>
      ({
        exact: `deve ser igual a ${n}`,
        least: `deve ser maior ou igual a ${n}`,
        above: `deve ser maior que ${n}`,
        most: `deve ser menor ou igual a ${n}`,
        below: `deve ser menor que ${n}`,
      })[kind],
    date: ({ kind, n }) =>
      ({
        exact: `deve ser ${dateOf(n)}`,
        least: `deve ser ${dateOf(n)} ou depois`,
        above: `deve ser depois de ${dateOf(n)}`,
        most: `deve ser ${dateOf(n)} ou antes`,
        below: `deve ser antes de ${dateOf(n)}`,
      })[kind],
    oneOf: (options) => `deve ser um destes: ${options}`,
    literal: (expected) => `deve ser ${expected}`,
    invalid: "não é válido",
    unknownKeys: (keys) => `tem chaves desconhecidas: ${keys}`,
    format: (validation) => `não tem um formato válido (${validation})`,
    url: "não é uma URL válida",
    includes: (s) => `deve conter "${s}"`,
    startsWith: (s) => `deve começar com "${s}"`,
    endsWith: (s) => `deve terminar com "${s}"`,
    multipleOf: (n) => `deve ser múltiplo de ${n}`,
    notFinite: "deve ser um número finito",
    invalidDate: "não é uma data válida",
  },
};

const listOf = (values: readonly unknown[]) => values.map((v) => String(v)).join(", ");

function builtInText(issue: z.ZodIssue, locale: Translated): string {
  const t = BUILT_IN[locale];
  switch (issue.code) {
    case "invalid_type":
      return issue.received === "undefined"
        ? REASONS.required[locale]({})
        : t.invalidType(issue.expected);
    case "too_small":
    case "too_big": {
      const small = issue.code === "too_small";
      const n = small ? issue.minimum : issue.maximum;
      const kind: Bound["kind"] = issue.exact
        ? "exact"
        : small
          ? issue.inclusive
            ? "least"
            : "above"
          : issue.inclusive
            ? "most"
            : "below";
      if (issue.type === "string") return t.length({ kind, n });
      if (issue.type === "array" || issue.type === "set") return t.size({ kind, n });
      if (issue.type === "date") return t.date({ kind, n });
      return t.value({ kind, n });
    }
    case "invalid_enum_value":
      return t.oneOf(listOf(issue.options));
    case "invalid_union_discriminator":
      return t.oneOf(listOf(issue.options));
    case "invalid_literal":
      return t.literal(JSON.stringify(issue.expected));
    case "unrecognized_keys":
      return t.unknownKeys(issue.keys.join(", "));
    case "invalid_string": {
      const v = issue.validation;
      if (typeof v === "object") {
        if ("includes" in v) return t.includes(v.includes);
        if ("startsWith" in v) return t.startsWith(v.startsWith);
        return t.endsWith(v.endsWith);
      }
      if (v === "email") return REASONS.email_invalid[locale]({});
      if (v === "url") return t.url;
      return t.format(v);
    }
    case "not_multiple_of":
      return t.multipleOf(issue.multipleOf);
    case "not_finite":
      return t.notFinite;
    case "invalid_date":
      return t.invalidDate;
    case "custom":
      return issue.message;
    case "invalid_union":
    case "invalid_arguments":
    case "invalid_return_type":
    case "invalid_intersection_types":
      return t.invalid;
    default:
      return (issue as z.ZodIssue).message;
  }
}

/** The params a reason reads from an issue: its bound (min / max), then any custom params. */
function paramsOf(issue: z.ZodIssue): ReasonParams {
  const bounds =
    issue.code === "too_small"
      ? { min: issue.minimum }
      : issue.code === "too_big"
        ? { max: issue.maximum }
        : {};
  return { ...bounds, ...(issue.code === "custom" ? issue.params : undefined) };
}

/**
 * An issue's text in `locale`: a reason key as its text (with the issue's params); else zod's
 * own issue, which keeps zod's English in en and is written by its code in es and pt-BR.
 */
export function issueMessage(issue: z.ZodIssue, locale: Locale): string {
  if (isReasonKey(issue.message)) return reasonText(issue.message, paramsOf(issue), locale);
  return locale === "en" ? issue.message : builtInText(issue, locale);
}
