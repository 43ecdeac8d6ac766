import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { endSession } from "~/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  await authorize(request, { roles: ["admin", "supplier", "member"] });
  return redirect("/login", { headers: { "Set-Cookie": await endSession(request) } });
}

export const loader = () => redirect("/");
