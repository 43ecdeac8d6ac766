// errorMessage(code, params, locale): the text of every error code of every area, in the
// reader's language. Each area keeps its texts beside its codes; this is where they meet.
import { AUTH_ERROR_CODES, type AuthErrorCode } from "~/auth/errors";
import { AUTH_TEXTS } from "~/auth/error-texts";
import type { ErrorParams, ErrorTexts } from "~/errors/coded";
import type { Locale } from "~/i18n/locale";
import { MODEL_ERROR_CODES, type ModelErrorCode } from "~/models/errors";
import { MODEL_TEXTS } from "~/models/error-texts";
import { ENGINE_ERROR_CODES, type EngineErrorCode } from "~/refunds/errors";
import { ENGINE_TEXTS } from "~/refunds/error-texts";
import { PIPELINE_ERROR_CODES, type PipelineErrorCode } from "@imports/errors";
import { PIPELINE_TEXTS } from "@imports/error-texts";
import { EDGE_ERROR_CODES, EDGE_TEXTS, type EdgeErrorCode } from "./edge-errors";

export type ErrorCode =
  EngineErrorCode | PipelineErrorCode | ModelErrorCode | AuthErrorCode | EdgeErrorCode;

export const ERROR_CODES: readonly ErrorCode[] = [
  ...ENGINE_ERROR_CODES,
  ...PIPELINE_ERROR_CODES,
  ...MODEL_ERROR_CODES,
  ...AUTH_ERROR_CODES,
  ...EDGE_ERROR_CODES,
];

const TEXTS: Record<Locale, ErrorTexts<ErrorCode>> = {
  en: merged("en"),
  es: merged("es"),
  "pt-BR": merged("pt-BR"),
};

function merged(locale: Locale): ErrorTexts<ErrorCode> {
  return {
    ...ENGINE_TEXTS[locale],
    ...PIPELINE_TEXTS[locale],
    ...MODEL_TEXTS[locale],
    ...AUTH_TEXTS[locale],
    ...EDGE_TEXTS[locale],
  };
}

export function errorMessage(code: ErrorCode, params: ErrorParams, locale: Locale): string {
  return TEXTS[locale][code](params);
}
