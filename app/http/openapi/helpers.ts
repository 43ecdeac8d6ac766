// Building blocks of the API's operations: JSON answers, refusals, bodies, path ids, downloads.
import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from "@asteasolutions/zod-to-openapi";
import type { ZodTypeAny } from "zod";
import { apiError, id, z } from "~/schemas/responses/zod.server";

export type Registry = OpenAPIRegistry;

/** An operation, with who may call it (x-roles) besides what OpenAPI says of it. */
export type Operation = Omit<RouteConfig, "method" | "path"> & { "x-roles": string[] };

export const json = (schema: ZodTypeAny, description = "OK"): ResponseConfig => ({
  description,
  content: { "application/json": { schema } },
});

/** The statuses an operation may refuse with, each answering the one error shape. */
export const refusals = (...statuses: number[]): Record<string, ResponseConfig> =>
  Object.fromEntries(statuses.map((s) => [String(s), json(apiError, "Refused")]));

export const body = (schema: ZodTypeAny, required = true) => ({
  required,
  content: { "application/json": { schema } },
});

export const byId = z.object({ id: id.positive() });

/** A file download (not JSON): its media type and the attachment's name. */
export const download = (type: string): ResponseConfig => ({
  description: "The file, as an attachment",
  headers: {
    "Content-Disposition": {
      description: 'attachment; filename="<batch reference>.<extension>"',
      schema: { type: "string" },
    },
  },
  content: { [type]: { schema: { type: "string", contentMediaType: type } } },
});

export function path(
  registry: Registry,
  route: string,
  methods: Partial<Record<"get" | "post" | "put" | "patch", Operation>>,
) {
  for (const [method, operation] of Object.entries(methods))
    registry.registerPath({ ...operation, method: method as RouteConfig["method"], path: route });
}
