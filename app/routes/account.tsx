import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { authorize } from "~/auth/authorize.server";
import { changeOwnPassword } from "~/auth/password.server";
import { Field, fieldErrors } from "~/components/forms/Field";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { LOCALES } from "~/i18n/locale";
import { setLocale } from "~/models/users.server";
import { password } from "~/schemas/parties";

const ALL = ["admin", "supplier", "member"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ALL });
  return { email: actor.email, locale: actor.locale ?? "" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ALL });
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent === "locale") {
      const locale = z.enum(LOCALES).parse(form.locale);
      setLocale(actor.id, locale);
      return Response.json({ saved: true });
    }
    const input = z.object({ current: z.string(), next: password }).parse(form);
    // Throttled and audited; ends every other session and token, and re-issues this session.
    const cookie = await changeOwnPassword(request, actor, input, context.ip ?? "unknown");
    return Response.json(
      { saved: true, passwordChanged: true },
      { headers: { "Set-Cookie": cookie } },
    );
  } catch (error) {
    return formFailure(request, error, {});
  }
}

export default function Account() {
  const { email, locale } = useLoaderData<typeof loader>();
  const result = useActionData<{
    saved?: boolean;
    passwordChanged?: boolean;
    message?: string;
    details?: unknown;
  }>();
  const { t } = useI18n();
  const errors = fieldErrors(result?.details);
  return (
    <>
      <h1>{t("nav.account")}</h1>
      <p>{email}</p>
      {result?.saved ? (
        <p className="notice" role="status">
          {result.passwordChanged ? t("account.passwordChanged") : t("common.saved")}
        </p>
      ) : null}
      {result?.message && !errors.current && !errors.next ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="toolbar">
        <input type="hidden" name="intent" value="locale" />
        <label className="field">
          <span>{t("common.language")}</span>
          <select name="locale" defaultValue={locale || "es"}>
            <option value="es">Español</option>
            <option value="pt-BR">Português</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="submit">{t("common.save")}</button>
      </Form>
      <h2>{t("account.changePassword")}</h2>
      <Form method="post">
        <input type="hidden" name="intent" value="password" />
        <Field
          label={t("account.currentPassword")}
          name="current"
          type="password"
          required
          error={errors.current}
        />
        <Field
          label={t("account.newPassword")}
          name="next"
          type="password"
          required
          error={errors.next}
        />
        <button type="submit">{t("account.changePassword")}</button>
      </Form>
      <p>
        <Link to="/account/tokens">{t("account.tokensLink")}</Link>
      </p>
    </>
  );
}
