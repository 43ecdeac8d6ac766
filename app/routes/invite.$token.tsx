import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { assertSameOrigin } from "~/auth/csrf.server";
import { homeFor } from "~/auth/login.server";
import { startSession } from "~/auth/session.server";
import { Field, fieldErrors } from "~/components/forms/Field";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { acceptInvitation } from "~/models/user-admin.server";
import { openInvitation } from "~/models/users.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "invite.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = openInvitation(params.token ?? "");
  return { invitation: invitation ? { email: invitation.email, role: invitation.role } : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  try {
    assertSameOrigin(request);
    const user = await acceptInvitation(params.token ?? "", form);
    return redirect(homeFor(user.role), { headers: { "Set-Cookie": await startSession(user.id) } });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const failure = useActionData<{ message: string; details?: unknown }>();
  const { t } = useI18n();
  if (!invitation)
    return (
      <p className="alert" role="alert">
        {t("invite.invalid")}
      </p>
    );
  const errors = fieldErrors(failure?.details);
  return (
    <>
      <h1>{t("invite.title")}</h1>
      <p>
        {invitation.email} · {invitation.role}
      </p>
      {failure && !errors.password ? (
        <p className="alert" role="alert">
          {failure.message}
        </p>
      ) : null}
      <Form method="post">
        <Field label={t("common.name")} name="name" />
        <Field
          label={t("login.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={errors.password}
        />
        <button type="submit">{t("invite.title")}</button>
      </Form>
    </>
  );
}
