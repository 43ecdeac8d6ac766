// Wraps an API route handler so every failure leaves as a JSON error with the right status.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { jsonError } from "./errors.server";

type Args = LoaderFunctionArgs | ActionFunctionArgs;

export function apiRoute<A extends Args>(handler: (args: A) => Promise<Response> | Response) {
  return async (args: A): Promise<Response> => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof Response) return error;
      return jsonError(error);
    }
  };
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
