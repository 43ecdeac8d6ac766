import type { ActionFunctionArgs } from "@remix-run/node";
import { attemptLogin } from "~/auth/login.server";
import { issueToken } from "~/models/api-tokens.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { AuthError } from "~/auth/errors";
import { tokenRequest } from "~/schemas/tokens";

export const action = apiRoute(async ({ request, context }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const input = tokenRequest.parse(await readJson(request));
  const outcome = await attemptLogin(input.email, input.password, context.ip ?? "unknown");
  if (!outcome.ok && outcome.reason === "throttled") {
    throw new AuthError("too_many_attempts", { retryAfter: outcome.retryAfter });
  }
  if (!outcome.ok) throw new AuthError("invalid_credentials");
  return Response.json(
    { token: issueToken(outcome.user.id, input.name ?? "api") },
    { status: 201 },
  );
});

export const loader = apiRoute(({ request }) => {
  allowMethods(request, "POST");
  return new Response(null);
});
