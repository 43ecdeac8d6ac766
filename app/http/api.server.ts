// Wraps an API route handler so every failure leaves as a JSON error with the right status.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { HttpError, jsonError } from "./errors.server";

type Args = LoaderFunctionArgs | ActionFunctionArgs;

export function apiRoute<A extends Args>(handler: (args: A) => Promise<Response> | Response) {
  return async (args: A): Promise<Response> => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof Response) return asJsonError(error);
      return jsonError(error);
    }
  };
}

/** A Response thrown by shared code (e.g. a 404 for a malformed id) still leaves as a JSON error. */
async function asJsonError(response: Response): Promise<Response> {
  if (response.status < 400 || response.headers.get("Content-Type")?.includes("json"))
    return response;
  const code = response.status === 404 ? "not_found" : "error";
  const message = response.status === 404 ? "This was not found." : await response.text();
  return jsonError(new HttpError(response.status, code, message));
}

/** Parses a JSON body, turning malformed JSON into a 400. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw Object.assign(new Error("The request body is not valid JSON."), {
      code: "bad_json",
      status: 400,
    });
  }
}

/** Only the named methods are allowed on this path. */
export function allowMethods(request: Request, ...methods: string[]) {
  if (!methods.includes(request.method)) {
    throw Object.assign(new Error(`${request.method} is not allowed here.`), {
      code: "method_not_allowed",
      status: 405,
    });
  }
}

/** A JSON body that may be left out: an empty body is undefined, malformed JSON a 400. */
export async function readOptionalJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error("The request body is not valid JSON."), {
      code: "bad_json",
      status: 400,
    });
  }
}
