// What each model refusal says, in every language of the portal (en is also the error's message).
import type { LocalizedTexts } from "~/errors/coded";
import { reasonText, type ReasonKey } from "~/schemas/reasons";
import type { ModelErrorCode } from "./errors";

/** What a not_found names: each reads as a whole sentence in every language. */
export type Entity =
  | "supplier"
  | "member"
  | "program"
  | "report"
  | "refused_report"
  | "report_rows"
  | "payout_batch"
  | "batch_line"
  | "user"
  | "allocation_run"
  | "token"
  | "api_path"
  | "claim"
  | "claim_upload"
  | "this";

type Lang = "en" | "es" | "pt-BR";

const NOT_FOUND: Record<Lang, Record<Entity, string>> = {
  en: {
    supplier: "That supplier was not found.",
    member: "That member was not found.",
    program: "That program was not found.",
    report: "That report was not found.",
    refused_report: "That refused report was not found.",
    report_rows:
      "This report has no rows to show problems beside: the file was refused as a whole.",
    payout_batch: "That payout batch was not found.",
    batch_line: "That member's line in this batch was not found.",
    user: "That user was not found.",
    allocation_run: "That allocation run was not found.",
    token: "That token was not found.",
    api_path: "This API path was not found.",
    claim: "That claim was not found.",
    claim_upload: "That claim upload was not found.",
    this: "This was not found.",
  },
  es: {
    supplier: "No se encontró ese proveedor.",
    member: "No se encontró ese miembro.",
    program: "No se encontró ese programa.",
    report: "No se encontró ese reporte.",
    refused_report: "No se encontró ese reporte rechazado.",
    report_rows:
      "Este reporte no tiene filas junto a las cuales mostrar problemas: el archivo se rechazó completo.",
    payout_batch: "No se encontró ese lote de pagos.",
    batch_line: "No se encontró la línea de ese miembro en este lote.",
    user: "No se encontró ese usuario.",
    allocation_run: "No se encontró esa corrida de asignación.",
    token: "No se encontró ese token.",
    api_path: "Esta ruta de la API no existe.",
    claim: "No se encontró ese reclamo.",
    claim_upload: "No se encontró esa carga de reclamos.",
    this: "No se encontró.",
  },
  "pt-BR": {
    supplier: "Esse fornecedor não foi encontrado.",
    member: "Esse membro não foi encontrado.",
    program: "Esse programa não foi encontrado.",
    report: "Esse relatório não foi encontrado.",
    refused_report: "Esse relatório recusado não foi encontrado.",
    report_rows:
      "Este relatório não tem linhas ao lado das quais mostrar problemas: o arquivo foi recusado por inteiro.",
    payout_batch: "Esse lote de pagamentos não foi encontrado.",
    batch_line: "A linha desse membro neste lote não foi encontrada.",
    user: "Esse usuário não foi encontrado.",
    allocation_run: "Essa execução de alocação não foi encontrada.",
    token: "Esse token não foi encontrado.",
    api_path: "Este caminho da API não existe.",
    claim: "Essa reivindicação não foi encontrada.",
    claim_upload: "Esse envio de reivindicações não foi encontrado.",
    this: "Não foi encontrado.",
  },
};

type P = Record<string, unknown>;

/** "field: reason" when the refusal concerns one field, else the reason alone. */
const badRequest = (lang: Lang) => (p: P) => {
  const reason = reasonText(p.reason as ReasonKey, p, lang);
  return p.field ? `${p.field}: ${reason}` : reason;
};

type Reserved = { memberId: number; batchId: number | null }[];
const reservedList = (p: P, member: string, batch: string) =>
  (p.members as Reserved)
    .map((m) => `${member} ${m.memberId} (${batch} ${m.batchId ?? "?"})`)
    .join(", ");

