// What the API answers about supplier reports, unmatched customer keys and their resolution.
import { REPORT_STATUSES } from "@db/schema";
import { amount, count, currency, id, minor, month, timestamp, z } from "./zod.server";

export const reportStatus = z.enum(REPORT_STATUSES);

export const problem = z
  .object({
    sheet: z.string(),
    row: z.number().int(),
    column: z.string(),
    severity: z.enum(["error", "warning"]),
    code: z.string(),
    message: z.string(),
  })
  .openapi("Problem");

export const report = z
  .object({
    id,
    supplierId: id,
    period: month,
    version: z.number().int(),
    status: reportStatus,
    fileName: z.string(),
    rows: count,
    lines: count,
    errors: count,
    warnings: count,
    message: z.string().nullable(),
    progress: z.object({ rowsRead: count, percent: z.number().int() }).nullable(),
    problems: z.array(problem),
    totals: amount.describe("In the supplier's currency, else the first currency reported."),
    totalsByCurrency: z.array(amount),
  })
  .openapi("Report");

export const reportListItem = z
  .object({
    id,
    supplierId: id,
    supplierName: z.string(),
    period: month,
    version: z.number().int(),
    status: reportStatus,
    fileName: z.string(),
    rows: count,
    linesCount: count,
    errorsCount: count,
    warningsCount: count,
    totals: z.record(minor).describe("Minor units by currency code."),
    uploadedAt: timestamp,
    held: count.describe("Duplicate lines held out of runs until accepted."),
  })
  .openapi("ReportListItem");

export const reportList = z.object({ reports: z.array(reportListItem), total: count, page: count });

export const reportQueued = z.object({ id, status: reportStatus, version: z.number().int() });

export const unmatched = z
  .object({
    supplierId: id,
    customerKey: z.string(),
    names: z.array(z.string()),
    lines: count,
    amountMinor: minor,
    currency,
  })
  .openapi("Unmatched");

const resolved = { supplierId: id, customerKey: z.string(), linesMatched: count };
export const alias = z
  .union([
    z.object({ ...resolved, memberId: id }),
    z.object({ ...resolved, notMember: z.literal(true) }),
  ])
  .openapi("Alias");
