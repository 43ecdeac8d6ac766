// The text of every refund-engine error code in each language of the portal, written from the
// error's params. English is the error's own message (tests and API callers read it verbatim);
// es is neutral Latin-American Spanish (Mexico), pt-BR Brazilian Portuguese. Numbers, months and
// ids are shown exactly as the engine holds them, so every language states the same facts.
import type { LocalizedTexts } from "~/errors/coded";
import type { ComponentProblem } from "./components";
import type { EngineErrorCode } from "./errors";
import type { AmountName, AmountSubject } from "./money";
import type { BatchAction } from "./payouts";
import type { TierProblem } from "./tiers";

export type TextLanguage = keyof LocalizedTexts<EngineErrorCode>;

type MissingRate = { currency: string; month: string };

/** The values each code's message names (what a throw site passes as params). */
type EngineErrorParams = {
  tier_schedule_invalid: { problems: readonly TierProblem[] };
  fee_bps_invalid: { feeBps: number };
  /** Every missing rate of an allocation at once, or one rate a look-up did not find. */
  fx_rate_missing:
    | { to: string; missing: readonly MissingRate[] }
    | { to: string; currency: string; month: string };
  fx_rate_invalid:
    | { problem: "format" | "not_positive"; rate: string }
    | { problem: "not_positive"; num: bigint; den: bigint };
  run_month_out_of_order: {
    month: string;
    lastPostedMonth: string;
    allowed: readonly [string, string];
  };
  run_month_outside_program: { month: string; start: string; end: string };
  currency_unknown: { currency: string };
  date_invalid: { month: string } | { date: string };
  amount_out_of_range: { amount: string };
  amount_invalid:
    | { problem: "not_whole"; amount: number; subject: AmountSubject }
    | { problem: "not_positive"; amountMinor: number; subject: AmountSubject }
    | { problem: "supplier_payment_not_positive"; amountMinor: number };
  allocation_weights_invalid:
    | { total: number; members: number }
    | { memberId: number; weight: number }
    | { memberId: number };
  journal_unbalanced:
    | { grossMinor: number; feeMinor: number; membersMinor: number }
    | { currency: string; debits: number; credits: number };
  forecast_period_invalid: { monthsElapsed: number; monthsInProgram: number };
  overpayment_note_required: { amountMinor: number; owedMinor: number };
  /** Empty when a built batch lost every line; the currency when a new batch finds no balance. */
  batch_nothing_to_pay: { currency?: string; minimumMinor?: number; memberIds?: number[] };
  batch_four_eyes: { batchId: number };
  batch_not_draft: { batchId: number; action: BatchAction };
  batch_not_approved: { batchId: number };
  batch_already_paid: { batchId: number };
  batch_cancelled: { batchId: number; action: BatchAction };
  payout_exceeds_balance: { members: readonly { memberId: number }[] };
  statement_range_invalid: { from: string; to: string };
  components_invalid: { problems: readonly ComponentProblem[] };
  /** Aggregates a run was given that it cannot place (a data-layer mistake, never a user's). */
  component_input_invalid:
    | { problem: "period_outside"; from: string; to: string; start: string; end: string }
    | { problem: "period_straddles"; from: string; to: string; bonus: string; date: string }
    | { problem: "quantity_invalid"; quantity: string }
    | { problem: "prior_month_outside"; month: string; from: string; to: string }
    | { problem: "prior_month_repeated"; month: string };
};

type Texts = { readonly [C in EngineErrorCode]: (p: EngineErrorParams[C]) => string };
type PerLanguage<T> = { readonly [L in TextLanguage]: T };

const plural = (count: number, one: string, many: string): string => (count === 1 ? one : many);
const memberIds = (p: EngineErrorParams["payout_exceeds_balance"]): string =>
  p.members.map((m) => m.memberId).join(", ");
/** A rate as the admin typed it (quoted), or as the exact fraction the engine holds. */
const shownRate = (p: { rate: string } | { num: bigint; den: bigint }): string =>
  "rate" in p ? `"${p.rate}"` : `${p.num}/${p.den}`;

const AMOUNT_NAMES_ES: Record<AmountName, string> = {
  amount: "El monto",
  pool: "El monto a repartir",
  member_volume: "El volumen del miembro",
  allocated_volume: "El volumen asignado",
  pooled_volume: "El volumen agrupado",
  minimum_payout: "El pago mínimo",
  payment_amount: "El monto del pago",
  line_amount: "El monto de la línea",
};

const AMOUNT_NAMES_PT: Record<AmountName, string> = {
  amount: "O valor",
  pool: "O valor a distribuir",
  member_volume: "O volume do membro",
  allocated_volume: "O volume alocado",
  pooled_volume: "O volume agrupado",
  minimum_payout: "O pagamento mínimo",
  payment_amount: "O valor do pagamento",
  line_amount: "O valor da linha",
};

