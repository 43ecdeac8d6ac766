import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { fieldErrors } from "~/components/forms/Field";
import { MemberForm } from "~/components/forms/MemberForm";
import { formFailure } from "~/http/forms.server";
import { idParam } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { editMemberAsAdmin } from "~/models/member-admin.server";
import { getMember } from "~/models/members.server";

function loadMember(id: string | undefined) {
  const member = getMember(idParam(id));
  if (!member) throw new Response("Not found", { status: 404 });
  return member;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  return { member: loadMember(params.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const member = loadMember(params.id);
  const form = Object.fromEntries(await request.formData());
  try {
    editMemberAsAdmin(actor, member.id, form);
    return Response.json({ saved: true });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function EditMember() {
  const { member } = useLoaderData<typeof loader>();
  const result = useActionData<{
    saved?: boolean;
    details?: unknown;
    values?: Record<string, string>;
  }>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const saved = result?.saved || (params.get("saved") && !result);
  return (
    <>
      <h1>{member.name}</h1>
      <p>
        <Link to={`/admin/members/${member.id}/statement`}>{t("statement.title")}</Link>
      </p>
      {saved ? (
        <p className="notice" role="status">
          {t("common.saved")}
        </p>
      ) : null}
      <MemberForm
        key={member.updatedAt}
        values={result?.values ?? member}
        errors={fieldErrors(result?.details)}
      />
    </>
  );
}
