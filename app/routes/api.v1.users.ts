import type { ActionFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { createUserAsAdmin } from "~/models/user-admin.server";

export const action = apiRoute(async ({ request }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const user = await createUserAsAdmin(actor, await readJson(request));
  return Response.json(
    {
      id: user.id,
      email: user.email,
      role: user.role,
      supplierId: user.supplierId,
      memberId: user.memberId,
    },
    { status: 201 },
  );
});

export const loader = apiRoute(async ({ request }) => {
  await authorize(request, { roles: ["admin"] });
  allowMethods(request, "POST");
  return new Response(null);
});