/** What an amount is, as the sentence refusing it names it (es and pt-BR open the sentence). */
const SUBJECTS: PerLanguage<(s: AmountSubject) => string> = {
  en: (s) => {
    if (typeof s === "string") return s.replaceAll("_", " ");
    switch (s.kind) {
      case "member_balance":
        return `balance of member ${s.memberId}`;
      case "member_payout":
        return `payout to member ${s.memberId}`;
      case "supplier_payment":
        return `payment from supplier ${s.supplierId}`;
      case "account_line":
        return `amount of ${s.account}`;
    }
  },
  es: (s) => {
    if (typeof s === "string") return AMOUNT_NAMES_ES[s];
    switch (s.kind) {
      case "member_balance":
        return `El saldo del miembro ${s.memberId}`;
      case "member_payout":
        return `El pago al miembro ${s.memberId}`;
      case "supplier_payment":
        return `El pago del proveedor ${s.supplierId}`;
      case "account_line":
        return `El monto de la cuenta ${s.account}`;
    }
  },
  "pt-BR": (s) => {
    if (typeof s === "string") return AMOUNT_NAMES_PT[s];
    switch (s.kind) {
      case "member_balance":
        return `O saldo do membro ${s.memberId}`;
      case "member_payout":
        return `O pagamento ao membro ${s.memberId}`;
      case "supplier_payment":
        return `O pagamento do fornecedor ${s.supplierId}`;
      case "account_line":
        return `O valor da conta ${s.account}`;
    }
  },
};

/** Each problem of a tier schedule, one sentence each (`tier` counts from 1). */
export const TIER_PROBLEM_TEXTS: PerLanguage<(p: TierProblem) => string> = {
  en: (p) => {
    switch (p.problem) {
      case "no_tiers":
        return "A tier schedule needs at least one tier.";
      case "threshold_not_whole":
        return `Tier ${p.tier}: threshold ${p.thresholdMinor} is not a whole number of minor units.`;
      case "rate_invalid":
        return `Tier ${p.tier}: rate ${p.rateBps} bp is not a whole number from 0 to 10000.`;
      case "first_threshold_not_zero":
        return `Tier ${p.tier}: the first threshold must be 0, not ${p.thresholdMinor}.`;
      case "threshold_not_rising":
        return `Tier ${p.tier}: threshold ${p.thresholdMinor} must be above the previous one, ${p.previousMinor}.`;
      case "rate_falling":
        return `Tier ${p.tier}: rate ${p.rateBps} bp is below the previous tier's ${p.previousBps} bp.`;
    }
  },
  es: (p) => {
    switch (p.problem) {
      case "no_tiers":
        return "Una tabla de escalas necesita al menos una escala.";
      case "threshold_not_whole":
        return `Escala ${p.tier}: el umbral ${p.thresholdMinor} no es un número entero de unidades menores.`;
      case "rate_invalid":
        return `Escala ${p.tier}: la tasa de ${p.rateBps} pb no es un número entero de 0 a 10000.`;
      case "first_threshold_not_zero":
        return `Escala ${p.tier}: el primer umbral debe ser 0, no ${p.thresholdMinor}.`;
      case "threshold_not_rising":
        return `Escala ${p.tier}: el umbral ${p.thresholdMinor} debe ser mayor que el anterior, ${p.previousMinor}.`;
      case "rate_falling":
        return `Escala ${p.tier}: la tasa de ${p.rateBps} pb es menor que la de la escala anterior, ${p.previousBps} pb.`;
    }
  },
  "pt-BR": (p) => {
    switch (p.problem) {
      case "no_tiers":
        return "Uma tabela de faixas precisa de pelo menos uma faixa.";
      case "threshold_not_whole":
        return `Faixa ${p.tier}: o limite ${p.thresholdMinor} não é um número inteiro de unidades menores.`;
      case "rate_invalid":
        return `Faixa ${p.tier}: a taxa de ${p.rateBps} pb não é um número inteiro de 0 a 10000.`;
      case "first_threshold_not_zero":
        return `Faixa ${p.tier}: o primeiro limite deve ser 0, não ${p.thresholdMinor}.`;
      case "threshold_not_rising":
        return `Faixa ${p.tier}: o limite ${p.thresholdMinor} deve ser maior que o anterior, ${p.previousMinor}.`;
      case "rate_falling":
        return `Faixa ${p.tier}: a taxa de ${p.rateBps} pb é menor que a da faixa anterior, ${p.previousBps} pb.`;
    }
  },
};

type LimitField = "volumeCapMinor" | "refundCapMinor" | "minimumRefundMinor";
const LIMIT_NAMES: PerLanguage<Record<LimitField, string>> = {
  en: {
    volumeCapMinor: "The volume cap",
    refundCapMinor: "The refund cap",
    minimumRefundMinor: "The minimum refund",
  },
  es: {
    volumeCapMinor: "El tope de volumen",
    refundCapMinor: "El tope de reembolso",
    minimumRefundMinor: "El reembolso mínimo",
  },
  "pt-BR": {
    volumeCapMinor: "O teto de volume",
    refundCapMinor: "O teto de reembolso",
    minimumRefundMinor: "O reembolso mínimo",
  },
};
const bonusOf = (word: string, p: { bonus: number; name?: string }): string =>
  p.name ? `${word} ${p.bonus} ("${p.name}")` : `${word} ${p.bonus}`;

