// Refusals of the HTTP edge itself: a body that is not JSON, a method the path does not take,
// and our own failure.
import { CodedError, type ErrorParams, type LocalizedTexts } from "~/errors/coded";

export const EDGE_ERROR_CODES = ["bad_json", "method_not_allowed", "internal"] as const;
export type EdgeErrorCode = (typeof EDGE_ERROR_CODES)[number];

export const EDGE_TEXTS: LocalizedTexts<EdgeErrorCode> = {
  en: {
    bad_json: () => "The request body is not valid JSON.",
    method_not_allowed: (p) => `${p.method} is not allowed here.`,
    internal: () => "Something went wrong on our side. Nothing was changed.",
  },
  es: {
    bad_json: () => "El cuerpo de la solicitud no es JSON válido.",
    method_not_allowed: (p) => `${p.method} no está permitido aquí.`,
    internal: () => "Algo falló de nuestro lado. No se cambió nada.",
  },
  "pt-BR": {
    bad_json: () => "O corpo da requisição não é um JSON válido.",
    method_not_allowed: (p) => `${p.method} não é permitido aqui.`,
    internal: () => "Algo deu errado do nosso lado. Nada foi alterado.",
  },
};

export class EdgeError extends CodedError<EdgeErrorCode> {
  constructor(code: EdgeErrorCode, params: ErrorParams = {}) {
    super(EDGE_TEXTS.en, code, params);
    this.name = "EdgeError";
  }
}
