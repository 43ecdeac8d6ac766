// The limits of a claim upload (SPEC 5.2, 4.6, 8). The ZIP's own limits (compression ratio, total
// inflated bytes) are the spreadsheets' (imports/limits.ts LIMITS), applied by the same functions.
import { LIMITS } from "../limits";

const MIB = 1024 * 1024;

export interface ClaimLimits {
  /** The upload as sent: one XML or a ZIP (as a report file, SPEC 4.6). */
  maxUploadBytes: number;
  /** Files in one ZIP (SPEC 5.2: "up to 10,000 files"). */
  maxFiles: number;
  /** One XML as really read (inflated): real invoices are 3–100 KB, big ones a few MB. */
  maxInvoiceBytes: number;
  /** Concepts or products of one invoice. */
  maxLinesPerInvoice: number;
}

export const CLAIM_LIMITS: ClaimLimits = {
  maxUploadBytes: LIMITS.maxFileBytes,
  maxFiles: 10_000,
  maxInvoiceBytes: 10 * MIB,
  maxLinesPerInvoice: 10_000,
};
