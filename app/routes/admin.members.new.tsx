import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { fieldErrors } from "~/components/forms/Field";
import { MemberForm } from "~/components/forms/MemberForm";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import { createMemberAsAdmin } from "~/models/member-admin.server";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "members.new");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData());
  try {
    const member = createMemberAsAdmin(actor, form);
    return redirect(`/admin/members/${member.id}?saved=1`);
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function NewMember() {
  const failure = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("members.new")}</h1>
      <MemberForm
        values={failure?.values as Record<string, string>}
        errors={fieldErrors(failure?.details)}
      />
    </>
  );
}
