// The orders a claims list may take (SPEC 6): the model's whitelist and the screen's choices.
export const CLAIM_SORTS = [
  "createdAt",
  "invoiceDate",
  "invoiceNumber",
  "amount",
  "member",
  "supplier",
  "status",
  "dueOn",
] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];
