// Wraps an API route handler so every failure leaves as a JSON error with the right status.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/models/errors";
import { EdgeError, jsonError } from "./errors.server";
import { readerLocale } from "./reader.server";

type Args = LoaderFunctionArgs | ActionFunctionArgs;

export function apiRoute<A extends Args>(handler: (args: A) => Promise<Response> | Response) {
  return async (args: A): Promise<Response> => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof Response) return asJsonError(error, args.request);
      return jsonError(error, readerLocale(args.request));
    }
  };
}

/** A Response thrown by shared code (e.g. a 404 for a malformed id) still leaves as a JSON error. */
function asJsonError(response: Response, request: Request): Response {
  if (response.status !== 404 || response.headers.get("Content-Type")?.includes("json"))
    return response;
  return jsonError(notFound("this"), readerLocale(request));
}

/** Parses a JSON body, turning malformed JSON into a 400. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new EdgeError("bad_json");
  }
}

/** Only the named methods are allowed on this path. */
export function allowMethods(request: Request, ...methods: string[]) {
  if (!methods.includes(request.method))
    throw new EdgeError("method_not_allowed", { method: request.method });
}

/** A JSON body that may be left out: an empty body is undefined, malformed JSON a 400. */
export async function readOptionalJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new EdgeError("bad_json");
  }
}
