// The readers of member claims' electronic invoices (SPEC 5.2): see read-invoice.ts and
// read-upload.ts; decisions 053 and 054.
export { readInvoiceFile } from "./read-invoice";
export { readClaimUpload, readClaimUploadAll, type ClaimUploadOptions } from "./read-upload";
export { normalizeInvoiceNumber } from "./numbers";
export { accessKeyCheckDigit, isValidAccessKey } from "./nfe";
export { CLAIM_LIMITS, type ClaimLimits } from "./limits";
export { SKIP_NOTES, skipNote } from "./skip-notes";
export type {
  InvoiceFormat,
  InvoiceKind,
  InvoiceLine,
  InvoiceReading,
  ParsedInvoice,
  SkipReason,
} from "./types";
