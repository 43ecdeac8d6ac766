import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { currentActor } from "~/auth/authorize.server";
import { assertSameOrigin } from "~/auth/csrf.server";
import { attemptLogin, homeFor, safeRedirect } from "~/auth/login.server";
import { startSession } from "~/auth/session.server";
import { Field } from "~/components/forms/Field";
import { useI18n } from "~/i18n/context";
import { toAnswer } from "~/http/errors.server";
import { readerLocale } from "~/http/reader.server";

export const meta: MetaFunction = () => [{ title: "tierpool · sign in" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await currentActor(request);
  if (actor) throw redirect(homeFor(actor.role));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  try {
    assertSameOrigin(request);
  } catch (error) {
    const e = toAnswer(error, readerLocale(request));
    return Response.json({ error: "csrf", message: e.message }, { status: e.status });
  }
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const outcome = await attemptLogin(email, password, context.ip ?? "unknown");
  if (!outcome.ok && outcome.reason === "throttled") {
    return Response.json(
      { error: "throttled", retryAfter: outcome.retryAfter },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfter) } },
    );
  }
  if (!outcome.ok) return Response.json({ error: "invalid" }, { status: 401 });
  const cookie = await startSession(outcome.user.id);
  return redirect(safeRedirect(form.get("redirectTo"), homeFor(outcome.user.role)), {
    headers: { "Set-Cookie": cookie },
  });
}

export default function Login() {
  const data = useActionData<{ error: string; retryAfter?: number; message?: string }>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>{t("login.title")}</h1>
      {data?.error === "invalid" ? (
        <p className="alert" role="alert">
          {t("login.invalid")}
        </p>
      ) : null}
      {data?.error === "throttled" ? (
        <p className="alert" role="alert">
          {t("login.tooMany", { seconds: data.retryAfter ?? 0 })}
        </p>
      ) : null}
      {data?.error === "csrf" ? (
        <p className="alert" role="alert">
          {data.message}
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field
          label={t("login.email")}
          name="email"
          type="email"
          autoComplete="username"
          required
        />
        <Field
          label={t("login.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
    </>
  );
}
