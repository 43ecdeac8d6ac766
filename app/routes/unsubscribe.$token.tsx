// One-click unsubscribe (RFC 8058) from one kind of e-mail: a mail client POSTs
// "List-Unsubscribe=One-Click" to the link; a person opening it confirms with a button (a GET
// changes nothing, so link scanners unsubscribe no one). The signed token is the only proof.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import type { MessageKey } from "~/i18n/locale";
import { canUnsubscribe } from "~/mail/kinds";
import { readUnsubscribeToken } from "~/mail/unsubscribe.server";
import { setEmailPreference } from "~/models/notification-prefs.server";
import { getUser } from "~/models/users.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "unsubscribe.title");

/** The user and kind the link is for, when it is a link we signed for an existing user. */
function subscription(token: string | undefined) {
  const read = readUnsubscribeToken(token ?? "");
  if (!read || !canUnsubscribe(read.kind)) return null;
  const user = getUser(read.userId);
  return user ? { ...read, email: user.email } : null;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const found = subscription(params.token);
  return { subscription: found && { kind: found.kind, email: found.email } };
}

export async function action({ params }: ActionFunctionArgs) {
  const found = subscription(params.token);
  if (!found) return Response.json({ done: false }, { status: 404 });
  setEmailPreference(found.userId, found.kind, false);
  return Response.json({ done: true });
}

export default function Unsubscribe() {
  const { subscription } = useLoaderData<typeof loader>();
  const result = useActionData<{ done: boolean }>();
  const { t } = useI18n();
  if (!subscription || result?.done === false)
    return (
      <>
        <h1>{t("unsubscribe.title")}</h1>
        <p className="alert" role="alert">
          {t("unsubscribe.invalid")}
        </p>
      </>
    );
  const vars = {
    kind: t(`notifications.kind.${subscription.kind}` as MessageKey),
    email: subscription.email,
  };
  return (
    <>
      <h1>{t("unsubscribe.title")}</h1>
      {result?.done ? (
        <p className="notice" role="status">
          {t("unsubscribe.done", vars)}
        </p>
      ) : (
        <Form method="post">
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <p>{t("unsubscribe.confirm", vars)}</p>
          <button type="submit">{t("unsubscribe.submit")}</button>
        </Form>
      )}
    </>
  );
}