/** Each problem of a program's components (SPEC 3.7), one sentence each; tiers and bonuses count from 1. */
export const COMPONENT_PROBLEM_TEXTS: PerLanguage<(p: ComponentProblem) => string> = {
  en: (p) => {
    switch (p.problem) {
      case "growth_incremental":
        return "A growth program is paid all-units: the incremental method cannot be used with a growth basis.";
      case "growth_only":
        return p.field === "growthPays"
          ? "growthPays applies only to a program with a growth basis."
          : "Negotiated baselines apply only to a program with a growth basis.";
      case "growth_no_tiers":
        return "A growth program needs at least one tier.";
      case "growth_threshold_invalid":
        return `Tier ${p.tier}: growth threshold ${p.thresholdBps} bp is not a whole number of basis points, 0 or more.`;
      case "growth_first_threshold_not_zero":
        return `Tier 1: the first growth threshold must be 0, not ${p.thresholdBps} bp.`;
      case "growth_threshold_not_rising":
        return `Tier ${p.tier}: growth threshold ${p.thresholdBps} bp must be above the previous one, ${p.previousBps} bp.`;
      case "growth_rate_invalid":
        return `Tier ${p.tier}: rate ${p.rateBps} bp is not a whole number from 0 to 10000.`;
      case "growth_rate_falling":
        return `Tier ${p.tier}: rate ${p.rateBps} bp is below the previous tier's ${p.previousBps} bp.`;
      case "limit_invalid":
        return `${LIMIT_NAMES.en[p.field]} ${p.amount} is not a whole number of minor units, 0 or more.`;
      case "minimum_above_refund_cap":
        return `The minimum refund ${p.minimumRefundMinor} cannot be above the refund cap ${p.refundCapMinor}.`;
      case "baseline_month_invalid":
        return `Baseline month "${p.month}" is not a month in the form YYYY-MM.`;
      case "baseline_month_outside":
        return `Baseline month ${p.month} is not in the year before the program (${p.from} to ${p.to}).`;
      case "baseline_month_repeated":
        return `Baseline month ${p.month} is given more than once.`;
      case "baseline_amount_invalid":
        return `The baseline for ${p.month}, ${p.amount}, is not a whole number of minor units, 0 or more.`;
      case "bonus_name_blank":
        return `${bonusOf("Bonus", p)} needs a name.`;
      case "bonus_name_taken":
        return `${bonusOf("Bonus", p)}: the name is already used by another component of the program.`;
      case "bonus_pays_both":
        return `${bonusOf("Bonus", p)} pays either a rate (rateBps) or an amount per unit (perUnitMinor), not both.`;
      case "bonus_pays_nothing":
        return `${bonusOf("Bonus", p)} needs a rate (rateBps) or an amount per unit (perUnitMinor).`;
      case "bonus_rate_invalid":
        return `${bonusOf("Bonus", p)}: rate ${p.rateBps} bp is not a whole number from 0 to 10000.`;
      case "bonus_per_unit_invalid":
        return `${bonusOf("Bonus", p)}: ${p.perUnitMinor} per unit is not a whole number of minor units, 0 or more.`;
      case "bonus_selection_blank":
        return `${bonusOf("Bonus", p)}: its ${p.field === "skus" ? "SKU" : "category"} list has a blank entry.`;
      case "bonus_date_invalid":
        return `${bonusOf("Bonus", p)}: "${p.date}" is not a calendar date in the form YYYY-MM-DD.`;
      case "bonus_window_reversed":
        return `${bonusOf("Bonus", p)}: its window starts on ${p.start}, after it ends on ${p.end}.`;
      case "bonus_window_outside":
        return `${bonusOf("Bonus", p)}: its window ${p.start} to ${p.end} is not inside the program, ${p.programStart} to ${p.programEnd}.`;
      case "requirement_category_blank":
        return `${bonusOf("Bonus", p)}: a mix condition needs a category.`;
      case "requirement_minimum_invalid":
        return `${bonusOf("Bonus", p)}: the minimum volume of ${p.category}, ${p.amount}, is not a whole number of minor units, 0 or more.`;
    }
  },
  es: (p) => {
    switch (p.problem) {
      case "growth_incremental":
        return "Un programa de crecimiento se paga sobre todas las unidades: no se puede usar el método incremental con base de crecimiento.";
      case "growth_only":
        return p.field === "growthPays"
          ? "growthPays solo aplica a un programa con base de crecimiento."
          : "Las líneas base negociadas solo aplican a un programa con base de crecimiento.";
      case "growth_no_tiers":
        return "Un programa de crecimiento necesita al menos una escala.";
      case "growth_threshold_invalid":
        return `Escala ${p.tier}: el umbral de crecimiento de ${p.thresholdBps} pb no es un número entero de puntos base, 0 o mayor.`;
      case "growth_first_threshold_not_zero":
        return `Escala 1: el primer umbral de crecimiento debe ser 0, no ${p.thresholdBps} pb.`;
      case "growth_threshold_not_rising":
        return `Escala ${p.tier}: el umbral de crecimiento de ${p.thresholdBps} pb debe ser mayor que el anterior, ${p.previousBps} pb.`;
      case "growth_rate_invalid":
        return `Escala ${p.tier}: la tasa de ${p.rateBps} pb no es un número entero de 0 a 10000.`;
      case "growth_rate_falling":
        return `Escala ${p.tier}: la tasa de ${p.rateBps} pb es menor que la de la escala anterior, ${p.previousBps} pb.`;
      case "limit_invalid":
        return `${LIMIT_NAMES.es[p.field]} (${p.amount}) no es un número entero de unidades menores, 0 o mayor.`;
      case "minimum_above_refund_cap":
        return `El reembolso mínimo de ${p.minimumRefundMinor} no puede superar el tope de reembolso de ${p.refundCapMinor}.`;
      case "baseline_month_invalid":
        return `El mes de línea base "${p.month}" no es un mes con el formato AAAA-MM.`;
      case "baseline_month_outside":
        return `El mes de línea base ${p.month} no está en el año anterior al programa (de ${p.from} a ${p.to}).`;
      case "baseline_month_repeated":
        return `El mes de línea base ${p.month} aparece más de una vez.`;
      case "baseline_amount_invalid":
        return `La línea base de ${p.month} (${p.amount}) no es un número entero de unidades menores, 0 o mayor.`;
      case "bonus_name_blank":
        return `${bonusOf("El bono", p)} necesita un nombre.`;
      case "bonus_name_taken":
        return `${bonusOf("Bono", p)}: el nombre ya lo usa otro componente del programa.`;
      case "bonus_pays_both":
        return `${bonusOf("El bono", p)} paga una tasa (rateBps) o un monto por unidad (perUnitMinor), no ambos.`;
      case "bonus_pays_nothing":
        return `${bonusOf("El bono", p)} necesita una tasa (rateBps) o un monto por unidad (perUnitMinor).`;
      case "bonus_rate_invalid":
        return `${bonusOf("Bono", p)}: la tasa de ${p.rateBps} pb no es un número entero de 0 a 10000.`;
      case "bonus_per_unit_invalid":
        return `${bonusOf("Bono", p)}: ${p.perUnitMinor} por unidad no es un número entero de unidades menores, 0 o mayor.`;
      case "bonus_selection_blank":
        return `${bonusOf("Bono", p)}: su lista de ${p.field === "skus" ? "SKU" : "categorías"} tiene una entrada vacía.`;
      case "bonus_date_invalid":
        return `${bonusOf("Bono", p)}: "${p.date}" no es una fecha válida con el formato AAAA-MM-DD.`;
      case "bonus_window_reversed":
        return `${bonusOf("Bono", p)}: su vigencia empieza el ${p.start}, después de terminar el ${p.end}.`;
      case "bonus_window_outside":
        return `${bonusOf("Bono", p)}: su vigencia, del ${p.start} al ${p.end}, no está dentro del programa, del ${p.programStart} al ${p.programEnd}.`;
      case "requirement_category_blank":
        return `${bonusOf("Bono", p)}: una condición de mezcla necesita una categoría.`;
      case "requirement_minimum_invalid":
        return `${bonusOf("Bono", p)}: el volumen mínimo de ${p.category} (${p.amount}) no es un número entero de unidades menores, 0 o mayor.`;
    }
  },
  "pt-BR": (p) => {
    switch (p.problem) {
      case "growth_incremental":
        return "Um programa de crescimento é pago sobre todas as unidades: o método incremental não pode ser usado com base de crescimento.";
      case "growth_only":
        return p.field === "growthPays"
          ? "growthPays só se aplica a um programa com base de crescimento."
          : "As linhas de base negociadas só se aplicam a um programa com base de crescimento.";
      case "growth_no_tiers":
        return "Um programa de crescimento precisa de pelo menos uma faixa.";
      case "growth_threshold_invalid":
        return `Faixa ${p.tier}: o limite de crescimento de ${p.thresholdBps} pb não é um número inteiro de pontos-base, 0 ou mais.`;
      case "growth_first_threshold_not_zero":
        return `Faixa 1: o primeiro limite de crescimento deve ser 0, não ${p.thresholdBps} pb.`;
      case "growth_threshold_not_rising":
        return `Faixa ${p.tier}: o limite de crescimento de ${p.thresholdBps} pb deve ser maior que o anterior, ${p.previousBps} pb.`;
      case "growth_rate_invalid":
        return `Faixa ${p.tier}: a taxa de ${p.rateBps} pb não é um número inteiro de 0 a 10000.`;
      case "growth_rate_falling":
        return `Faixa ${p.tier}: a taxa de ${p.rateBps} pb é menor que a da faixa anterior, ${p.previousBps} pb.`;
      case "limit_invalid":
        return `${LIMIT_NAMES["pt-BR"][p.field]} (${p.amount}) não é um número inteiro de unidades menores, 0 ou mais.`;
      case "minimum_above_refund_cap":
        return `O reembolso mínimo de ${p.minimumRefundMinor} não pode ser maior que o teto de reembolso de ${p.refundCapMinor}.`;
      case "baseline_month_invalid":
        return `O mês de linha de base "${p.month}" não é um mês no formato AAAA-MM.`;
      case "baseline_month_outside":
        return `O mês de linha de base ${p.month} não está no ano anterior ao programa (de ${p.from} a ${p.to}).`;
      case "baseline_month_repeated":
        return `O mês de linha de base ${p.month} aparece mais de uma vez.`;
      case "baseline_amount_invalid":
        return `A linha de base de ${p.month} (${p.amount}) não é um número inteiro de unidades menores, 0 ou mais.`;
      case "bonus_name_blank":
        return `${bonusOf("O bônus", p)} precisa de um nome.`;
      case "bonus_name_taken":
        return `${bonusOf("Bônus", p)}: o nome já é usado por outro componente do programa.`;
      case "bonus_pays_both":
        return `${bonusOf("O bônus", p)} paga uma taxa (rateBps) ou um valor por unidade (perUnitMinor), não os dois.`;
      case "bonus_pays_nothing":
        return `${bonusOf("O bônus", p)} precisa de uma taxa (rateBps) ou de um valor por unidade (perUnitMinor).`;
      case "bonus_rate_invalid":
        return `${bonusOf("Bônus", p)}: a taxa de ${p.rateBps} pb não é um número inteiro de 0 a 10000.`;
      case "bonus_per_unit_invalid":
        return `${bonusOf("Bônus", p)}: ${p.perUnitMinor} por unidade não é um número inteiro de unidades menores, 0 ou mais.`;
      case "bonus_selection_blank":
        return `${bonusOf("Bônus", p)}: sua lista de ${p.field === "skus" ? "SKUs" : "categorias"} tem um item em branco.`;
      case "bonus_date_invalid":
        return `${bonusOf("Bônus", p)}: "${p.date}" não é uma data válida no formato AAAA-MM-DD.`;
      case "bonus_window_reversed":
        return `${bonusOf("Bônus", p)}: sua vigência começa em ${p.start}, depois de terminar em ${p.end}.`;
      case "bonus_window_outside":
        return `${bonusOf("Bônus", p)}: sua vigência, de ${p.start} a ${p.end}, não está dentro do programa, de ${p.programStart} a ${p.programEnd}.`;
      case "requirement_category_blank":
        return `${bonusOf("Bônus", p)}: uma condição de mix precisa de uma categoria.`;
      case "requirement_minimum_invalid":
        return `${bonusOf("Bônus", p)}: o volume mínimo de ${p.category} (${p.amount}) não é um número inteiro de unidades menores, 0 ou mais.`;
    }
  },
};

