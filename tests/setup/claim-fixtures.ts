// Test support for member claims: the claim fixtures (../shared/fixtures/claims) and their
// expected.json, and the part of each expected invoice that the readers alone decide
// (imports/claims), so that reader tests and end-to-end tests compare the same fields.
//
// The reader decides: the refusal of an unreadable file (code), `skipped`, invoice number, UUID
// or access key, date, currency, amount and each line's SKU, quantity and amount. The outcomes
// reported / pending / not_preferred / refused-for-a-business-rule, `supplier`, a line's
// `category`, `reportedAmountMinor` and the counts need the database (claims workflow).
import { readFileSync } from "node:fs";
import type { InvoiceReading } from "@imports/claims";
import { fixturePath } from "./fixtures";

export interface ExpectedClaimLine {
  sku: string;
  category: string;
  quantity: number;
  amountMinor: number;
}

export interface ExpectedClaimInvoice {
  file: string;
  outcome: "reported" | "pending" | "not_preferred" | "refused" | "skipped";
  supplier?: string;
  note: string;
  invoiceNumber?: string;
  uuid?: string;
  accessKey?: string;
  invoiceDate?: string;
  currency?: string;
  amountMinor?: number;
  lines?: ExpectedClaimLine[];
  reportedAmountMinor?: number;
}

export interface ExpectedClaimUpload {
  file: string;
  member: number;
  memberTaxId: string;
  invoices: ExpectedClaimInvoice[];
  counts: { reported: number; pending: number; notPreferred: number; refused: number };
}

export interface ClaimExpectations {
  uploadedOn: string;
  suppliers: Record<string, { name: string; currency: string; taxIds: string[] }>;
  nonPreferredIssuer: { name: string; taxId: string };
  uploads: ExpectedClaimUpload[];
  bad: Record<string, string>;
}

export function claimFixturePath(relative: string): string {
  return fixturePath(`claims/${relative}`);
}

export function readClaimFixture(relative: string): Buffer {
  return readFileSync(claimFixturePath(relative));
}

export function claimExpectations(): ClaimExpectations {
  return JSON.parse(readFileSync(claimFixturePath("expected.json"), "utf8")) as ClaimExpectations;
}

/**
 * Files refused by the reader itself (the rest of the `refused` outcomes are business rules:
 * another company, already claimed, outside every program), with the refusal's code.
 */
export const READER_REFUSALS: Readonly<Record<string, string>> = {
  "malformed-AX-7008.xml": "invoice_malformed",
  "paulista-NF-45017-return.xml": "nfe_not_normal",
};

/** What a reader decides about one invoice, in expected.json's terms. */
export interface ReaderView {
  file: string;
  /** The refusal's code when the reader refused the file. */
  refusal?: string;
  skipped?: boolean;
  invoiceNumber?: string;
  uuid?: string;
  accessKey?: string;
  invoiceDate?: string;
  currency?: string;
  amountMinor?: number;
  lines?: { sku: string; quantity: number; amountMinor: number }[];
}

/** The reader's part of an expected invoice (amount and lines only where expected.json has them). */
export function expectedReaderView(expected: ExpectedClaimInvoice): ReaderView {
  const refusal = READER_REFUSALS[expected.file];
  if (refusal) return { file: expected.file, refusal };
  const view: ReaderView = {
    file: expected.file,
    skipped: expected.outcome === "skipped",
    invoiceNumber: expected.invoiceNumber,
    invoiceDate: expected.invoiceDate,
    currency: expected.currency,
  };
  if (expected.uuid) view.uuid = expected.uuid;
  if (expected.accessKey) view.accessKey = expected.accessKey;
  if (expected.amountMinor !== undefined) view.amountMinor = expected.amountMinor;
  if (expected.lines)
    view.lines = expected.lines.map(({ sku, quantity, amountMinor }) => ({
      sku,
      quantity,
      amountMinor,
    }));
  return view;
}

/** The same view of a reading; `expected` says which optional fields to show. */
export function readerView(reading: InvoiceReading, expected: ExpectedClaimInvoice): ReaderView {
  if (!reading.ok) return { file: reading.file, refusal: reading.error.code };
  const invoice = reading.invoice;
  const view: ReaderView = {
    file: reading.file,
    skipped: invoice.skipped !== null,
    invoiceNumber: invoice.number,
    invoiceDate: invoice.issuedOn,
    currency: invoice.currency,
  };
  if (invoice.uuid) view.uuid = invoice.uuid;
  if (invoice.accessKey) view.accessKey = invoice.accessKey;
  if (expected.amountMinor !== undefined) view.amountMinor = invoice.netMinor;
  if (expected.lines)
    view.lines = invoice.lines.map((line) => ({
      sku: line.sku ?? "",
      quantity: line.quantity,
      amountMinor: line.netMinor,
    }));
  return view;
}
