// Money out: statements, receivables, supplier payments and payout batches.
import { XLSX_TYPE } from "~/models/money-exports.server";
import {
  batchBuildInput,
  batchDropInput,
  batchPayInput,
  statementRange,
  supplierPaymentInput,
} from "~/schemas/money";
import {
  payoutBatch,
  payoutBatchDetail,
  payoutBatchListItem,
  receivable,
  statement,
  supplierPayment,
} from "~/schemas/responses/money.server";
import { id, z } from "~/schemas/responses/zod.server";
import {
  body,
  byId,
  download,
  json,
  path,
  refusals,
  type Operation,
  type Registry,
} from "./helpers";

/** An action on one payout batch: it answers the batch as it is after the action. */
const batchAction = (
  summary: string,
  request: Operation["request"] = {},
  refused = [401, 403, 404, 409],
): Operation => ({
  summary,
  "x-roles": ["admin"],
  request: { params: byId, ...request },
  responses: { 200: json(payoutBatch), ...refusals(...refused) },
});

const batchFile = (summary: string, type: string): Operation => ({
  summary,
  "x-roles": ["admin"],
  request: { params: byId },
  responses: { 200: download(type), ...refusals(401, 403, 404) },
});

export function registerMoney(registry: Registry) {
  path(registry, "/members/{id}/statement", {
    get: {
      summary: "A member's statement for a range of months",
      description:
        "Either month left out takes the default: from January of the member's first posting's year to this month (or its last posting's). 400 when a month is malformed or from is after to.",
      "x-roles": ["admin", "member (own id)"],
      request: { params: byId, query: statementRange.partial() },
      responses: { 200: json(statement), ...refusals(400, 401, 403, 404) },
    },
  });
  path(registry, "/receivables", {
    get: {
      summary: "What each supplier owes per program: posted gross less payments",
      "x-roles": ["admin", "supplier (own programs; supplierId is ignored)"],
      request: {
        query: z.object({
          supplierId: id.optional().describe("Only this supplier's programs (admin)."),
        }),
      },
      responses: { 200: json(z.array(receivable)), ...refusals(401, 403) },
    },
  });
  path(registry, "/supplier-payments", {
    get: {
      summary: "Supplier payments, newest first (at most 500)",
      "x-roles": ["admin"],
      request: { query: z.object({ supplierId: id.optional() }) },
      responses: { 200: json(z.array(supplierPayment)), ...refusals(401, 403) },
    },
    post: {
      summary: "Record a supplier payment for a program (Dr cash, Cr supplier receivable)",
      description:
        "More than the program's owedMinor needs an overpaymentNote (else 400 overpayment_note_required); currency, when given, must be the program's. 404 for an unknown program.",
      "x-roles": ["admin"],
      request: { body: body(supplierPaymentInput.openapi("SupplierPaymentInput")) },
      responses: { 201: json(supplierPayment, "Created"), ...refusals(400, 401, 403, 404) },
    },
  });
  path(registry, "/payout-batches", {
    get: {
      summary: "Payout batches, newest first (at most 200)",
      "x-roles": ["admin"],
      responses: { 200: json(z.array(payoutBatchListItem)), ...refusals(401, 403) },
    },
    post: {
      summary: "Build a draft batch of a currency from every balance at or above the minimum",
      description:
        "memberIds narrows the batch to those members. 409 batch_nothing_to_pay (no balance at or above the minimum), member_reserved (already in an open batch), batch_reference_taken.",
      "x-roles": ["admin"],
      request: { body: body(batchBuildInput.openapi("PayoutBatchRequest")) },
      responses: { 201: json(payoutBatch, "Created"), ...refusals(400, 401, 403, 409) },
    },
  });
  path(registry, "/payout-batches/{id}", {
    get: {
      summary: "A batch with its lines and the members it leaves out (carried forward), and why",
      "x-roles": ["admin"],
      request: { params: byId },
      responses: { 200: json(payoutBatchDetail), ...refusals(401, 403, 404) },
    },
  });
  path(registry, "/payout-batches/{id}/drop", {
    post: batchAction(
      "Drop a member's line from a draft; its balance carries forward",
      { body: body(batchDropInput) },
      [400, 401, 403, 404, 409],
    ),
  });
  path(registry, "/payout-batches/{id}/approve", {
    post: batchAction(
      "Approve a draft; under four-eyes only an admin other than its builder may (else 403 batch_four_eyes)",
    ),
  });
  path(registry, "/payout-batches/{id}/pay", {
    post: batchAction(
      "Pay an approved batch: one journal entry, once; paying again is a 409 batch_already_paid",
      { body: body(batchPayInput, false) },
      [400, 401, 403, 404, 409],
    ),
  });
  path(registry, "/payout-batches/{id}/cancel", {
    post: batchAction("Cancel a batch not yet paid and release its members' balances"),
  });
  path(registry, "/payout-batches/{id}/export.csv", {
    get: batchFile(
      "The batch for the bank, with the members' bank details (formula-safe CSV)",
      "text/csv",
    ),
  });
  path(registry, "/payout-batches/{id}/export.xlsx", {
    get: batchFile(
      "The batch for the bank, with the members' bank details, as a workbook",
      XLSX_TYPE,
    ),
  });
}