const PAST_EN: Record<BatchAction, string> = {
  approve: "approved",
  pay: "paid",
  cancel: "cancelled",
  drop: "changed",
};
const INFINITIVE_ES: Record<BatchAction, string> = {
  approve: "aprobar",
  pay: "pagar",
  cancel: "cancelar",
  drop: "modificar",
};
const PAST_PT: Record<BatchAction, string> = {
  approve: "aprovado",
  pay: "pago",
  cancel: "cancelado",
  drop: "alterado",
};

const en: Texts = {
  tier_schedule_invalid: (p) =>
    `The tier schedule is invalid: ${p.problems.map(TIER_PROBLEM_TEXTS.en).join(" ")}`,
  fee_bps_invalid: (p) => `The admin fee ${p.feeBps} bp is not a whole number from 0 to 10000.`,
  fx_rate_missing: (p) =>
    "missing" in p
      ? `No FX rate ${p.missing.map((m) => `${m.currency} to ${p.to} for ${m.month}`).join(", ")}: enter ${plural(p.missing.length, "it", "them")} before running the allocation.`
      : `No FX rate from ${p.currency} to ${p.to} for ${p.month}.`,
  fx_rate_invalid: (p) =>
    p.problem === "format"
      ? `${shownRate(p)} is not a valid FX rate: write a positive decimal with at most 8 decimal places, like 0.180196.`
      : `The FX rate ${shownRate(p)} must be greater than zero.`,
  run_month_out_of_order: ({ month, lastPostedMonth: last, allowed: [, next] }) =>
    `A run for ${month} cannot be posted: the last posted run is for ${last}, so the next one must be for ${next} or a true-up of ${last}.`,
  run_month_outside_program: (p) =>
    `The run month ${p.month} is outside the program, which runs from ${p.start} to ${p.end}.`,
  currency_unknown: (p) => `"${p.currency}" is not a known ISO 4217 currency code.`,
  date_invalid: (p) =>
    "month" in p
      ? `"${p.month}" is not a month in the form YYYY-MM.`
      : `"${p.date}" is not a calendar date in the form YYYY-MM-DD.`,
  amount_out_of_range: (p) => `The amount ${p.amount} minor units is too large to hold exactly.`,
  amount_invalid: (p) => {
    if (p.problem === "not_whole")
      return `The ${SUBJECTS.en(p.subject)} ${p.amount} is not a whole number of minor units.`;
    if (p.problem === "not_positive")
      return `The ${SUBJECTS.en(p.subject)} must be more than zero, not ${p.amountMinor}.`;
    return `A supplier payment must be more than zero, not ${p.amountMinor} minor units.`;
  },
  allocation_weights_invalid: (p) => {
    if ("total" in p)
      return `The pooled volume ${p.total} does not equal the sum of the members' volumes, ${p.members}.`;
    if ("weight" in p)
      return `Member ${p.memberId} has weight ${p.weight}, not a whole number of minor units.`;
    return `Member ${p.memberId} appears twice among the allocation weights.`;
  },
  journal_unbalanced: (p) =>
    "currency" in p
      ? `The ${p.currency} journal entry does not balance: debits ${p.debits}, credits ${p.credits}.`
      : `Earlier postings do not balance: gross ${p.grossMinor} minus fee ${p.feeMinor} is not the ${p.membersMinor} posted to members.`,
  forecast_period_invalid: (p) =>
    `Cannot project ${p.monthsElapsed} elapsed months over a program of ${p.monthsInProgram} months.`,
  overpayment_note_required: (p) =>
    `The payment of ${p.amountMinor} minor units is more than the ${p.owedMinor} the supplier owes for this program. Add an overpayment note to record it anyway.`,
  batch_nothing_to_pay: (p) =>
    !p.currency
      ? "This payout batch has no line left to pay."
      : p.memberIds
        ? `Member ${p.memberIds.join(", ")} has no ${p.currency} balance at or above the minimum payout (${p.minimumMinor} minor units); it carries forward.`
        : `No member has a ${p.currency} balance at or above the minimum payout (${p.minimumMinor} minor units); every balance carries forward.`,
  batch_four_eyes: (p) =>
    `The consortium requires four eyes: payout batch ${p.batchId} must be approved by an admin other than the one who built it.`,
  batch_not_draft: (p) =>
    `Payout batch ${p.batchId} is already approved; only a draft can be ${PAST_EN[p.action]}.`,
  batch_not_approved: (p) =>
    `Payout batch ${p.batchId} is a draft; it must be approved before it is paid.`,
  batch_already_paid: (p) =>
    `Payout batch ${p.batchId} is already paid; nothing was changed or posted again.`,
  batch_cancelled: (p) =>
    `Payout batch ${p.batchId} is cancelled; it cannot be ${PAST_EN[p.action]}.`,
  payout_exceeds_balance: (p) => {
    const one = p.members.length === 1;
    return `The balance of ${one ? "member" : "members"} ${memberIds(p)} fell below the amount in this batch since it was built (a clawback was posted). Drop ${one ? "that line" : "those lines"} or cancel the batch and build it again.`;
  },
  statement_range_invalid: (p) =>
    `A statement needs two months written YYYY-MM, the first not after the second (got ${p.from} to ${p.to}).`,
  components_invalid: (p) =>
    `The program's components are invalid: ${(p.problems ?? []).map(COMPONENT_PROBLEM_TEXTS.en).join(" ")}`,
  component_input_invalid: (p) => {
    switch (p.problem) {
      case "period_outside":
        return `Sales of ${p.from} to ${p.to} are outside the run, which counts ${p.start} to ${p.end}.`;
      case "period_straddles":
        return `Sales of ${p.from} to ${p.to} cross the edge of bonus "${p.bonus}" on ${p.date}: they must be split there.`;
      case "quantity_invalid":
        return `The quantity ${p.quantity} is not a number.`;
      case "prior_month_outside":
        return `Prior-year volume for ${p.month} is outside the baseline, ${p.from} to ${p.to}.`;
      case "prior_month_repeated":
        return `Prior-year volume for ${p.month} is given more than once.`;
      default: // params from elsewhere than the engine's throw sites
        return "The run was given sales or prior-year figures it cannot place.";
    }
  },
};

