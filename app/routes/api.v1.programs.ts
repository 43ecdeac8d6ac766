import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { allowMethods, apiRoute, readJson } from "~/http/api.server";
import { apiProgram, createProgram, listPrograms } from "~/models/programs.server";

export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  await authorize(request, { roles: ["admin"] });
  return Response.json(listPrograms().map(apiProgram));
});

export const action = apiRoute(async ({ request }: ActionFunctionArgs) => {
  allowMethods(request, "POST");
  const actor = await authorize(request, { roles: ["admin"] });
  const program = createProgram(actor, await readJson(request));
  return Response.json(apiProgram(program), { status: 201 });
});
