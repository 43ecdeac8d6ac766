// The HTTP API (SPEC 7) as an OpenAPI 3.1 document, served at /api/v1/openapi.json. A test
// validates real responses against these schemas, so the document cannot drift from the code.

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const int: Schema = { type: "integer" };
const str: Schema = { type: "string" };
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: "null" }] });
const list = (items: Schema): Schema => ({ type: "array", items });
const month: Schema = { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])$" };
const date: Schema = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" };
const currency: Schema = { type: "string", pattern: "^[A-Z]{3}$" };
const money: Schema = { type: "integer", description: "Integer minor units (cents)." };
const batchStatus: Schema = { enum: ["draft", "approved", "paid", "cancelled"] };

function object(properties: Record<string, Schema>, optional: string[] = []): Schema {
  return {
    type: "object",
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
  };
}

const schemas: Record<string, Schema> = {
  Error: object({
    error: object({ code: str, message: str, details: {} }, ["details"]),
  }),
  Supplier: object({
    id: int,
    name: str,
    currency,
    dateOrder: { enum: ["dmy", "mdy"] },
    language: { enum: ["en", "es", "pt-BR"] },
    createdAt: str,
    updatedAt: str,
  }),
  Member: object({
    id: int,
    name: str,
    taxId: str,
    taxIdNormalized: str,
    country: str,
    joinedOn: date,
    leftOn: nullable(date),
    bankName: nullable(str),
    bankAccount: nullable(str),
    bankHolder: nullable(str),
    createdAt: str,
    updatedAt: str,
  }),
  Tier: object({ thresholdMinor: money, rateBps: int }),
  Program: object({
    id: int,
    supplierId: int,
    name: str,
    currency,
    start: date,
    end: date,
    method: { enum: ["all-units", "incremental"] },
    feeBps: int,
    includeCategories: list(str),
    excludeCategories: list(str),
    tiers: list(ref("Tier")),
    createdAt: str,
    updatedAt: str,
  }),
  FxRate: object({
    month,
    from: currency,
    to: currency,
    rate: { type: "string", pattern: "^\\d+(\\.\\d{1,8})?$" },
    updatedBy: nullable(int),
    updatedAt: str,
  }),
  Problem: object({
    sheet: str,
    row: int,
    column: str,
    severity: { enum: ["error", "warning"] },
    code: str,
    message: str,
  }),
  Amount: object({ currency, amountMinor: money }),
  Report: object({
    id: int,
    supplierId: int,
    period: month,
    version: int,
    status: { enum: ["queued", "processing", "active", "superseded", "rejected", "failed"] },
    fileName: str,
    rows: int,
    lines: int,
    errors: int,
    warnings: int,
    message: nullable(str),
    progress: nullable(object({ rowsRead: int, percent: int })),
    problems: list(ref("Problem")),
    totals: ref("Amount"),
    totalsByCurrency: list(ref("Amount")),
  }),
  ReportListItem: object({
    id: int,
    supplierId: int,
    supplierName: str,
    period: month,
    version: int,
    status: str,
    fileName: str,
    rows: int,
    linesCount: int,
    errorsCount: int,
    warningsCount: int,
    totals: { type: "object", additionalProperties: money },
    uploadedAt: str,
    held: int,
  }),
  Unmatched: object({
    supplierId: int,
    customerKey: str,
    names: list(str),
    lines: int,
    amountMinor: money,
    currency,
  }),
  Alias: object(
    {
      supplierId: int,
      customerKey: str,
      memberId: int,
      notMember: { const: true },
      linesMatched: int,
    },
    ["memberId", "notMember"],
  ),
  Run: object({
    id: int,
    programId: int,
    month,
    status: { enum: ["preview", "posted"] },
    pooledVolumeMinor: money,
    tierIndex: int,
    rateBps: int,
    grossMinor: money,
    feeMinor: money,
    netMinor: money,
    posting: object({ grossMinor: money, feeMinor: money, netMinor: money }),
    members: list(
      object({ memberId: int, volumeMinor: money, ytdMinor: money, postingMinor: money }),
    ),
  }),
  Balance: object({
    memberId: int,
    balances: list(ref("Amount")),
    byProgram: list(object({ programId: int, earnedMinor: money })),
  }),
  TrialBalance: object({
    accounts: list(object({ account: str, currency, balanceMinor: money })),
    totals: list(ref("Amount")),
  }),
  SupplierPayment: object({
    id: int,
    supplierId: int,
    supplierName: str,
    programId: nullable(int),
    programName: nullable(str),
    currency,
    amountMinor: money,
    receivedOn: date,
    reference: str,
    overpaymentNote: nullable(str),
    createdAt: str,
    entryId: nullable(int),
  }),
  Receivable: object({
    supplierId: int,
    supplierName: str,
    programId: int,
    programName: str,
    currency,
    pooledVolumeMinor: money,
    tierIndex: nullable(int),
    rateBps: nullable(int),
    lastPostedMonth: nullable(month),
    postedMinor: money,
    paidMinor: money,
    owedMinor: { ...money, description: "Posted less paid; negative when the supplier overpaid." },
  }),
  PayoutBatchListItem: object({
    id: int,
    currency,
    status: batchStatus,
    reference: str,
    createdAt: str,
    paidAt: nullable(str),
    lines: { ...int, description: "Lines not dropped." },
    totalMinor: money,
  }),
  PayoutLine: object({
    memberId: int,
    memberName: str,
    taxId: str,
    bankName: nullable(str),
    bankAccount: nullable(str),
    bankHolder: nullable(str),
    amountMinor: money,
    dropped: { type: "boolean" },
  }),
  PayoutBatch: object({
    id: int,
    currency,
    status: batchStatus,
    reference: str,
    createdBy: nullable(int),
    createdAt: str,
    approvedBy: nullable(int),
    approvedAt: nullable(str),
    paidBy: nullable(int),
    paidAt: nullable(str),
    cancelledBy: nullable(int),
    cancelledAt: nullable(str),
    createdByEmail: nullable(str),
    approvedByEmail: nullable(str),
    paidByEmail: nullable(str),
    cancelledByEmail: nullable(str),
    entryId: { ...nullable(int), description: "The journal entry posted when paid." },
    totalMinor: { ...money, description: "Sum of the lines not dropped." },
    lines: list(ref("PayoutLine")),
  }),
  CarriedForward: object({
    memberId: int,
    memberName: str,
    balanceMinor: money,
    reason: { enum: ["below_minimum", "reserved", "negative", "dropped", "not_in_batch"] },
  }),
  PayoutBatchDetail: {
    allOf: [ref("PayoutBatch"), object({ carriedForward: list(ref("CarriedForward")) })],
  },
  PostingExplanation: {
    anyOf: [
      object({ code: { const: "regular" }, month, tier: int, rateBps: int }),
      object({
        code: { enum: ["tier_up", "tier_down"] },
        month,
        tier: int,
        from: month,
        to: month,
      }),
      object({ code: { enum: ["rerun", "correction"] }, month }),
    ],
  },
  Statement: object({
    memberId: int,
    member: object({ id: int, name: str, taxId: str }),
    from: month,
    to: month,
    balances: list(
      object({
        currency,
        openingMinor: money,
        earnedMinor: money,
        paidOutMinor: money,
        closingMinor: money,
      }),
    ),
    programs: list(
      object({
        programId: int,
        name: str,
        supplierName: str,
        currency,
        pooledVolumeMinor: money,
        tierIndex: nullable(int),
        rateBps: nullable(int),
        memberVolumeMinor: money,
        earnedMinor: money,
        postings: list(
          object({
            entryId: int,
            runId: nullable(int),
            month,
            amountMinor: money,
            explanation: ref("PostingExplanation"),
          }),
        ),
      }),
    ),
    payouts: list(
      object({
        entryId: int,
        payoutBatchId: nullable(int),
        reference: nullable(str),
        month,
        currency,
        amountMinor: money,
      }),
    ),
  }),
};

