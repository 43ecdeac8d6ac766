// The link of a "forgot password" e-mail: a new password, once, within 24 hours; using it ends
// every session and token of the user, who then signs in with it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { assertSameOrigin } from "~/auth/csrf.server";
import { Field, fieldErrors } from "~/components/forms/Field";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import { openPasswordReset, resetPassword } from "~/models/password-resets.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reset.title");

export async function loader({ params }: LoaderFunctionArgs) {
  return { email: openPasswordReset(params.token ?? "")?.email ?? null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  try {
    assertSameOrigin(request);
    await resetPassword(params.token ?? "", form, context.ip);
    return redirect("/login?reset=1");
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const failure = useActionData<{ message: string; details?: unknown }>();
  const busy = useNavigation().state !== "idle";
  const { t } = useI18n();
  if (!email)
    return (
      <>
        <h1>{t("reset.title")}</h1>
        <p className="alert" role="alert">
          {t("reset.invalid")}
        </p>
        <p>
          <Link to="/forgot-password">{t("reset.again")}</Link>
        </p>
      </>
    );
  const errors = fieldErrors(failure?.details);
  return (
    <>
      <h1>{t("reset.title")}</h1>
      <p>{email}</p>
      {failure && !errors.password ? (
        <p className="alert" role="alert">
          {failure.message}
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
        <Field
          label={t("reset.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          error={errors.password}
        />
        <button type="submit" disabled={busy}>
          {t("reset.submit")}
        </button>
      </Form>
    </>
  );
}
