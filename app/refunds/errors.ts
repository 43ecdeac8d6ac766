// Domain errors of the refund engine: a typed code the edges map to HTTP statuses, the values
// its message names (params) and the details sent to callers. The message comes from the
// code's text in error-texts.ts (English here; the edge picks the reader's language).
import { CodedError, type ErrorParams } from "~/errors/coded";
import { ENGINE_TEXTS } from "./error-texts";

export const ENGINE_ERROR_CODES = [
  "tier_schedule_invalid",
  "fee_bps_invalid",
  "fx_rate_missing",
  "fx_rate_invalid",
  "run_month_out_of_order",
  "run_month_outside_program",
  "currency_unknown",
  "date_invalid",
  "amount_out_of_range",
  "amount_invalid",
  "allocation_weights_invalid",
  "journal_unbalanced",
  "forecast_period_invalid",
  "overpayment_note_required",
  "batch_nothing_to_pay",
  "batch_four_eyes",
  "batch_not_draft",
  "batch_not_approved",
  "batch_already_paid",
  "batch_cancelled",
  "payout_exceeds_balance",
  "statement_range_invalid",
  "components_invalid",
  "component_input_invalid",
] as const;

export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];
export type DomainErrorCode = EngineErrorCode;

export class DomainError extends CodedError<EngineErrorCode> {
  declare readonly details?: Record<string, unknown>;

  constructor(code: EngineErrorCode, params: ErrorParams = {}, details?: Record<string, unknown>) {
    super(ENGINE_TEXTS.en, code, params, details);
    this.name = "DomainError";
  }
}

export function isDomainError(value: unknown, code?: EngineErrorCode): value is DomainError {
  return value instanceof DomainError && (code === undefined || value.code === code);
}