const json = (schema: Schema, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), json(ref("Error"), "Refused")]));
const body = (schema: Schema) => ({ required: true, content: { "application/json": { schema } } });
const optionalBody = (schema: Schema) => ({
  required: false,
  content: { "application/json": { schema } },
});
const idParam = { name: "id", in: "path", required: true, schema: int };
const query = (name: string, schema: Schema, description?: string) => ({
  name,
  in: "query",
  schema,
  ...(description ? { description } : {}),
});
/** A file download (not JSON): its media type and the attachment's name. */
const download = (type: string) => ({
  description: "The file, as an attachment",
  headers: {
    "Content-Disposition": {
      description: 'attachment; filename="<batch reference>.<extension>"',
      schema: str,
    },
  },
  content: { [type]: { schema: { type: "string", contentMediaType: type } } },
});
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** Actions on one payout batch: all answer the batch as it is after the action. */
const batchAction = (summary: string, extra: Schema = {}, refusals = [401, 403, 404, 409]) => ({
  post: {
    summary,
    "x-roles": ["admin"],
    parameters: [idParam],
    ...extra,
    responses: { "200": json(ref("PayoutBatch")), ...errors(...refusals) },
  },
});

/** Paths, methods, who may call them (x-roles) and what comes back. */
const paths: Record<string, Record<string, Schema>> = {
  "/tokens": {
    post: {
      summary: "Exchange e-mail and password for a bearer token",
      security: [],
      "x-roles": ["anyone"],
      requestBody: body(object({ email: str, password: str, name: str }, ["name"])),
      responses: { "201": json(object({ token: str }), "Created"), ...errors(400, 401, 429) },
    },
  },
  "/suppliers": {
    get: {
      "x-roles": ["admin"],
      responses: { "200": json(list(ref("Supplier"))), ...errors(401, 403) },
    },
    post: {
      "x-roles": ["admin"],
      requestBody: body(
        object({ name: str, currency, dateOrder: { enum: ["dmy", "mdy"] } }, ["dateOrder"]),
      ),
      responses: { "201": json(ref("Supplier"), "Created"), ...errors(400, 401, 403, 409) },
    },
  },
  "/members": {
    get: {
      "x-roles": ["admin"],
      parameters: [
        { name: "page", in: "query", schema: int },
        { name: "q", in: "query", schema: str },
      ],
      responses: { "200": json(list(ref("Member"))), ...errors(401, 403) },
    },
    post: {
      summary: "Upsert by tax id: one member, or an array (answered in the order given)",
      "x-roles": ["admin"],
      requestBody: body({}),
      responses: {
        "200": json({ anyOf: [ref("Member"), list(ref("Member"))] }),
        "201": json({ anyOf: [ref("Member"), list(ref("Member"))] }, "Created"),
        ...errors(400, 401, 403),
      },
    },
  },
  "/members/{id}/balance": {
    get: {
      "x-roles": ["admin", "member (own id)"],
      parameters: [idParam],
      responses: { "200": json(ref("Balance")), ...errors(401, 403, 404) },
    },
  },
  "/users": {
    post: {
      "x-roles": ["admin"],
      requestBody: body(
        object(
          {
            email: str,
            password: str,
            role: { enum: ["admin", "supplier", "member"] },
            supplierId: int,
            memberId: int,
          },
          ["supplierId", "memberId"],
        ),
      ),
      responses: { "201": json(object({ id: int }), "Created"), ...errors(400, 401, 403, 409) },
    },
  },
  "/programs": {
    get: {
      "x-roles": ["admin"],
      responses: { "200": json(list(ref("Program"))), ...errors(401, 403) },
    },
    post: {
      "x-roles": ["admin"],
      requestBody: body({}),
      responses: { "201": json(ref("Program"), "Created"), ...errors(400, 401, 403) },
    },
  },
  "/fx-rates": {
    get: {
      "x-roles": ["admin"],
      responses: { "200": json(list(ref("FxRate"))), ...errors(401, 403) },
    },
    put: {
      "x-roles": ["admin"],
      requestBody: body(list(object({ month, from: currency, to: currency, rate: str }))),
      responses: { "200": json(list(ref("FxRate"))), ...errors(400, 401, 403) },
    },
  },
  "/reports": {
    get: {
      "x-roles": ["admin", "supplier (own reports)"],
      parameters: ["supplierId", "period", "status", "page"].map((name) => ({
        name,
        in: "query",
        schema: str,
      })),
      responses: {
        "200": json(object({ reports: list(ref("ReportListItem")), total: int, page: int })),
        ...errors(401, 403),
      },
    },
    post: {
      summary: "Upload a report (multipart: file, period; the admin adds supplierId)",
      "x-roles": ["supplier", "admin"],
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: object(
              {
                file: { type: "string", contentMediaType: "application/octet-stream" },
                period: month,
                supplierId: int,
              },
              ["supplierId"],
            ),
          },
        },
      },
      responses: {
        "202": json(object({ id: int, status: str, version: int }), "Queued"),
        ...errors(400, 401, 403, 404, 409, 413, 422),
      },
    },
  },
  "/reports/{id}": {
    get: {
      "x-roles": ["admin", "supplier (own reports)"],
      parameters: [idParam],
      responses: { "200": json(ref("Report")), ...errors(401, 403, 404) },
    },
  },
  "/unmatched": {
    get: {
      "x-roles": ["admin"],
      responses: { "200": json(list(ref("Unmatched"))), ...errors(401, 403) },
    },
  },
  "/aliases": {
    post: {
      "x-roles": ["admin"],
      requestBody: body(
        object({ supplierId: int, customerKey: str, memberId: int, notMember: { const: true } }, [
          "memberId",
          "notMember",
        ]),
      ),
      responses: { "201": json(ref("Alias"), "Created"), ...errors(400, 401, 403, 404, 409) },
    },
  },
  "/allocation-runs": {
    post: {
      summary: "Preview (and store) a program's run for a month",
      "x-roles": ["admin"],
      requestBody: body(object({ programId: int, month })),
      responses: { "201": json(ref("Run"), "Created"), ...errors(400, 401, 403, 404, 409) },
    },
  },
  "/allocation-runs/{id}/post": {
    post: {
      summary: "Post a preview; posting again answers the same run and posts nothing",
      "x-roles": ["admin"],
      parameters: [idParam],
      responses: { "200": json(ref("Run")), ...errors(401, 403, 404, 409) },
    },
  },
  "/ledger/trial-balance": {
    get: {
      "x-roles": ["admin"],
      responses: { "200": json(ref("TrialBalance")), ...errors(401, 403) },
    },
  },
  "/members/{id}/statement": {
    get: {
      summary: "A member's statement for a range of months",
      description:
        "Either month left out takes the default: from January of the member's first posting's year to this month (or its last posting's). 400 when a month is malformed or from is after to.",
      "x-roles": ["admin", "member (own id)"],
      parameters: [idParam, query("from", month), query("to", month)],
      responses: { "200": json(ref("Statement")), ...errors(400, 401, 403, 404) },
    },
  },
  "/receivables": {
    get: {
      summary: "What each supplier owes per program: posted gross less payments",
      "x-roles": ["admin", "supplier (own programs; supplierId is ignored)"],
      parameters: [query("supplierId", int, "Only this supplier's programs (admin).")],
      responses: { "200": json(list(ref("Receivable"))), ...errors(401, 403) },
    },
  },
  "/supplier-payments": {
    get: {
      summary: "Supplier payments, newest first (at most 500)",
      "x-roles": ["admin"],
      parameters: [query("supplierId", int)],
      responses: { "200": json(list(ref("SupplierPayment"))), ...errors(401, 403) },
    },
    post: {
      summary: "Record a supplier payment for a program (Dr cash, Cr supplier receivable)",
      description:
        "More than the program's owedMinor needs an overpaymentNote (else 400 overpayment_note_required); currency, when given, must be the program's. 404 for an unknown program.",
      "x-roles": ["admin"],
      requestBody: body(
        object(
          {
            programId: int,
            amountMinor: { ...money, exclusiveMinimum: 0 },
            receivedOn: date,
            reference: { type: "string", minLength: 1, maxLength: 100 },
            currency,
            overpaymentNote: nullable({ type: "string", maxLength: 500 }),
          },
          ["currency", "overpaymentNote"],
        ),
      ),
      responses: {
        "201": json(ref("SupplierPayment"), "Created"),
        ...errors(400, 401, 403, 404),
      },
    },
  },
  "/payout-batches": {
    get: {
      summary: "Payout batches, newest first (at most 200)",
      "x-roles": ["admin"],
      responses: { "200": json(list(ref("PayoutBatchListItem"))), ...errors(401, 403) },
    },
    post: {
      summary: "Build a draft batch of a currency from every balance at or above the minimum",
      description:
        "memberIds narrows the batch to those members. 409 batch_nothing_to_pay (no balance at or above the minimum), member_reserved (already in an open batch), batch_reference_taken.",
      "x-roles": ["admin"],
      requestBody: body(
        object(
          {
            currency,
            reference: { type: "string", maxLength: 60 },
            memberIds: { ...list(int), minItems: 1 },
          },
          ["reference", "memberIds"],
        ),
      ),
      responses: {
        "201": json(ref("PayoutBatch"), "Created"),
        ...errors(400, 401, 403, 409),
      },
    },
  },
  "/payout-batches/{id}": {
    get: {
      summary: "A batch with its lines and the members it leaves out (carried forward), and why",
      "x-roles": ["admin"],
      parameters: [idParam],
      responses: { "200": json(ref("PayoutBatchDetail")), ...errors(401, 403, 404) },
    },
  },
  "/payout-batches/{id}/drop": batchAction(
    "Drop a member's line from a draft; its balance carries forward",
    { requestBody: body(object({ memberId: int })) },
    [400, 401, 403, 404, 409],
  ),
  "/payout-batches/{id}/approve": batchAction(
    "Approve a draft; under four-eyes only an admin other than its builder may (else 403 batch_four_eyes)",
  ),
  "/payout-batches/{id}/pay": batchAction(
    "Pay an approved batch: one journal entry, once; paying again is a 409 batch_already_paid",
    { requestBody: optionalBody(object({ paidOn: date }, ["paidOn"])) },
    [400, 401, 403, 404, 409],
  ),
  "/payout-batches/{id}/cancel": batchAction(
    "Cancel a batch not yet paid and release its members' balances",
  ),
  "/payout-batches/{id}/export.csv": {
    get: {
      summary: "The batch for the bank, with the members' bank details (formula-safe CSV)",
      "x-roles": ["admin"],
      parameters: [idParam],
      responses: { "200": download("text/csv"), ...errors(401, 403, 404) },
    },
  },
  "/payout-batches/{id}/export.xlsx": {
    get: {
      summary: "The batch for the bank, with the members' bank details, as a workbook",
      "x-roles": ["admin"],
      parameters: [idParam],
      responses: { "200": download(XLSX), ...errors(401, 403, 404) },
    },
  },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "tierpool API",
    version: "1",
    description:
      "Volume refunds of a buyers' consortium. Money fields end in Minor: integers in the currency's minor unit.",
  },
  servers: [{ url: "/api/v1" }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas,
  },
  paths,
};
