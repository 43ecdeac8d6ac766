import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { Field, fieldErrors } from "~/components/forms/Field";
import { RoleFields } from "~/components/forms/RoleFields";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { allMemberNames } from "~/models/members.server";
import { listSuppliers } from "~/models/suppliers.server";
import { changeUserRole, inviteUser, setUserDisabled } from "~/models/user-admin.server";
import { listInvitations, listUsers } from "~/models/users.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const now = new Date().toISOString();
  return {
    me: actor.id,
    users: listUsers(),
    invitations: listInvitations()
      .filter((i) => !i.usedAt && i.expiresAt > now)
      .map(({ tokenHash: _t, ...i }) => i),
    suppliers: listSuppliers().map((s) => ({ id: s.id, name: s.name })),
    members: allMemberNames(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent === "role") {
      changeUserRole(actor, Number(form.userId), form);
      return Response.json({ saved: true });
    }
    if (form.intent === "disable" || form.intent === "enable") {
      // Disabling ends every session and token of the user (audited); not oneself.
      const done = setUserDisabled(actor, Number(form.userId), form.intent === "disable");
      return Response.json({ access: done });
    }
    const token = inviteUser(actor, form);
    return Response.json({ link: `${new URL(request.url).origin}/invite/${token}` });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function Users() {
  const { me, users, invitations, suppliers, members } = useLoaderData<typeof loader>();
  const result = useActionData<{
    link?: string;
    saved?: boolean;
    access?: { email: string; disabled: boolean };
    message?: string;
    details?: unknown;
  }>();
  const { t, date } = useI18n();
  const scopeName = (u: { supplierId: number | null; memberId: number | null }) =>
    suppliers.find((s) => s.id === u.supplierId)?.name ??
    members.find((m) => m.id === u.memberId)?.name ??
    "";
  return (
    <>
      <h1>{t("users.title")}</h1>
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      {result?.saved ? (
        <p className="notice" role="status">
          {t("common.saved")}
        </p>
      ) : null}
      {result?.access ? (
        <p className="notice" role="status">
          {t(result.access.disabled ? "users.disabledDone" : "users.enabledDone", {
            email: result.access.email,
          })}
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>{t("login.email")}</th>
            <th>{t("users.role")}</th>
            <th></th>
            <th>{t("users.status")}</th>
            <th>{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-user-id={u.id}>
              <td>{u.email}</td>
              <td>{u.role}</td>
              <td>{scopeName(u)}</td>
              <td>
                {u.disabledAt ? t("users.disabled") : t("users.active")}
                {u.id === me ? null : (
                  <Form method="post" className="inline">
                    <input
                      type="hidden"
                      name="intent"
                      value={u.disabledAt ? "enable" : "disable"}
                    />
                    <input type="hidden" name="userId" value={u.id} />
                    <button type="submit" className="secondary">
                      {t(u.disabledAt ? "users.enable" : "users.disable")}
                    </button>
                  </Form>
                )}
              </td>
              <td>
                <Form method="post" className="toolbar">
                  <input type="hidden" name="intent" value="role" />
                  <input type="hidden" name="userId" value={u.id} />
                  <RoleFields suppliers={suppliers} members={members} defaults={u} />
                  <button type="submit" className="secondary">
                    {t("common.save")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("users.invite")}</h2>
      {result?.link ? (
        <div className="notice" role="status">
          {t("users.inviteLink")}{" "}
          <code className="link" data-testid="invite-link">
            {result.link}
          </code>
        </div>
      ) : null}
      <Form method="post" className="toolbar">
        <input type="hidden" name="intent" value="invite" />
        <Field
          label={t("login.email")}
          name="email"
          type="email"
          required
          error={fieldErrors(result?.details).email}
        />
        <RoleFields suppliers={suppliers} members={members} />
        <button type="submit">{t("users.invite")}</button>
      </Form>
      <h2>{t("users.pending")}</h2>
      <ul>
        {invitations.map((i) => (
          <li key={i.id}>
            {i.email} · {i.role} · {date(i.expiresAt)}
          </li>
        ))}
      </ul>
    </>
  );
}
