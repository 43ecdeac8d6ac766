import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { attemptLogin } from "~/auth/login.server";
import { issueToken } from "~/auth/tokens.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { HttpError } from "~/http/errors.server";

const credentials = z.object({
  email: z.string().trim().min(1),
  password: z.string().min(1),
  name: z.string().max(100).optional(),
});

export const action = apiRoute(async ({ request, context }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const input = credentials.parse(await readJson(request));
  const outcome = await attemptLogin(input.email, input.password, context.ip ?? "unknown");
  if (!outcome.ok && outcome.reason === "throttled") {
    throw new HttpError(
      429,
      "too_many_attempts",
      `Too many failed attempts. Try again in ${outcome.retryAfter} seconds.`,
    );
  }
  if (!outcome.ok) throw new HttpError(401, "invalid_credentials", "Wrong e-mail or password.");
  return Response.json(
    { token: issueToken(outcome.user.id, input.name ?? "api") },
    { status: 201 },
  );
});

export const loader = apiRoute(({ request }) => {
  allowMethods(request, "POST");
  return new Response(null);
});
