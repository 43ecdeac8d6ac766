// Test support: paths of the shared supplier-report fixtures and the scenario's truth.json.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../../shared/fixtures/${relative}`, import.meta.url));
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
}

export interface TruthSupplier {
  key: string;
  currency: string;
  dateOrder: "dmy" | "mdy";
  format: string;
  reports: Record<string, string>;
}

export interface Truth {
  suppliers: TruthSupplier[];
  lines: TruthLine[];
  correction: { supplier: string; month: string; file: string; lines: TruthLine[] };
}

export function loadTruth(): Truth {
  return JSON.parse(readFileSync(fixturePath("scenario-q1/truth.json"), "utf8")) as Truth;
}
