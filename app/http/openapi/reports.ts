// Supplier reports, the unmatched customer keys they leave, and resolving those keys.
import { aliasResolution } from "~/schemas/aliases";
import {
  alias,
  report,
  reportList,
  reportQueued,
  reportStatus,
  unmatched,
} from "~/schemas/responses/reports.server";
import { id, month, z } from "~/schemas/responses/zod.server";
import { body, byId, json, path, refusals, type Registry } from "./helpers";

const page = z.number().int().min(1).optional();
const file = {
  description: "The report (CSV or XLSX)",
  contentMediaType: "application/octet-stream",
};

export function registerReports(registry: Registry) {
  path(registry, "/reports", {
    get: {
      summary: "Reports, newest first, 100 a page",
      "x-roles": ["admin", "supplier (own reports)"],
      request: {
        query: z.object({
          supplierId: id.optional().describe("Only this supplier's reports (admin)."),
          period: month.optional(),
          status: reportStatus.optional(),
          page,
        }),
      },
      responses: { 200: json(reportList), ...refusals(401, 403) },
    },
    post: {
      summary: "Upload a report (multipart: file, period; the admin adds supplierId)",
      "x-roles": ["supplier", "admin"],
      request: {
        body: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: z.object({
                file: z.string().openapi(file),
                period: month,
                supplierId: id.optional(),
              }),
            },
          },
        },
      },
      responses: {
        202: {
          ...json(reportQueued, "Queued"),
          headers: { Location: { description: "The report", schema: { type: "string" } } },
        },
        ...refusals(400, 401, 403, 404, 409, 413, 422),
      },
    },
  });
  path(registry, "/reports/{id}", {
    get: {
      "x-roles": ["admin", "supplier (own reports)"],
      request: { params: byId },
      responses: { 200: json(report), ...refusals(401, 403, 404) },
    },
  });
  path(registry, "/unmatched", {
    get: {
      summary: "Unmatched customer keys of active reports, most lines first, 500 a page",
      "x-roles": ["admin"],
      request: { query: z.object({ supplierId: id.optional(), page }) },
      responses: { 200: json(z.array(unmatched)), ...refusals(401, 403) },
    },
  });
  path(registry, "/aliases", {
    post: {
      summary: "Resolve a supplier's customer key to a member, or as not a member",
      "x-roles": ["admin"],
      request: { body: body(aliasResolution.openapi("AliasResolution")) },
      responses: { 201: json(alias, "Created"), ...refusals(400, 401, 403, 404, 409) },
    },
  });
}
