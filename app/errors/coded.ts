// The one shape of a refusal in every layer: a code from the area's closed union, the values its
// message names (params), and, where the caller needs them, details sent with the error (field
// problems, ids). Areas never pick an HTTP status or a language: the edge maps the code to both.

export type ErrorParams = Record<string, unknown>;

/** The text of each code of an area, written from the error's params. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorTexts<C extends string> = { readonly [K in C]: (p: any) => string };

/** An area's texts in every language of the portal (en is also the error's own message). */
export type LocalizedTexts<C extends string> = {
  readonly en: ErrorTexts<C>;
  readonly es: ErrorTexts<C>;
  readonly "pt-BR": ErrorTexts<C>;
};

export abstract class CodedError<C extends string = string> extends Error {
  readonly code: C;
  declare readonly params: ErrorParams;
  readonly details?: unknown;

  protected constructor(
    texts: ErrorTexts<C>,
    code: C,
    params: ErrorParams = {},
    details?: unknown,
  ) {
    super(texts[code](params));
    this.code = code;
    // Not enumerable: params are for the message, details are what a caller is sent.
    Object.defineProperty(this, "params", { value: params, enumerable: false });
    this.details = details;
  }
}

/**
 * Where a refusal about one input field points: the field, whether the message names it, and
 * the field problems to send instead of the message (an engine check may find several).
 */
export type FieldScope = { path: string; named: boolean; details?: unknown };

/**
 * The same refusal, told about one input field (an engine check run on a form or API field): the
 * edge names the field in the details, and in the message too when `named`.
 */
export function inField<E extends CodedError>(
  error: E,
  path: string,
  options: { named: boolean; details?: unknown },
): E {
  Object.defineProperty(error, "field", { value: { path, ...options } });
  return error;
}

export function fieldOf(error: CodedError): FieldScope | undefined {
  return (error as CodedError & { field?: FieldScope }).field;
}

export function isCodedError(value: unknown): value is CodedError {
  return value instanceof CodedError;
}
