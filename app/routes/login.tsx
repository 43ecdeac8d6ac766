import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { currentActor } from "~/auth/authorize.server";
import { assertSameOrigin } from "~/auth/csrf.server";
import { attemptLogin, homeFor, safeRedirect } from "~/auth/login.server";
import { startSession } from "~/auth/session.server";
import { Field } from "~/components/forms/Field";
import { RegionSelect } from "~/components/forms/RegionSelect";
import { pageTitle } from "~/i18n/page-title";
import { isRegion, regionLanguage } from "~/i18n/regions";
import { saveReadingSettings } from "~/models/reading-settings.server";
import { useI18n } from "~/i18n/context";
import { toAnswer } from "~/http/errors.server";
import { readerLocale } from "~/http/reader.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

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
  // A language and format chosen here are the account's from now on (decision 058).
  const region = form.get("region");
  if (isRegion(region))
    saveReadingSettings(outcome.user.id, { locale: regionLanguage(region), region });
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
      {params.get("reset") === "1" && !data ? (
        <p className="notice" role="status">
          {t("reset.done")}
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
        <RegionSelect name="region" label={t("login.regionLabel")} defaultValue="">
          <option value="">{t("login.regionKeep")}</option>
        </RegionSelect>
        <button type="submit" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("forgot.link")}</Link>
      </p>
    </>
  );
}
