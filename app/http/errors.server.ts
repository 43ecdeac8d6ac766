// The edge's one mapping from failures to answers: every error code of every area gets its HTTP
// status here (and nowhere else), and its message in the reader's language.
import { ZodError } from "zod";
import type { AuthErrorCode } from "~/auth/errors";
import { fieldOf, isCodedError } from "~/errors/coded";
import type { Locale } from "~/i18n/locale";
import type { ModelErrorCode } from "~/models/errors";
import type { EngineErrorCode } from "~/refunds/errors";
import { issueMessage, reasonText, type ReasonKey } from "~/schemas/reasons";
import type { PipelineErrorCode } from "@imports/errors";
import { EdgeError, type EdgeErrorCode } from "./edge-errors";
import { errorMessage, type ErrorCode } from "./error-messages";

export type { ErrorCode };

type Status = 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429 | 500;

const ENGINE_STATUS: Record<EngineErrorCode, Status> = {
  tier_schedule_invalid: 400,
  fee_bps_invalid: 400,
  fx_rate_missing: 409,
  fx_rate_invalid: 400,
  run_month_out_of_order: 409,
  run_month_outside_program: 400,
  currency_unknown: 400,
  date_invalid: 422,
  amount_out_of_range: 422,
  amount_invalid: 400,
  allocation_weights_invalid: 422,
  journal_unbalanced: 422,
  forecast_period_invalid: 422,
  overpayment_note_required: 400,
  batch_nothing_to_pay: 409,
  batch_four_eyes: 403,
  batch_not_draft: 409,
  batch_not_approved: 409,
  batch_already_paid: 409,
  batch_cancelled: 409,
  payout_exceeds_balance: 409,
  statement_range_invalid: 400,
  components_invalid: 400,
  component_input_invalid: 422,
};

const PIPELINE_STATUS: Record<PipelineErrorCode, Status> = {
  file_too_large: 413,
  zip_bomb: 422,
  not_a_spreadsheet: 422,
  file_empty: 422,
  truncated_file: 422,
  malformed_csv: 422,
  too_many_rows: 422,
  too_many_columns: 422,
  header_not_found: 422,
  oversized_content: 422,
  claims_upload_too_large: 413,
  claims_zip_refused: 422,
  claims_zip_bomb: 422,
  zip_entry_refused: 422,
  invoice_not_xml: 422,
  invoice_dtd: 422,
  invoice_malformed: 422,
  invoice_unsupported: 422,
  invoice_too_large: 422,
  invoice_field: 422,
  invoice_totals: 422,
  invoice_access_key: 422,
  nfe_not_normal: 422,
};

const MODEL_STATUS: Record<ModelErrorCode, Status> = {
  not_found: 404,
  bad_request: 400,
  supplier_exists: 409,
  member_exists: 409,
  user_exists: 409,
  invitation_invalid: 410,
  invitation_used: 409,
  password_reset_invalid: 410,
  duplicate_file: 409,
  program_locked: 409,
  key_is_member_tax_id: 409,
  member_reserved: 409,
  batch_reference_taken: 409,
  bank_details_invalid: 409,
  run_stale: 409,
  report_missing: 409,
  report_not_active: 409,
  tax_id_taken: 409,
  claim_not_pending: 409,
  claim_proof_type: 422,
  claim_upload_empty: 422,
  invoice_addressed_elsewhere: 422,
  invoice_already_claimed: 409,
  invoice_in_future: 422,
  invoice_outside_programs: 422,
  invoice_issuer_not_preferred: 422,
  invoice_not_a_sale: 422,
};

const AUTH_STATUS: Record<AuthErrorCode, Status> = {
  unauthorized: 401,
  forbidden: 403,
  invalid_credentials: 401,
  too_many_attempts: 429,
};

const EDGE_STATUS: Record<EdgeErrorCode, Status> = {
  bad_json: 400,
  method_not_allowed: 405,
  body_too_large: 413,
  bad_header: 400,
  unsupported_media_type: 415,
  internal: 500,
};

/** Every code's status: a code added to an area's union without one here does not compile. */
export const STATUS: Record<ErrorCode, Status> = {
  ...ENGINE_STATUS,
  ...PIPELINE_STATUS,
  ...MODEL_STATUS,
  ...AUTH_STATUS,
  ...EDGE_STATUS,
};

/** A failure as the edge answers it: status, code, the reader's message, details. */
export type Answer = { status: Status; code: ErrorCode; message: string; details?: unknown };

type FieldProblem = { path: string; reason?: ReasonKey; params?: Record<string, unknown> };

/** Field problems named by reason key are told in the reader's language; others pass as they are. */
function localizeDetails(details: unknown, locale: Locale): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d: FieldProblem & { message?: string }) =>
    d && typeof d === "object" && d.reason
      ? { path: d.path, message: reasonText(d.reason, d.params ?? {}, locale) }
      : d,
  );
}

/** Any thrown value as the answer to send; unknown errors become 500 without leaking internals. */
export function toAnswer(error: unknown, locale: Locale): Answer {
  if (error instanceof ZodError) {
    const details = error.issues.map((i) => ({
      path: i.path.join("."),
      message: issueMessage(i, locale),
    }));
    const first = details[0];
    return {
      status: 400,
      code: "bad_request",
      message: `${first.path || "input"}: ${first.message}`,
      details,
    };
  }
  if (isCodedError(error) && error.code in STATUS) {
    const code = error.code as ErrorCode;
    const text = errorMessage(code, error.params, locale);
    const field = fieldOf(error);
    const details = field
      ? (field.details ?? [{ path: field.path, message: text }])
      : localizeDetails(error.details, locale);
    return {
      status: STATUS[code],
      code,
      message: field?.named ? `${field.path}: ${text}` : text,
      details,
    };
  }
  console.error(error);
  return toAnswer(new EdgeError("internal"), locale);
}

export function jsonError(error: unknown, locale: Locale): Response {
  const e = toAnswer(error, locale);
  const body = {
    error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) },
  };
  return Response.json(body, { status: e.status });
}

export { EdgeError };
