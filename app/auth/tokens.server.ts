// A user's own API tokens, for every role: the tokens screens (/account/tokens, /supplier/tokens)
// and the API (GET /api/v1/tokens, POST /api/v1/tokens/:id/revoke) list, create and revoke
// through here, each change audited (decision 041).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import type { Role } from "@db/schema";
import { formFailure } from "~/http/forms.server";
import { tokenList } from "~/http/own-lists.server";
import {
  getOwnToken,
  issueToken,
  listTokens,
  revokeToken,
  type ListedToken,
} from "~/models/api-tokens.server";
import { recordAudit } from "~/models/audit.server";
import { notFound } from "~/models/errors";
import { TOKEN_DAYS_CHOICES, TOKEN_DAYS_MAX, tokenForm } from "~/schemas/tokens";
import { authorize, type Actor } from "./authorize.server";
import { tokenExpiry } from "./limits";

type Owner = Pick<Actor, "id" | "email">;

export const listOwnTokens = (actor: Owner): ListedToken[] => listTokens(actor.id);

/**
 * A new token of the actor's, living `days` (90 when left out); its secret is shown only now.
 * Created on a screen it is audited as `token.create`; exchanged for a password through the API
 * the sign-in itself is the audit entry (`login.ok`).
 */
export function createOwnToken(
  actor: Owner,
  name: string,
  days: number | undefined,
  ip?: string,
  { audited = true } = {},
) {
  const issued = issueToken(actor.id, name, tokenExpiry(Date.now(), days ?? TOKEN_DAYS_MAX));
  if (audited)
    recordAudit(
      actor,
      "token.create",
      { type: "api_token", id: issued.id },
      { name, expiresAt: issued.expiresAt },
      ip,
    );
  return { ...issued, name };
}

/** Revokes one of the actor's own tokens (again: no change); someone else's is not found. */
export function revokeOwnToken(actor: Owner, tokenId: number, ip?: string): ListedToken {
  const token = getOwnToken(actor.id, tokenId);
  if (!token) throw notFound("token");
  if (token.revokedAt) return token;
  if (revokeToken(actor.id, tokenId))
    recordAudit(actor, "token.revoke", { type: "api_token", id: tokenId }, {}, ip);
  return getOwnToken(actor.id, tokenId)!;
}

// ── The tokens screen, shared by every role's route ──

export async function tokensPageLoader({ request }: LoaderFunctionArgs, roles: readonly Role[]) {
  const actor = await authorize(request, { roles });
  return {
    ...tokenList(request, actor),
    choices: TOKEN_DAYS_CHOICES,
    defaultDays: TOKEN_DAYS_MAX,
  };
}

const revokeForm = z.object({ tokenId: z.coerce.number().int().positive() });

/** Creates a token (shown once, in this answer only) or revokes one of the user's own. */
export async function tokensPageAction(
  { request, context }: ActionFunctionArgs,
  roles: readonly Role[],
) {
  const actor = await authorize(request, { roles });
  const ip = context.ip as string | undefined;
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent === "revoke") {
      const { tokenId } = revokeForm.parse(form);
      if (getOwnToken(actor.id, tokenId)?.revokedAt) throw notFound("token");
      revokeOwnToken(actor, tokenId, ip);
      return Response.json({ revoked: tokenId });
    }
    const { name, days } = tokenForm.parse(form);
    const { id, token, expiresAt } = createOwnToken(actor, name, days, ip);
    return Response.json({ created: { id, name, token, expiresAt } });
  } catch (error) {
    return formFailure(request, error, form);
  }
}
