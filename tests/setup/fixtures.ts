// Test support: paths of the shared supplier-report fixtures and the scenario's truth.json.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { normalizeCustomerKey } from "@imports/values";

export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../../../shared/fixtures/${relative}`, import.meta.url));
}

export interface TruthLine {
  supplier: string;
  reportMonth: string;
  invoiceDate: string;
  invoiceNumber: string;
  /** Normalized tax id. */
  taxId: string;
  /** The tax id as written in the reports. */
  display: string;
  /** The supplier's customer account (what andes reports carry). */
  account: string;
  customerName: string;
  sku: string;
  category: string;
  quantity: number;
  amountMinor: number;
  currency: string;
  /** The member's ref, or null for a customer that is not a member. */
  member: number | null;
}

export interface TruthSupplier {
  key: string;
  name: string;
  currency: string;
  dateOrder: "dmy" | "mdy";
  format: string;
  reports: Record<string, string>;
}

export interface TruthMember {
  ref: number;
  name: string;
  taxId: string;
  normalizedTaxId: string;
  country: string;
  joinedOn: string;
  leftOn: string | null;
  account: string;
}

export type TruthAlias =
  | { supplier: string; customerKey: string; member: number }
  | { supplier: string; customerKey: string; notMember: true };

export interface Truth {
  members: TruthMember[];
  aliases: TruthAlias[];
  suppliers: TruthSupplier[];
  lines: TruthLine[];
  correction: { supplier: string; month: string; file: string; lines: TruthLine[] };
}

export function loadTruth(): Truth {
  return JSON.parse(readFileSync(fixturePath("scenario-q1/truth.json"), "utf8")) as Truth;
}

/**
 * The line as a report states it. Andes reports carry the supplier's customer account, not a
 * tax id: the key is that account normalized like any customer key ("C-10007" → "C10007").
 */
export function expectedLine(line: TruthLine) {
  return {
    invoiceDate: line.invoiceDate,
    invoiceNumber: line.invoiceNumber,
    customerKey: line.supplier === "andes" ? normalizeCustomerKey(line.account) : line.taxId,
    customerName: line.customerName,
    sku: line.sku,
    category: line.category,
    quantity: line.quantity,
    amountMinor: line.amountMinor,
    currency: line.currency,
  };
}
