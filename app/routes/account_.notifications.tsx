// The user's notification preferences (SPEC 11): per kind, portal only or portal and e-mail.
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import { pickLocale, translate, type MessageKey } from "~/i18n/locale";
import {
  KINDS_FOR_ROLE,
  emailPreferences,
  setEmailPreference,
} from "~/models/notification-prefs.server";
import { preferencesForm } from "~/schemas/notifications";
import styles from "~/styles/notifications.css?url";

const ALL = ["admin", "supplier", "member"] as const;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.preferences");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ALL });
  const locale = pickLocale(actor.locale, request.headers.get("Accept-Language"));
  return {
    title: translate(locale, "notifications.preferences"),
    email: actor.email,
    preferences: emailPreferences(actor.id, actor.role),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ALL });
  try {
    const chosen = preferencesForm(KINDS_FOR_ROLE[actor.role]).parse(
      Object.fromEntries(await request.formData()),
    );
    for (const [kind, channel] of Object.entries(chosen))
      setEmailPreference(
        actor.id,
        kind as (typeof KINDS_FOR_ROLE)["admin"][number],
        channel === "email",
      );
    return Response.json({ saved: true });
  } catch (error) {
    return formFailure(request, error, {});
  }
}

export default function NotificationPreferences() {
  const { email, preferences } = useLoaderData<typeof loader>();
  const result = useActionData<{ saved?: boolean; message?: string }>();
  const { t, plural } = useI18n();
  return (
    <div className="preferences">
      <h1>{t("notifications.preferences")}</h1>
      <p>{t("notifications.preferencesHint", { email })}</p>
      {result?.saved ? (
        <p className="notice" role="status" data-testid="preferences-saved">
          {/* The reloaded preferences: what now comes by e-mail (issue 15: say what happened). */}
          {plural("notifications.prefsSaved", preferences.filter((p) => p.email).length, { email })}
        </p>
      ) : null}
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      <Form method="post">
        {preferences.map((p) => (
          <fieldset key={p.kind}>
            <legend>{t(`notifications.kind.${p.kind}` as MessageKey)}</legend>
            <label>
              <input type="radio" name={p.kind} value="portal" defaultChecked={!p.email} />
              {t("notifications.portalOnly")}
            </label>
            <label>
              <input type="radio" name={p.kind} value="email" defaultChecked={p.email} />
              {t("notifications.portalAndEmail")}
            </label>
          </fieldset>
        ))}
        <button type="submit">{t("common.save")}</button>
      </Form>
      <p>
        <Link to="/notifications">{t("notifications.title")}</Link>
      </p>
    </div>
  );
}
