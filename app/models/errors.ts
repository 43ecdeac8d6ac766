// Refusals of the models: a code from this closed list, the values its text names, and the
// details a caller is sent. Statuses and languages are the edge's business (app/http).
import { CodedError, type ErrorParams } from "~/errors/coded";
import type { ReasonKey } from "~/schemas/reasons";
import { MODEL_TEXTS, type Entity } from "./error-texts";

export const MODEL_ERROR_CODES = [
  "not_found",
  "bad_request",
  "supplier_exists",
  "member_exists",
  "user_exists",
  "invitation_invalid",
  "invitation_used",
  "password_reset_invalid",
  "duplicate_file",
  "program_locked",
  "key_is_member_tax_id",
  "member_reserved",
  "batch_reference_taken",
  "bank_details_invalid",
  "run_stale",
  "report_missing",
  "report_not_active",
  // Member claims (SPEC 5.2): refusals, and the outcome notes of invoices in an upload.
  "tax_id_taken",
  "claim_not_pending",
  "claim_proof_type",
  "claim_upload_empty",
  "invoice_addressed_elsewhere",
  "invoice_already_claimed",
  "invoice_in_future",
  "invoice_outside_programs",
  "invoice_issuer_not_preferred",
  "invoice_not_a_sale",
] as const;
export type ModelErrorCode = (typeof MODEL_ERROR_CODES)[number];

export class ModelError extends CodedError<ModelErrorCode> {
  constructor(code: ModelErrorCode, params: ErrorParams = {}, details?: unknown) {
    super(MODEL_TEXTS.en, code, params, details);
    this.name = "ModelError";
  }
}

export type { Entity };

export const notFound = (what: Entity) => new ModelError("not_found", { what });

/** A field problem told by reason key, so the edge can say it in the reader's language. */
export type FieldProblem = { path: string; reason: ReasonKey; params?: ErrorParams };

/**
 * Input that cannot be used: `reason` names why (a key of app/schemas/reasons), `field` the input
 * it concerns (the message then reads "field: reason" and the details name the field, unless
 * `problems` says otherwise).
 */
export function invalid(
  reason: ReasonKey,
  params: ErrorParams & { field?: string } = {},
  problems?: FieldProblem[],
) {
  const { field } = params;
  const details = problems ?? (field ? [{ path: field, reason, params }] : undefined);
  return new ModelError("bad_request", { ...params, reason }, details);
}

export const conflict = (code: ModelErrorCode, params: ErrorParams = {}, details?: unknown) =>
  new ModelError(code, params, details);
