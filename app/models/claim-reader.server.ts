// The e-invoice readers (imports/claims) as the claims workflow calls them.
import { readClaimUpload, type InvoiceReading, type ParsedInvoice } from "@imports/claims";

export type { InvoiceReading, ParsedInvoice };

/** One XML (one reading) or a ZIP (one per file), read entry by entry; whole-file refusals throw. */
export function readClaimFile(
  name: string,
  bytes: Buffer,
  onProgress?: (done: number, total: number) => void,
): AsyncIterable<InvoiceReading> {
  return readClaimUpload(name, bytes, { onProgress });
}
