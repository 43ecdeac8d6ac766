// "Forgot password" (SPEC 11): asks for an address and always answers the same, whether or not
// an account uses it; the link goes by e-mail (the outbox) to an account that does.
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { assertSameOrigin } from "~/auth/csrf.server";
import { Field } from "~/components/forms/Field";
import { formFailure } from "~/http/forms.server";
import { readerLocale } from "~/http/reader.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import { requestPasswordReset } from "~/models/password-resets.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "forgot.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  try {
    assertSameOrigin(request);
    requestPasswordReset(String(form.email ?? ""), readerLocale(request), context.ip);
    return Response.json({ sent: true });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function ForgotPassword() {
  const result = useActionData<{ sent?: boolean; message?: string }>();
  const busy = useNavigation().state !== "idle";
  const { t } = useI18n();
  return (
    <>
      <h1>{t("forgot.title")}</h1>
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      {result?.sent ? (
        <p className="notice" role="status">
          {t("forgot.sent")}
        </p>
      ) : (
        <>
          <p>{t("forgot.intro")}</p>
          <Form method="post">
            <Field
              label={t("login.email")}
              name="email"
              type="email"
              autoComplete="username"
              required
            />
            <button type="submit" disabled={busy}>
              {t("forgot.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t("forgot.back")}</Link>
      </p>
    </>
  );
}
