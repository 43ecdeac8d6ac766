import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { Field, fieldErrors } from "~/components/forms/Field";
import { RoleFields } from "~/components/forms/RoleFields";
import { Downloads } from "~/components/tables/Downloads";
import { ChoiceFilter, TextFilter } from "~/components/tables/FilterFields";
import { ListFilters } from "~/components/tables/ListFilters";
import { Pager } from "~/components/tables/Pager";
import { SortHeader } from "~/components/tables/SortHeader";
import { userList } from "~/http/admin-lists.server";
import { formFailure } from "~/http/forms.server";
import { findUsers } from "~/models/admin-lists.server";
import { useI18n } from "~/i18n/context";
import { allMemberNames } from "~/models/members.server";
import { listSuppliers } from "~/models/suppliers.server";
import { changeUserRole, inviteUser, setUserDisabled } from "~/models/user-admin.server";
import { getUser, listInvitations } from "~/models/users.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const now = new Date().toISOString();
  const { list, filter } = userList(request);
  const { rows, total } = findUsers(filter, list.sorted, list.paging);
  return {
    me: actor.id,
    users: rows,
    total,
    ...list.state,
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
      const user = getUser(Number(form.userId));
      return Response.json({ saved: true, email: user?.email ?? "", role: user?.role ?? "" });
    }
    if (form.intent === "disable" || form.intent === "enable") {
      // Disabling ends every session and token of the user (audited); not oneself.
      const done = setUserDisabled(actor, Number(form.userId), form.intent === "disable");
      return Response.json({ access: done });
    }
    const token = inviteUser(actor, form);
    return Response.json({
      link: `${new URL(request.url).origin}/invite/${token}`,
      invited: String(form.email ?? "").trim(),
    });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function Users() {
  const { me, users, total, page, pageSize, sorted, invitations, suppliers, members } =
    useLoaderData<typeof loader>();
  const result = useActionData<{
    link?: string;
    invited?: string;
    saved?: boolean;
    email?: string;
    role?: "admin" | "supplier" | "member";
    access?: { email: string; disabled: boolean };
    message?: string;
    details?: unknown;
  }>();
  const { t, date } = useI18n();
  const ROLE = {
    admin: "lists.roleAdmin",
    supplier: "lists.roleSupplier",
    member: "lists.roleMember",
  } as const;
  return (
    <>
      <h1>{t("users.title")}</h1>
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      {result?.saved ? (
        <p className="notice" role="status" data-testid="confirmation">
          {t("lists.roleSaved", {
            email: result.email ?? "",
            role: result.role ? t(ROLE[result.role]) : "",
          })}
        </p>
      ) : null}
      {result?.access ? (
        <p className="notice" role="status">
          {t(result.access.disabled ? "users.disabledDone" : "users.enabledDone", {
            email: result.access.email,
          })}
        </p>
      ) : null}
      <ListFilters>
        <TextFilter label={t("lists.search")} placeholder={t("lists.searchUser")} />
        <ChoiceFilter
          name="role"
          label={t("users.role")}
          all={t("lists.allRoles")}
          choices={(["admin", "supplier", "member"] as const).map((r) => ({
            value: r,
            label: t(ROLE[r]),
          }))}
        />
        <ChoiceFilter
          name="state"
          label={t("users.status")}
          all={t("lists.allStatuses")}
          choices={[
            { value: "active", label: t("users.active") },
            { value: "disabled", label: t("users.disabled") },
          ]}
        />
      </ListFilters>
      <Downloads path="/admin/users/export" />
      <div className="table-scroll">
        <table data-testid="users">
          <thead>
            <tr>
              <SortHeader column="email" label={t("login.email")} sorted={sorted} />
              <SortHeader column="role" label={t("users.role")} sorted={sorted} />
              <SortHeader column="scope" label={t("lists.actsFor")} sorted={sorted} />
              <SortHeader column="status" label={t("users.status")} sorted={sorted} />
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-user-id={u.id}>
                <td>{u.email}</td>
                <td>{t(ROLE[u.role])}</td>
                <td>{u.scopeName ?? ""}</td>
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
      </div>
      <Pager page={page} pageSize={pageSize} total={total} />
      <h2>{t("users.invite")}</h2>
      {result?.link ? (
        <div className="notice" role="status">
          {result.invited ? `${t("lists.invited", { email: result.invited })} ` : null}
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
