// Test support for readReport: read a file collecting its lines, or expect its refusal.
import { expect } from "vitest";
import { ImportError } from "@imports/errors";
import { readReport, type ReadReportOptions, type ReportSummary } from "@imports/read-report";
import type { ParsedLine } from "@imports/types";

type Options = Omit<ReadReportOptions, "onLine" | "originalName">;
export const baseOptions: Options = {
  dateOrder: "dmy",
  defaultCurrency: "USD",
  today: "2026-04-15",
  period: "2026-03",
};

export async function read(
  path: string,
  opts: Partial<ReadReportOptions> = {},
): Promise<{ summary: ReportSummary; lines: ParsedLine[] }> {
  const lines: ParsedLine[] = [];
  const summary = await readReport(path, {
    ...baseOptions,
    originalName: path.split("/").pop() ?? path,
    ...opts,
    onLine: (line) => {
      lines.push(line);
    },
  });
  return { summary, lines };
}

export async function refusal(
  path: string,
  opts: Partial<ReadReportOptions> = {},
): Promise<ImportError> {
  const error = await read(path, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

const KEY_FIELDS = [
  "invoiceDate",
  "invoiceNumber",
  "customerKey",
  "customerName",
  "sku",
  "category",
  "quantity",
  "amountMinor",
  "currency",
] as const;

/** The fields truth.json states for a line (no sheet or row). */
export function keyFields(line: ParsedLine): Pick<ParsedLine, (typeof KEY_FIELDS)[number]> {
  return Object.fromEntries(KEY_FIELDS.map((k) => [k, line[k]])) as Pick<
    ParsedLine,
    (typeof KEY_FIELDS)[number]
  >;
}
