// Member claims (SPEC 5.2, 7) and suppliers' tax ids.
import { claimDecisionInput, claimListQuery, supplierPatch } from "~/schemas/claims";
import { claim, claimQueued, claimUpload } from "~/schemas/responses/claims.server";
import { supplier } from "~/schemas/responses/parties.server";
import { currency, date, id, z } from "~/schemas/responses/zod.server";
import { body, byId, json, path, refusals, type Registry } from "./helpers";

const file = (description: string) => ({
  description,
  contentMediaType: "application/octet-stream",
});

export function registerClaims(registry: Registry) {
  path(registry, "/suppliers/{id}", {
    get: {
      "x-roles": ["admin"],
      request: { params: byId },
      responses: { 200: json(supplier), ...refusals(401, 403, 404) },
    },
    patch: {
      summary: "Change a supplier's name, date order, language or tax ids (currency stays)",
      "x-roles": ["admin"],
      request: { params: byId, body: body(supplierPatch.openapi("SupplierPatch")) },
      responses: { 200: json(supplier), ...refusals(400, 401, 403, 404, 409) },
    },
  });
  path(registry, "/claims", {
    get: {
      summary: "Claims, newest first, 100 a page (X-Total-Count)",
      "x-roles": ["admin", "supplier (own claims)", "member (own claims)"],
      request: { query: claimListQuery },
      responses: {
        200: {
          ...json(z.array(claim)),
          headers: {
            "X-Total-Count": { description: "Claims found", schema: { type: "integer" } },
          },
        },
        ...refusals(400, 401, 403),
      },
    },
    post: {
      summary:
        "A claim upload: an XML or ZIP in `file` (read in the background), or a typed claim with its `proof` (PDF, PNG or JPEG, 10 MiB)",
      "x-roles": ["member", "admin (adds memberId)"],
      request: {
        body: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: z.object({
                file: z.string().optional().openapi(file("One CFDI or NF-e XML, or a ZIP of them")),
                proof: z.string().optional().openapi(file("The invoice as PDF, PNG or JPEG")),
                supplierId: id.optional(),
                invoiceNumber: z.string().optional(),
                invoiceDate: date.optional(),
                currency: currency.optional(),
                netAmount: z.string().optional().describe("Decimal, e.g. 1234.56"),
                memberId: id.optional(),
              }),
            },
          },
        },
      },
      responses: {
        202: {
          ...json(claimQueued, "Accepted"),
          headers: { Location: { description: "The upload", schema: { type: "string" } } },
        },
        ...refusals(400, 401, 403, 404, 409, 413, 422),
      },
    },
  });
  path(registry, "/claims/{id}", {
    get: {
      "x-roles": ["admin", "the claim's supplier", "the claim's member"],
      request: { params: byId },
      responses: { 200: json(claim), ...refusals(401, 403, 404) },
    },
  });
  path(registry, "/claims/{id}/decision", {
    post: {
      summary: "Accept (a category per line) or reject with a reason",
      "x-roles": ["the claim's supplier while pending", "admin any time (override: comment)"],
      request: { params: byId, body: body(claimDecisionInput.openapi("ClaimDecision")) },
      responses: { 200: json(claim), ...refusals(400, 401, 403, 404, 409) },
    },
  });
  path(registry, "/claims/{id}/proof", {
    get: {
      summary: "A typed claim's proof, as an attachment",
      "x-roles": ["admin", "the claim's supplier", "the claim's member"],
      request: { params: byId },
      responses: {
        200: {
          description: "The proof, as an attachment (nosniff)",
          content: {
            "application/pdf": { schema: { type: "string" } },
            "image/png": { schema: { type: "string" } },
            "image/jpeg": { schema: { type: "string" } },
          },
        },
        ...refusals(401, 403, 404),
      },
    },
  });
  path(registry, "/claim-uploads/{id}", {
    get: {
      summary: "An upload's progress, counts and each invoice's outcome",
      "x-roles": ["admin", "the upload's member"],
      request: { params: byId },
      responses: { 200: json(claimUpload), ...refusals(401, 403, 404) },
    },
  });
}
