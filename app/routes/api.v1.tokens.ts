import type { ActionFunctionArgs } from "@remix-run/node";
import { attemptLogin } from "~/auth/login.server";
import { authorize } from "~/auth/authorize.server";
import { createOwnToken, listOwnTokens } from "~/auth/tokens.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { AuthError } from "~/auth/errors";
import { tokenRequest } from "~/schemas/tokens";

/** Exchanges e-mail and password for a token (90 days, or `expiresInDays` if shorter): 201. */
export const action = apiRoute(async ({ request, context }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const input = tokenRequest.parse(await readJson(request));
  const ip = context.ip ?? "unknown";
  const outcome = await attemptLogin(input.email, input.password, ip);
  if (!outcome.ok && outcome.reason === "throttled") {
    throw new AuthError("too_many_attempts", { retryAfter: outcome.retryAfter });
  }
  if (!outcome.ok) throw new AuthError("invalid_credentials");
  const { id, token, expiresAt } = createOwnToken(
    outcome.user,
    input.name ?? "api",
    input.expiresInDays,
    ip,
    { audited: false },
  );
  return Response.json({ token, id, expiresAt }, { status: 201 });
});

/** The caller's own tokens, newest first (never their secrets). */
export const loader = apiRoute(async ({ request }) => {
  allowMethods(request, "GET");
  const actor = await authorize(request, { roles: ["admin", "supplier", "member"] });
  return Response.json(listOwnTokens(actor));
});
