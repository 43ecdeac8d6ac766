import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { resolveCustomerKey, type Resolution } from "~/models/matching.server";
import { aliasResolution } from "~/schemas/aliases";

/** Resolves a supplier's customer key to a member (an alias) or as "not a member". */
export const action = apiRoute(async ({ request, context }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const input = aliasResolution.parse(await readJson(request)) as Resolution;
  const resolved = resolveCustomerKey(actor, input, context.ip as string | undefined);
  return Response.json({ ...input, ...resolved }, { status: 201 });
});

export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  await authorize(request, { roles: ["admin"] });
  allowMethods(request, "POST");
  return new Response(null);
});
