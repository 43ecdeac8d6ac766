import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { fieldErrors } from "~/components/forms/Field";
import { MemberForm } from "~/components/forms/MemberForm";
import { formFailure } from "~/http/forms.server";
import { idParam } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { editMemberAsAdmin } from "~/models/member-admin.server";
import { getMember } from "~/models/members.server";
import { checkBankDetails } from "~/banking/bank-details";
import { BankCheck } from "~/components/books/BankCheck";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "title.member", { name: data?.member.name ?? "" });

function loadMember(id: string | undefined) {
  const member = getMember(idParam(id));
  if (!member) throw new Response("Not found", { status: 404 });
  return member;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const member = loadMember(params.id);
  return { member, bank: checkBankDetails(member.country, member.bankAccount) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const member = loadMember(params.id);
  const form = Object.fromEntries(await request.formData());
  try {
    const saved = editMemberAsAdmin(actor, member.id, form);
    return Response.json({ saved: true, name: saved.name });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function EditMember() {
  const { member, bank } = useLoaderData<typeof loader>();
  const result = useActionData<{
    saved?: boolean;
    name?: string;
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
          {result?.name ? t("bank.memberSaved", { name: result.name }) : t("common.saved")}
        </p>
      ) : null}
      <p id="bank" data-testid="bank-check">
        {t("bank.details")}: <BankCheck check={bank} memberId={member.id} />{" "}
        <span className="muted">{t("bank.expected", { kind: expectedKind(member.country) })}</span>
      </p>
      <MemberForm
        key={member.updatedAt}
        values={result?.values ?? member}
        errors={fieldErrors(result?.details)}
      />
    </>
  );
}

/** What an account looks like for the member's country (the form's hint). */
function expectedKind(country: string): string {
  switch (country.toUpperCase()) {
    case "MX":
      return "CLABE (18)";
    case "AR":
      return "CBU (22)";
    case "BR":
      return "PIX · 341 / 1234 / 56789-0";
    default:
      return "IBAN · 007 / 123 / 4567890";
  }
}
