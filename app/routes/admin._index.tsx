import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { useI18n } from "~/i18n/context";
import { consortiumCounts } from "~/models/dashboard.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  return consortiumCounts();
}

export default function AdminDashboard() {
  const counts = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("dashboard.admin")}</h1>
      <div className="cards">
        <div className="card">
          <div className="figure" data-testid="count-members">
            {counts.members}
          </div>
          <div className="label">{t("dashboard.members")}</div>
        </div>
        <div className="card">
          <div className="figure" data-testid="count-suppliers">
            {counts.suppliers}
          </div>
          <div className="label">{t("dashboard.suppliers")}</div>
        </div>
        <div className="card">
          <div className="figure" data-testid="count-users">
            {counts.users}
          </div>
          <div className="label">{t("dashboard.users")}</div>
        </div>
      </div>
    </>
  );
}
