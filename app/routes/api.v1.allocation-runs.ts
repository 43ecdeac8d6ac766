import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { previewRun } from "~/models/runs.server";

const runRequest = z.object({
  programId: z.number().int().positive(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month written YYYY-MM"),
});

/** Previews (and stores) the run of a program for a month; posting is a second call. */
export const action = apiRoute(async ({ request }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const input = runRequest.parse(await readJson(request));
  return Response.json(previewRun(actor, input.programId, input.month), { status: 201 });
});

export const loader = apiRoute(async ({ request }) => {
  await authorize(request, { roles: ["admin"] });
  allowMethods(request, "POST");
  return new Response(null);
});
