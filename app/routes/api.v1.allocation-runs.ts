import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { listRuns, previewRun } from "~/models/runs.server";
import { runPreviewInput } from "~/schemas/runs";

/** Previews (and stores) the run of a program for a month; posting is a second call. */
export const action = apiRoute(async ({ request }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const input = runPreviewInput.parse(await readJson(request));
  return Response.json(previewRun(actor, input.programId, input.month), { status: 201 });
});

/** The run history (SPEC 7): every preview and posting, of one program with `?programId=`. */
export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  await authorize(request, { roles: ["admin"] });
  const asked = Number(new URL(request.url).searchParams.get("programId"));
  return Response.json(listRuns(Number.isSafeInteger(asked) && asked > 0 ? asked : undefined));
});
