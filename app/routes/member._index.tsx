import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { useI18n } from "~/i18n/context";
import { getMember } from "~/models/members.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["member"] });
  const member = getMember(actor.memberId!);
  if (!member) throw new Response("Not found", { status: 404 });
  return { member: { id: member.id, name: member.name } };
}

export default function MemberDashboard() {
  const { member } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("dashboard.member")}</h1>
      <p data-testid="member-name">{t("dashboard.welcome", { name: member.name })}</p>
    </>
  );
}