const es: Texts = {
  tier_schedule_invalid: (p) =>
    `La tabla de escalas no es válida: ${p.problems.map(TIER_PROBLEM_TEXTS.es).join(" ")}`,
  fee_bps_invalid: (p) =>
    `La comisión de administración de ${p.feeBps} pb no es un número entero de 0 a 10000.`,
  fx_rate_missing: (p) => {
    if (!("missing" in p))
      return `No hay tipo de cambio de ${p.currency} a ${p.to} para ${p.month}.`;
    const listed = p.missing.map((m) => `${m.currency} a ${p.to} para ${m.month}`).join(", ");
    return p.missing.length === 1
      ? `Falta el tipo de cambio de ${listed}: ingréselo antes de ejecutar la asignación.`
      : `Faltan los tipos de cambio de ${listed}: ingréselos antes de ejecutar la asignación.`;
  },
  fx_rate_invalid: (p) =>
    p.problem === "format"
      ? `${shownRate(p)} no es un tipo de cambio válido: escriba un número decimal positivo con hasta 8 decimales, como 0.180196.`
      : `El tipo de cambio ${shownRate(p)} debe ser mayor que cero.`,
  run_month_out_of_order: ({ month, lastPostedMonth: last, allowed: [, next] }) =>
    `No se puede publicar una corrida de ${month}: la última corrida publicada es de ${last}, así que la siguiente debe ser de ${next} o un ajuste de ${last}.`,
  run_month_outside_program: (p) =>
    `El mes de la corrida, ${p.month}, está fuera del programa, que va del ${p.start} al ${p.end}.`,
  currency_unknown: (p) => `"${p.currency}" no es un código de moneda ISO 4217 conocido.`,
  date_invalid: (p) =>
    "month" in p
      ? `"${p.month}" no es un mes con el formato AAAA-MM.`
      : `"${p.date}" no es una fecha válida con el formato AAAA-MM-DD.`,
  amount_out_of_range: (p) =>
    `El monto de ${p.amount} unidades menores es demasiado grande para representarse con exactitud.`,
  amount_invalid: (p) => {
    if (p.problem === "not_whole")
      return `${SUBJECTS.es(p.subject)} (${p.amount}) no es un número entero de unidades menores.`;
    if (p.problem === "not_positive")
      return `${SUBJECTS.es(p.subject)} debe ser mayor que cero, no ${p.amountMinor}.`;
    return `Un pago de proveedor debe ser mayor que cero, no ${p.amountMinor} unidades menores.`;
  },
  allocation_weights_invalid: (p) => {
    if ("total" in p)
      return `El volumen agrupado ${p.total} no es igual a la suma de los volúmenes de los miembros, ${p.members}.`;
    if ("weight" in p)
      return `El miembro ${p.memberId} tiene un peso de ${p.weight}, que no es un número entero de unidades menores.`;
    return `El miembro ${p.memberId} aparece dos veces entre los pesos de asignación.`;
  },
  journal_unbalanced: (p) =>
    "currency" in p
      ? `El asiento contable en ${p.currency} no cuadra: débitos ${p.debits}, créditos ${p.credits}.`
      : `Los asientos anteriores no cuadran: el bruto de ${p.grossMinor} menos la comisión de ${p.feeMinor} no es igual a los ${p.membersMinor} contabilizados a favor de los miembros.`,
  forecast_period_invalid: (p) =>
    `No se pueden proyectar ${p.monthsElapsed} meses transcurridos sobre un programa de ${p.monthsInProgram} meses.`,
  overpayment_note_required: (p) =>
    `El pago de ${p.amountMinor} unidades menores supera los ${p.owedMinor} que el proveedor adeuda en este programa. Agregue una nota de sobrepago para registrarlo de todos modos.`,
  batch_nothing_to_pay: (p) =>
    !p.currency
      ? "A este lote de pago ya no le quedan líneas por pagar."
      : p.memberIds
        ? `El miembro ${p.memberIds.join(", ")} no tiene un saldo en ${p.currency} igual o mayor al pago mínimo (${p.minimumMinor} unidades menores); se arrastra al siguiente periodo.`
        : `Ningún miembro tiene un saldo en ${p.currency} igual o mayor al pago mínimo (${p.minimumMinor} unidades menores); todos los saldos se arrastran.`,
  batch_four_eyes: (p) =>
    `El consorcio exige cuatro ojos: el lote de pago ${p.batchId} debe aprobarlo un administrador distinto de quien lo armó.`,
  batch_not_draft: (p) =>
    `El lote de pago ${p.batchId} ya está aprobado; solo se puede ${INFINITIVE_ES[p.action]} un lote en borrador.`,
  batch_not_approved: (p) =>
    `El lote de pago ${p.batchId} es un borrador; debe aprobarse antes de pagarse.`,
  batch_already_paid: (p) =>
    `El lote de pago ${p.batchId} ya está pagado; no se modificó ni se volvió a contabilizar nada.`,
  batch_cancelled: (p) =>
    `El lote de pago ${p.batchId} está cancelado; ya no se puede ${INFINITIVE_ES[p.action]}.`,
  payout_exceeds_balance: (p) =>
    p.members.length === 1
      ? `El saldo del miembro ${memberIds(p)} quedó por debajo del monto de este lote desde que se armó (se contabilizó una reversión). Quite esa línea o cancele el lote y vuelva a armarlo.`
      : `El saldo de los miembros ${memberIds(p)} quedó por debajo del monto de este lote desde que se armó (se contabilizó una reversión). Quite esas líneas o cancele el lote y vuelva a armarlo.`,
  statement_range_invalid: (p) =>
    `Un estado de cuenta necesita dos meses con el formato AAAA-MM, el primero no posterior al segundo (se recibió de ${p.from} a ${p.to}).`,
  components_invalid: (p) =>
    `Los componentes del programa no son válidos: ${(p.problems ?? []).map(COMPONENT_PROBLEM_TEXTS.es).join(" ")}`,
  component_input_invalid: (p) => {
    switch (p.problem) {
      case "period_outside":
        return `Las ventas del ${p.from} al ${p.to} están fuera de la corrida, que cuenta del ${p.start} al ${p.end}.`;
      case "period_straddles":
        return `Las ventas del ${p.from} al ${p.to} cruzan el límite del bono "${p.bonus}" el ${p.date}: deben separarse en esa fecha.`;
      case "quantity_invalid":
        return `La cantidad ${p.quantity} no es un número.`;
      case "prior_month_outside":
        return `El volumen del año anterior de ${p.month} está fuera de la línea base, de ${p.from} a ${p.to}.`;
      case "prior_month_repeated":
        return `El volumen del año anterior de ${p.month} aparece más de una vez.`;
      default: // params from elsewhere than the engine's throw sites
        return "La corrida recibió ventas o cifras del año anterior que no puede ubicar.";
    }
  },
};

