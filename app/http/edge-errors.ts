// Refusals of the HTTP edge itself: a body that is not JSON, a method the path does not take,
// a body over its limit, a malformed header, a page sent something other than a form, and our
// own failure.
import { CodedError, type ErrorParams, type LocalizedTexts } from "~/errors/coded";

export const EDGE_ERROR_CODES = [
  "bad_json",
  "method_not_allowed",
  "body_too_large",
  "bad_header",
  "unsupported_media_type",
  "internal",
] as const;
export type EdgeErrorCode = (typeof EDGE_ERROR_CODES)[number];

/** A byte count as whole MiB (limits are set in MiB). */
const mib = (bytes: unknown) => Math.round(Number(bytes) / (1024 * 1024));

export const EDGE_TEXTS: LocalizedTexts<EdgeErrorCode> = {
  en: {
    bad_json: () => "The request body is not valid JSON.",
    method_not_allowed: (p) => `${p.method} is not allowed here.`,
    body_too_large: (p) =>
      `The request is larger than ${mib(p.maxBytes)} MiB, the most this address takes.`,
    bad_header: (p) => `The ${p.header} header of the request is malformed.`,
    unsupported_media_type: (p) =>
      `This address takes a form (application/x-www-form-urlencoded), not ${p.type}.`,
    internal: () => "Something went wrong on our side. Nothing was changed.",
  },
  es: {
    bad_json: () => "El cuerpo de la solicitud no es JSON válido.",
    method_not_allowed: (p) => `${p.method} no está permitido aquí.`,
    body_too_large: (p) =>
      `La solicitud pesa más de ${mib(p.maxBytes)} MiB, lo máximo que acepta esta dirección.`,
    bad_header: (p) => `La cabecera ${p.header} de la solicitud está mal formada.`,
    unsupported_media_type: (p) =>
      `Esta dirección recibe un formulario (application/x-www-form-urlencoded), no ${p.type}.`,
    internal: () => "Algo falló de nuestro lado. No se cambió nada.",
  },
  "pt-BR": {
    bad_json: () => "O corpo da requisição não é um JSON válido.",
    method_not_allowed: (p) => `${p.method} não é permitido aqui.`,
    body_too_large: (p) =>
      `A requisição tem mais de ${mib(p.maxBytes)} MiB, o máximo que este endereço aceita.`,
    bad_header: (p) => `O cabeçalho ${p.header} da requisição está malformado.`,
    unsupported_media_type: (p) =>
      `Este endereço recebe um formulário (application/x-www-form-urlencoded), não ${p.type}.`,
    internal: () => "Algo deu errado do nosso lado. Nada foi alterado.",
  },
};

export class EdgeError extends CodedError<EdgeErrorCode> {
  constructor(code: EdgeErrorCode, params: ErrorParams = {}) {
    super(EDGE_TEXTS.en, code, params);
    this.name = "EdgeError";
  }
}