export const MODEL_TEXTS: LocalizedTexts<ModelErrorCode> = {
  en: {
    not_found: (p) => NOT_FOUND.en[p.what as Entity],
    bad_request: badRequest("en"),
    supplier_exists: (p) => `A supplier named ${p.name} already exists.`,
    member_exists: (p) =>
      p.otherName
        ? `Tax id ${p.taxId} belongs to ${p.otherName}.`
        : `A member with tax id ${p.taxId} already exists.`,
    user_exists: (p) => `A user with e-mail ${p.email} already exists.`,
    invitation_invalid: () => "This invitation link is invalid, expired or already used.",
    invitation_used: () => "This invitation was already used.",
    password_reset_invalid: () =>
      "This password reset link is invalid, expired or already used. Ask for a new one.",
    duplicate_file: (p) =>
      `This file was already uploaded as report #${p.reportId} (${p.period}, version ${p.version}, ${p.fileName}).`,
    program_locked: () => "This program has posted runs, so its terms can no longer change.",
    key_is_member_tax_id: (p) =>
      `${p.customerKey} is the tax id of member #${p.memberId}; its lines already count for that member.`,
    member_reserved: (p) =>
      `A member's balance can be in one open payout batch only: ${reservedList(p, "member", "batch")} is already reserved. Pay, cancel or drop it there first.`,
    batch_reference_taken: (p) =>
      `Payout batch ${p.batchId} already uses the reference ${p.reference}; the bank needs each reference once.`,
    bank_details_invalid: (p) =>
      `These members have no valid bank details: ${p.members}. Fix their bank details or drop them from the batch first.`,
    run_stale: () =>
      "The data changed since this preview was made. Make a new preview and check it before posting.",
    report_missing: (p) =>
      `There is no active report of this program's supplier for ${p.month} yet: a run needs the month's report (a nil report will do).`,
    report_not_active: (p) =>
      `Report #${p.reportId} is ${p.status}: only an active report's lines can be accepted.`,
    tax_id_taken: (p) => `Tax id ${p.taxId} already belongs to the supplier ${p.otherName}.`,
    claim_not_pending: (p) =>
      `Claim #${p.claimId} is ${p.status}: only a pending claim can be decided by its supplier.`,
    claim_proof_type: () => "The proof must be a PDF, PNG or JPEG file.",
    claim_upload_empty: () => "The ZIP holds no invoice (no .xml file).",
    invoice_addressed_elsewhere: (p) =>
      `This invoice is addressed to ${p.receiver}, not to your company: only the company it was issued to can claim it.`,
    invoice_already_claimed: (p) =>
      `This invoice was already claimed (claim #${p.claimId}); an invoice is claimed once.`,
    invoice_in_future: (p) => `This invoice is dated ${p.date}, in the future.`,
    invoice_outside_programs: (p) =>
      `This invoice is dated ${p.date}, outside every program of ${p.supplier}.`,
    invoice_issuer_not_preferred: (p) =>
      `The issuer ${p.issuer} is not a preferred supplier of the consortium: nothing to claim.`,
    invoice_not_a_sale: (p) =>
      `This document is not a sale or a credit note (type ${p.type}): skipped, no claim made.`,
  },
  es: {
    not_found: (p) => NOT_FOUND.es[p.what as Entity],
    bad_request: badRequest("es"),
    supplier_exists: (p) => `Ya existe un proveedor llamado ${p.name}.`,
    member_exists: (p) =>
      p.otherName
        ? `El RFC o identificación fiscal ${p.taxId} pertenece a ${p.otherName}.`
        : `Ya existe un miembro con la identificación fiscal ${p.taxId}.`,
    user_exists: (p) => `Ya existe un usuario con el correo ${p.email}.`,
    invitation_invalid: () => "Este enlace de invitación no es válido, venció o ya se usó.",
    invitation_used: () => "Esta invitación ya se usó.",
    password_reset_invalid: () =>
      "Este enlace para cambiar la contraseña no es válido, venció o ya se usó. Pida uno nuevo.",
    duplicate_file: (p) =>
      `Este archivo ya se subió como el reporte #${p.reportId} (${p.period}, versión ${p.version}, ${p.fileName}).`,
    program_locked: () =>
      "Este programa ya tiene corridas contabilizadas, así que sus condiciones ya no pueden cambiar.",
    key_is_member_tax_id: (p) =>
      `${p.customerKey} es la identificación fiscal del miembro #${p.memberId}; sus líneas ya cuentan para ese miembro.`,
    member_reserved: (p) =>
      `El saldo de un miembro solo puede estar en un lote de pagos abierto: ${reservedList(p, "miembro", "lote")} ya está reservado. Págalo, cancélalo o quítalo de ese lote primero.`,
    batch_reference_taken: (p) =>
      `El lote de pagos ${p.batchId} ya usa la referencia ${p.reference}; el banco necesita cada referencia una sola vez.`,
    bank_details_invalid: (p) =>
      `Estos miembros no tienen datos bancarios válidos: ${p.members}. Corrige sus datos bancarios o quítalos del lote primero.`,
    run_stale: () =>
      "Los datos cambiaron desde que se hizo esta vista previa. Haz una nueva vista previa y revísala antes de contabilizar.",
    report_missing: (p) =>
      `Todavía no hay un reporte activo del proveedor de este programa para ${p.month}: una corrida necesita el reporte del mes (sirve un reporte en ceros).`,
    report_not_active: (p) =>
      `El reporte #${p.reportId} está ${p.status}: solo se pueden aceptar líneas de un reporte activo.`,
    tax_id_taken: (p) =>
      `La identificación fiscal ${p.taxId} ya pertenece al proveedor ${p.otherName}.`,
    claim_not_pending: (p) =>
      `El reclamo #${p.claimId} está ${p.status}: su proveedor solo puede decidir un reclamo pendiente.`,
    claim_proof_type: () => "El comprobante debe ser un archivo PDF, PNG o JPEG.",
    claim_upload_empty: () => "El ZIP no contiene ninguna factura (ningún archivo .xml).",
    invoice_addressed_elsewhere: (p) =>
      `Esta factura está dirigida a ${p.receiver}, no a tu empresa: solo la empresa a la que se emitió puede reclamarla.`,
    invoice_already_claimed: (p) =>
      `Esta factura ya se reclamó (reclamo #${p.claimId}); una factura se reclama una sola vez.`,
    invoice_in_future: (p) => `Esta factura tiene fecha ${p.date}, en el futuro.`,
    invoice_outside_programs: (p) =>
      `Esta factura tiene fecha ${p.date}, fuera de todo programa de ${p.supplier}.`,
    invoice_issuer_not_preferred: (p) =>
      `El emisor ${p.issuer} no es un proveedor preferente del consorcio: no hay nada que reclamar.`,
    invoice_not_a_sale: (p) =>
      `Este documento no es una venta ni una nota de crédito (tipo ${p.type}): se omitió, sin reclamo.`,
  },
  "pt-BR": {
    not_found: (p) => NOT_FOUND["pt-BR"][p.what as Entity],
    bad_request: badRequest("pt-BR"),
    supplier_exists: (p) => `Já existe um fornecedor chamado ${p.name}.`,
    member_exists: (p) =>
      p.otherName
        ? `O documento fiscal ${p.taxId} pertence a ${p.otherName}.`
        : `Já existe um membro com o documento fiscal ${p.taxId}.`,
    user_exists: (p) => `Já existe um usuário com o e-mail ${p.email}.`,
    invitation_invalid: () => "Este link de convite é inválido, expirou ou já foi usado.",
    invitation_used: () => "Este convite já foi usado.",
    password_reset_invalid: () =>
      "Este link para trocar a senha é inválido, expirou ou já foi usado. Peça um novo.",
    duplicate_file: (p) =>
      `Este arquivo já foi enviado como o relatório #${p.reportId} (${p.period}, versão ${p.version}, ${p.fileName}).`,
    program_locked: () =>
      "Este programa já tem execuções lançadas, então suas condições não podem mais mudar.",
    key_is_member_tax_id: (p) =>
      `${p.customerKey} é o documento fiscal do membro #${p.memberId}; suas linhas já contam para esse membro.`,
    member_reserved: (p) =>
      `O saldo de um membro só pode estar em um lote de pagamentos aberto: ${reservedList(p, "membro", "lote")} já está reservado. Pague, cancele ou retire-o desse lote primeiro.`,
    batch_reference_taken: (p) =>
      `O lote de pagamentos ${p.batchId} já usa a referência ${p.reference}; o banco precisa de cada referência uma única vez.`,
    bank_details_invalid: (p) =>
      `Estes membros não têm dados bancários válidos: ${p.members}. Corrija os dados bancários ou retire-os do lote primeiro.`,
    run_stale: () =>
      "Os dados mudaram desde que esta prévia foi feita. Faça uma nova prévia e confira antes de lançar.",
    report_missing: (p) =>
      `Ainda não há relatório ativo do fornecedor deste programa para ${p.month}: uma execução precisa do relatório do mês (um relatório zerado serve).`,
    report_not_active: (p) =>
      `O relatório #${p.reportId} está ${p.status}: só é possível aceitar linhas de um relatório ativo.`,
    tax_id_taken: (p) => `O documento fiscal ${p.taxId} já pertence ao fornecedor ${p.otherName}.`,
    claim_not_pending: (p) =>
      `A reivindicação #${p.claimId} está ${p.status}: o fornecedor só pode decidir uma reivindicação pendente.`,
    claim_proof_type: () => "O comprovante deve ser um arquivo PDF, PNG ou JPEG.",
    claim_upload_empty: () => "O ZIP não contém nenhuma nota (nenhum arquivo .xml).",
    invoice_addressed_elsewhere: (p) =>
      `Esta nota é destinada a ${p.receiver}, não à sua empresa: só a empresa destinatária pode reivindicá-la.`,
    invoice_already_claimed: (p) =>
      `Esta nota já foi reivindicada (reivindicação #${p.claimId}); uma nota é reivindicada uma única vez.`,
    invoice_in_future: (p) => `Esta nota tem data ${p.date}, no futuro.`,
    invoice_outside_programs: (p) =>
      `Esta nota tem data ${p.date}, fora de todo programa de ${p.supplier}.`,
    invoice_issuer_not_preferred: (p) =>
      `O emitente ${p.issuer} não é um fornecedor preferencial do consórcio: nada a reivindicar.`,
    invoice_not_a_sale: (p) =>
      `Este documento não é uma venda nem uma nota de crédito (tipo ${p.type}): ignorado, sem reivindicação.`,
  },
};
