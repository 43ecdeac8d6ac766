import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { currentActor } from "~/auth/authorize.server";
import { homeFor } from "~/auth/login.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await currentActor(request);
  return redirect(actor ? homeFor(actor.role) : "/login");
}
