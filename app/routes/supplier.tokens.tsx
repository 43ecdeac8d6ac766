import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { authorize } from "~/auth/authorize.server";
import { issueToken, listTokens, revokeToken } from "~/models/api-tokens.server";
import { fieldErrors } from "~/components/forms/Field";
import { notFound } from "~/models/errors";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { recordAudit } from "~/models/audit.server";
import reportStyles from "~/styles/reports.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  return { tokens: listTokens(actor.id).sort((a, b) => b.id - a.id) };
}

const createForm = z.object({
  name: z.string().trim().min(1, "token_name_required").max(80, "at_most_characters"),
});
const revokeForm = z.object({ tokenId: z.coerce.number().int().positive() });

/** Creates a token (shown once, in this answer only) or revokes one of the user's own. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["supplier"] });
  const ip = context.ip as string | undefined;
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent === "revoke") {
      const { tokenId } = revokeForm.parse(form);
      if (!revokeToken(actor.id, tokenId)) throw notFound("token");
      recordAudit(actor, "token.revoke", { type: "api_token", id: tokenId }, {}, ip);
      return Response.json({ revoked: tokenId });
    }
    const { name } = createForm.parse(form);
    const token = issueToken(actor.id, name);
    const id = Math.max(...listTokens(actor.id).map((x) => x.id));
    recordAudit(actor, "token.create", { type: "api_token", id }, { name }, ip);
    return Response.json({ created: { id, name, token } });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

type ActionData = {
  created?: { id: number; name: string; token: string };
  revoked?: number;
  message?: string;
  details?: unknown;
};

export default function Tokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const busy = useNavigation().state === "submitting";
  const { t, date } = useI18n();
  const errors = fieldErrors(result?.details);
  return (
    <>
      <h1>{t("reports.tokensTitle")}</h1>
      <p>{t("reports.tokensIntro")}</p>
      {/* A new key after each creation empties the name field. */}
      <Form method="post" className="toolbar" key={result?.created?.id ?? "new"}>
        <input type="hidden" name="intent" value="create" />
        <label className="field">
          <span>{t("reports.tokenName")}</span>
          <input
            name="name"
            required
            maxLength={80}
            aria-invalid={errors.name ? true : undefined}
          />
          {errors.name ? <em className="error">{errors.name}</em> : null}
        </label>
        <button type="submit" disabled={busy}>
          {t("reports.tokenCreate")}
        </button>
      </Form>
      {result?.message && !errors.name ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      {result?.created ? (
        <div className="notice" role="status" data-testid="new-token">
          <p>{t("reports.tokenShownOnce", { name: result.created.name })}</p>
          <code className="link token-once">{result.created.token}</code>
        </div>
      ) : null}
      {result?.revoked ? (
        <p className="notice" role="status">
          {t("reports.tokenRevoked")}
        </p>
      ) : null}
      <table data-testid="tokens">
        <thead>
          <tr>
            <th>{t("reports.tokenName")}</th>
            <th>{t("reports.tokenCreated")}</th>
            <th>{t("reports.tokenLastUsed")}</th>
            <th>{t("reports.status")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} data-token-id={token.id}>
              <td>{token.name || "—"}</td>
              <td>{date(token.createdAt)}</td>
              <td>{token.lastUsedAt ? date(token.lastUsedAt) : t("reports.tokenNeverUsed")}</td>
              <td>
                {token.revokedAt
                  ? t("reports.tokenRevokedOn", { date: date(token.revokedAt) })
                  : t("reports.tokenActive")}
              </td>
              <td>
                {token.revokedAt ? null : (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="tokenId" value={token.id} />
                    <button type="submit" className="secondary" disabled={busy}>
                      {t("reports.tokenRevoke")}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {tokens.length === 0 ? <p>{t("common.none")}</p> : null}
    </>
  );
}
