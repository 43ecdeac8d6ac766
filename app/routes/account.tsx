import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { authorize } from "~/auth/authorize.server";
import { changeOwnPassword } from "~/auth/password.server";
import { Field, fieldErrors } from "~/components/forms/Field";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { LOCALES } from "~/i18n/locale";
import { pageTitle } from "~/i18n/page-title";
import { REGIONS, REGION_NAMES } from "~/i18n/regions";
import { LANGUAGE_NAMES, RegionSelect } from "~/components/forms/RegionSelect";
import { regionOfUser, saveReadingSettings } from "~/models/reading-settings.server";
import { password } from "~/schemas/parties";

const ALL = ["admin", "supplier", "member"] as const;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.account");

/** A format region, or "" to follow the browser again; absent leaves the saved one. */
const regionSetting = z.union([z.enum(REGIONS), z.literal("")]).optional();

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ALL });
  return { email: actor.email, locale: actor.locale ?? "", region: regionOfUser(actor.id) ?? "" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ALL });
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent === "locale") {
      const locale = z.enum(LOCALES).parse(form.locale);
      const region = regionSetting.parse(form.region);
      saveReadingSettings(actor.id, {
        locale,
        region: region === undefined ? undefined : region || null,
      });
      return Response.json({ saved: true, reading: true });
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
  const { email, locale, region } = useLoaderData<typeof loader>();
  const result = useActionData<{
    saved?: boolean;
    reading?: boolean;
    passwordChanged?: boolean;
    message?: string;
    details?: unknown;
  }>();
  const reader = useI18n();
  const { t } = reader;
  const errors = fieldErrors(result?.details);
  return (
    <>
      <h1>{t("nav.account")}</h1>
      <p>{email}</p>
      {result?.saved ? (
        <p className="notice" role="status">
          {result.passwordChanged
            ? t("account.passwordChanged")
            : result.reading
              ? t("account.regionSaved", {
                  language: LANGUAGE_NAMES[reader.locale],
                  region: REGION_NAMES[reader.region],
                })
              : t("common.saved")}
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
        <RegionSelect name="region" label={t("region.label")} defaultValue={region}>
          <option value="">{t("region.auto")}</option>
        </RegionSelect>
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
      <p>
        <Link to="/account/notifications">{t("notifications.preferences")}</Link>
      </p>
    </>
  );
}
