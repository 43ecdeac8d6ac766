// Domain errors of the refund engine: a typed code the edges map to HTTP statuses
// and form messages, and a plain-English message naming the offending values.

export type DomainErrorCode =
  | "tier_schedule_invalid"
  | "fee_bps_invalid"
  | "fx_rate_missing"
  | "fx_rate_invalid"
  | "run_month_out_of_order"
  | "run_month_outside_program"
  | "currency_unknown"
  | "date_invalid"
  | "amount_out_of_range"
  | "amount_invalid"
  | "allocation_weights_invalid"
  | "journal_unbalanced"
  | "forecast_period_invalid"
  | "overpayment_note_required"
  | "batch_nothing_to_pay"
  | "batch_four_eyes"
  | "batch_not_draft"
  | "batch_not_approved"
  | "batch_already_paid"
  | "batch_cancelled"
  | "payout_exceeds_balance"
  | "statement_range_invalid";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: DomainErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(value: unknown, code?: DomainErrorCode): value is DomainError {
  return value instanceof DomainError && (code === undefined || value.code === code);
}
