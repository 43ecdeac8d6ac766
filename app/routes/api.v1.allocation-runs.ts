import type { ActionFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { previewRun } from "~/models/runs.server";
import { runPreviewInput } from "~/schemas/runs";

/** Previews (and stores) the run of a program for a month; posting is a second call. */
export const action = apiRoute(async ({ request }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const input = runPreviewInput.parse(await readJson(request));
  return Response.json(previewRun(actor, input.programId, input.month), { status: 201 });
});

export const loader = apiRoute(async ({ request }) => {
  await authorize(request, { roles: ["admin"] });
  allowMethods(request, "POST");
  return new Response(null);
});
