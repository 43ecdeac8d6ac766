// Programs, FX rates, allocation runs and what they leave in the ledger.
import { balance, run, runListItem, trialBalance } from "~/schemas/responses/ledger.server";
import { fxRate, program } from "~/schemas/responses/programs.server";
import { id, z } from "~/schemas/responses/zod.server";
import { fxRatesInput, programInput } from "~/schemas/programs";
import { runPreviewInput } from "~/schemas/runs";
import { body, byId, json, path, refusals, type Registry } from "./helpers";

export function registerRefunds(registry: Registry) {
  path(registry, "/programs", {
    get: {
      "x-roles": ["admin"],
      responses: { 200: json(z.array(program)), ...refusals(401, 403) },
    },
    post: {
      "x-roles": ["admin"],
      request: { body: body(programInput.openapi("ProgramInput")) },
      responses: { 201: json(program, "Created"), ...refusals(400, 401, 403) },
    },
  });
  path(registry, "/fx-rates", {
    get: {
      "x-roles": ["admin"],
      responses: { 200: json(z.array(fxRate)), ...refusals(401, 403) },
    },
    put: {
      summary: "Insert or replace rates by month and currency pair, all or none",
      "x-roles": ["admin"],
      request: { body: body(fxRatesInput.openapi("FxRatesInput")) },
      responses: { 200: json(z.array(fxRate)), ...refusals(400, 401, 403) },
    },
  });
  path(registry, "/allocation-runs", {
    get: {
      summary: "The run history: every preview and posting, newest first",
      "x-roles": ["admin"],
      request: {
        query: z.object({
          programId: id.positive().optional().describe("Only this program's runs."),
        }),
      },
      responses: { 200: json(z.array(runListItem)), ...refusals(401, 403) },
    },
    post: {
      summary: "Preview (and store) a program's run for a month",
      "x-roles": ["admin"],
      request: { body: body(runPreviewInput.openapi("RunRequest")) },
      responses: { 201: json(run, "Created"), ...refusals(400, 401, 403, 404, 409) },
    },
  });
  path(registry, "/allocation-runs/{id}/post", {
    post: {
      summary: "Post a preview; posting again answers the same run and posts nothing",
      "x-roles": ["admin"],
      request: { params: byId },
      responses: { 200: json(run), ...refusals(401, 403, 404, 409) },
    },
  });
  path(registry, "/ledger/trial-balance", {
    get: {
      "x-roles": ["admin"],
      responses: { 200: json(trialBalance), ...refusals(401, 403) },
    },
  });
  path(registry, "/members/{id}/balance", {
    get: {
      "x-roles": ["admin", "member (own id)"],
      request: { params: byId },
      responses: { 200: json(balance), ...refusals(401, 403, 404) },
    },
  });
}