const ptBR: Texts = {
  tier_schedule_invalid: (p) =>
    `A tabela de faixas é inválida: ${p.problems.map(TIER_PROBLEM_TEXTS["pt-BR"]).join(" ")}`,
  fee_bps_invalid: (p) =>
    `A taxa de administração de ${p.feeBps} pb não é um número inteiro de 0 a 10000.`,
  fx_rate_missing: (p) => {
    if (!("missing" in p))
      return `Não há taxa de câmbio de ${p.currency} para ${p.to} em ${p.month}.`;
    const listed = p.missing.map((m) => `${m.currency} para ${p.to} em ${m.month}`).join(", ");
    return p.missing.length === 1
      ? `Falta a taxa de câmbio de ${listed}: cadastre-a antes de executar a alocação.`
      : `Faltam as taxas de câmbio de ${listed}: cadastre-as antes de executar a alocação.`;
  },
  fx_rate_invalid: (p) =>
    p.problem === "format"
      ? `${shownRate(p)} não é uma taxa de câmbio válida: informe um número decimal positivo, com ponto e no máximo 8 casas decimais, como 0.180196.`
      : `A taxa de câmbio ${shownRate(p)} deve ser maior que zero.`,
  run_month_out_of_order: ({ month, lastPostedMonth: last, allowed: [, next] }) =>
    `Não é possível lançar uma apuração de ${month}: a última apuração lançada é de ${last}, então a próxima deve ser de ${next} ou um ajuste de ${last}.`,
  run_month_outside_program: (p) =>
    `O mês da apuração, ${p.month}, está fora do programa, que vai de ${p.start} a ${p.end}.`,
  currency_unknown: (p) => `"${p.currency}" não é um código de moeda ISO 4217 conhecido.`,
  date_invalid: (p) =>
    "month" in p
      ? `"${p.month}" não é um mês no formato AAAA-MM.`
      : `"${p.date}" não é uma data válida no formato AAAA-MM-DD.`,
  amount_out_of_range: (p) =>
    `O valor de ${p.amount} unidades menores é grande demais para ser representado com exatidão.`,
  amount_invalid: (p) => {
    if (p.problem === "not_whole")
      return `${SUBJECTS["pt-BR"](p.subject)} (${p.amount}) não é um número inteiro de unidades menores.`;
    if (p.problem === "not_positive")
      return `${SUBJECTS["pt-BR"](p.subject)} deve ser maior que zero, não ${p.amountMinor}.`;
    return `Um pagamento de fornecedor deve ser maior que zero, não ${p.amountMinor} unidades menores.`;
  },
  allocation_weights_invalid: (p) => {
    if ("total" in p)
      return `O volume agrupado ${p.total} não é igual à soma dos volumes dos membros, ${p.members}.`;
    if ("weight" in p)
      return `O membro ${p.memberId} tem peso ${p.weight}, que não é um número inteiro de unidades menores.`;
    return `O membro ${p.memberId} aparece duas vezes entre os pesos de alocação.`;
  },
  journal_unbalanced: (p) =>
    "currency" in p
      ? `O lançamento contábil em ${p.currency} não está equilibrado: débitos ${p.debits}, créditos ${p.credits}.`
      : `Os lançamentos anteriores não estão equilibrados: o bruto de ${p.grossMinor} menos a taxa de ${p.feeMinor} não é igual aos ${p.membersMinor} lançados para os membros.`,
  forecast_period_invalid: (p) =>
    `Não é possível projetar ${p.monthsElapsed} meses decorridos sobre um programa de ${p.monthsInProgram} meses.`,
  overpayment_note_required: (p) =>
    `O pagamento de ${p.amountMinor} unidades menores é maior que os ${p.owedMinor} que o fornecedor deve neste programa. Adicione uma nota de pagamento a maior para registrá-lo mesmo assim.`,
  batch_nothing_to_pay: (p) =>
    !p.currency
      ? "Este lote de pagamento não tem mais nenhuma linha a pagar."
      : p.memberIds
        ? `O membro ${p.memberIds.join(", ")} não tem saldo em ${p.currency} igual ou acima do pagamento mínimo (${p.minimumMinor} unidades menores); o saldo fica para o próximo período.`
        : `Nenhum membro tem saldo em ${p.currency} igual ou acima do pagamento mínimo (${p.minimumMinor} unidades menores); todos os saldos ficam para o próximo período.`,
  batch_four_eyes: (p) =>
    `O consórcio exige quatro olhos: o lote de pagamento ${p.batchId} deve ser aprovado por um administrador diferente de quem o montou.`,
  batch_not_draft: (p) =>
    `O lote de pagamento ${p.batchId} já está aprovado; só um lote em rascunho pode ser ${PAST_PT[p.action]}.`,
  batch_not_approved: (p) =>
    `O lote de pagamento ${p.batchId} é um rascunho; ele precisa ser aprovado antes de ser pago.`,
  batch_already_paid: (p) =>
    `O lote de pagamento ${p.batchId} já está pago; nada foi alterado nem lançado de novo.`,
  batch_cancelled: (p) =>
    `O lote de pagamento ${p.batchId} está cancelado; ele não pode ser ${PAST_PT[p.action]}.`,
  payout_exceeds_balance: (p) =>
    p.members.length === 1
      ? `O saldo do membro ${memberIds(p)} ficou abaixo do valor deste lote desde que ele foi montado (um estorno foi lançado). Remova essa linha ou cancele o lote e monte-o de novo.`
      : `O saldo dos membros ${memberIds(p)} ficou abaixo do valor deste lote desde que ele foi montado (um estorno foi lançado). Remova essas linhas ou cancele o lote e monte-o de novo.`,
  statement_range_invalid: (p) =>
    `Um extrato precisa de dois meses no formato AAAA-MM, o primeiro não posterior ao segundo (recebido: de ${p.from} a ${p.to}).`,
  components_invalid: (p) =>
    `Os componentes do programa são inválidos: ${(p.problems ?? []).map(COMPONENT_PROBLEM_TEXTS["pt-BR"]).join(" ")}`,
  component_input_invalid: (p) => {
    switch (p.problem) {
      case "period_outside":
        return `As vendas de ${p.from} a ${p.to} estão fora da apuração, que conta de ${p.start} a ${p.end}.`;
      case "period_straddles":
        return `As vendas de ${p.from} a ${p.to} cruzam o limite do bônus "${p.bonus}" em ${p.date}: devem ser separadas nessa data.`;
      case "quantity_invalid":
        return `A quantidade ${p.quantity} não é um número.`;
      case "prior_month_outside":
        return `O volume do ano anterior de ${p.month} está fora da linha de base, de ${p.from} a ${p.to}.`;
      case "prior_month_repeated":
        return `O volume do ano anterior de ${p.month} aparece mais de uma vez.`;
      default: // params from elsewhere than the engine's throw sites
        return "A apuração recebeu vendas ou valores do ano anterior que não consegue situar.";
    }
  },
};

export const ENGINE_TEXTS: LocalizedTexts<EngineErrorCode> = { en, es, "pt-BR": ptBR };
