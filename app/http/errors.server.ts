// One mapping from failures (typed domain errors, bad input) to HTTP responses and messages.
import { ZodError } from "zod";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new HttpError(400, "bad_request", message, details);
export const unauthorized = (message = "Sign in first.") =>
  new HttpError(401, "unauthorized", message);
export const forbidden = (message = "You may not see or change this.") =>
  new HttpError(403, "forbidden", message);
export const notFound = (what = "This") =>
  new HttpError(404, "not_found", `${what} was not found.`);
export const conflict = (code: string, message: string, details?: unknown) =>
  new HttpError(409, code, message, details);

/** Status for a domain error code (from the engine or the import pipeline). */
const STATUS_BY_CODE: Record<string, number> = {
  tier_schedule_invalid: 400,
  fx_rate_invalid: 400,
  currency_unknown: 400,
  fx_rate_missing: 409,
  run_month_out_of_order: 409,
  run_month_outside_program: 400,
  run_stale: 409,
  file_too_large: 413,
  duplicate_file: 409,
  amount_invalid: 400,
  overpayment_note_required: 400,
  statement_range_invalid: 400,
  batch_four_eyes: 403,
  batch_nothing_to_pay: 409,
  batch_not_draft: 409,
  batch_not_approved: 409,
  batch_already_paid: 409,
  batch_cancelled: 409,
  member_reserved: 409,
  payout_exceeds_balance: 409,
};

type Coded = Error & { code: string; details?: unknown; status?: number };

function isCoded(error: unknown): error is Coded {
  return error instanceof Error && typeof (error as Coded).code === "string";
}

/** Any thrown value as an HttpError; unknown errors become 500 without leaking internals. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ZodError) {
    const details = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const first = details[0];
    return badRequest(
      first ? `${first.path || "input"}: ${first.message}` : "Invalid input.",
      details,
    );
  }
  // Database and system errors carry codes too (SQLITE_*, ENOENT): those are ours, a 500.
  if (isCoded(error) && !("errno" in error) && !error.code.startsWith("SQLITE_")) {
    const status = error.status ?? STATUS_BY_CODE[error.code] ?? 422;
    return new HttpError(status, error.code, error.message, error.details);
  }
  console.error(error);
  return new HttpError(500, "internal", "Something went wrong on our side. Nothing was changed.");
}

export function jsonError(error: unknown): Response {
  const e = toHttpError(error);
  const body = {
    error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) },
  };
  return Response.json(body, { status: e.status });
}
