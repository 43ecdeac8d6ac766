// Refusals of authentication and authorization: who you are, and whether you may.
import { CodedError, type ErrorParams } from "~/errors/coded";
import { AUTH_TEXTS } from "./error-texts";

export const AUTH_ERROR_CODES = [
  "unauthorized",
  "forbidden",
  "invalid_credentials",
  "too_many_attempts",
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export class AuthError extends CodedError<AuthErrorCode> {
  constructor(code: AuthErrorCode, params: ErrorParams = {}) {
    super(AUTH_TEXTS.en, code, params);
    this.name = "AuthError";
  }
}
