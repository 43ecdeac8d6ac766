// Failures of page loaders and file downloads, answered as plain responses with their status and
// the message in the reader's language (API routes answer JSON through apiRoute instead).
import { toAnswer } from "./errors.server";
import { readerLocale } from "./reader.server";

export function refusalResponse(request: Request, error: unknown): Response {
  if (error instanceof Response) return error;
  const e = toAnswer(error, readerLocale(request));
  return new Response(e.message, { status: e.status, statusText: e.code });
}

/** Runs a loader's work; a refusal leaves as a plain response with its status. */
export function orRefusal<T>(request: Request, work: () => T): T {
  const refuse = (error: unknown): never => {
    throw refusalResponse(request, error);
  };
  try {
    const result = work();
    return (result instanceof Promise ? result.catch(refuse) : result) as T;
  } catch (error) {
    return refuse(error);
  }
}
