// Tokens, suppliers, members and users.
import { memberInput, supplierInput, userInput } from "~/schemas/parties";
import {
  apiToken,
  createdUser,
  member,
  memberUpserted,
  supplier,
  token,
} from "~/schemas/responses/parties.server";
import { z } from "~/schemas/responses/zod.server";
import { tokenRequest } from "~/schemas/tokens";
import { body, byId, json, path, refusals, type Registry } from "./helpers";

export function registerParties(registry: Registry) {
  path(registry, "/tokens", {
    get: {
      summary: "The caller's own tokens, newest first",
      "x-roles": ["admin", "supplier", "member"],
      responses: { 200: json(z.array(apiToken)), ...refusals(401) },
    },
    post: {
      summary:
        "Exchange e-mail and password for a bearer token (valid 90 days, or expiresInDays if shorter)",
      security: [],
      "x-roles": ["anyone"],
      request: { body: body(tokenRequest.openapi("TokenRequest")) },
      responses: { 201: json(token, "Created"), ...refusals(400, 401, 429) },
    },
  });
  path(registry, "/tokens/{id}/revoke", {
    post: {
      summary: "Revoke one of the caller's own tokens (someone else's is not found)",
      "x-roles": ["admin", "supplier", "member"],
      request: { params: byId },
      responses: { 200: json(apiToken), ...refusals(401, 404) },
    },
  });
  path(registry, "/suppliers", {
    get: {
      "x-roles": ["admin"],
      responses: { 200: json(z.array(supplier)), ...refusals(401, 403) },
    },
    post: {
      "x-roles": ["admin"],
      request: { body: body(supplierInput.openapi("SupplierInput")) },
      responses: { 201: json(supplier, "Created"), ...refusals(400, 401, 403, 409) },
    },
  });
  const memberIn = memberInput.openapi("MemberInput");
  path(registry, "/members", {
    get: {
      "x-roles": ["admin"],
      request: {
        query: z.object({
          page: z.number().int().min(1).optional(),
          pageSize: z.number().int().min(1).max(1000).optional(),
          q: z.string().optional().describe("Part of the name or tax id."),
        }),
      },
      responses: {
        200: {
          ...json(z.array(member)),
          headers: {
            "X-Total-Count": { description: "Members found", schema: { type: "integer" } },
          },
        },
        ...refusals(401, 403),
      },
    },
    post: {
      summary: "Upsert by tax id: one member, or an array (answered in the order given)",
      "x-roles": ["admin"],
      request: { body: body(z.union([memberIn, z.array(memberIn).min(1)])) },
      responses: {
        200: json(memberUpserted),
        201: json(memberUpserted, "Created"),
        ...refusals(400, 401, 403),
      },
    },
  });
  path(registry, "/users", {
    post: {
      "x-roles": ["admin"],
      request: { body: body(userInput.openapi("UserInput")) },
      responses: { 201: json(createdUser, "Created"), ...refusals(400, 401, 403, 409) },
    },
  });
}
