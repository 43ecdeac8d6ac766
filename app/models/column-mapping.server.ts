// A supplier's column mapping (SPEC 4.2): what is saved, the first rows of a file whose header
// could not be found, and saving the columns the supplier picked for it.
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { inTransaction, getDb } from "@db/client.server";
import { reports } from "@db/schema";
import {
  FIELDS,
  REQUIRED_FIELDS,
  findHeader,
  normalizeHeader,
  type ColumnMapping,
  type Field,
} from "@imports/headers";
import type { Cell, RawRow } from "@imports/types";
import type { Actor } from "~/auth/authorize.server";
import { invalid, notFound } from "./errors";
import { recordAudit } from "./audit.server";
import { getColumnMapping, saveColumnMapping } from "./suppliers.server";
import { reportRefusal } from "./supplier-reports.server";

/** A row of the preview as the browser gets it: every cell as text. */
export type PreviewRow = { row: number; cells: string[] };

export type MappingPreview = {
  reportId: number;
  period: string;
  fileName: string;
  sheet: string;
  rows: PreviewRow[];
  missing: string[];
  /** Our best guess of the header row and its columns, to prefill the form. */
  headerRow: number;
  guess: Record<number, Field>;
};

const cellText = (cell: Cell | undefined): string =>
  cell === null || cell === undefined ? "" : String(cell);

function fieldOrder(field: string) {
  const i = FIELDS.indexOf(field as Field);
  return i < 0 ? FIELDS.length : i;
}

export function savedMapping(supplierId: number) {
  return Object.entries(getColumnMapping(supplierId))
    .map(([header, field]) => ({ header, field }))
    .sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field) || a.header.localeCompare(b.header));
}

/** The supplier's latest upload, when it was refused because no header could be found. */
export function mappingPreview(supplierId: number): MappingPreview | null {
  const latest = getDb()
    .select()
    .from(reports)
    .where(eq(reports.supplierId, supplierId))
    .orderBy(desc(reports.id))
    .limit(1)
    .get();
  if (!latest || latest.status !== "rejected") return null;
  const refusal = reportRefusal(latest);
  if (refusal?.code !== "header_not_found") return null;
  const inner = (latest.details?.details ?? {}) as { firstRows?: RawRow[] };
  const raw = (inner.firstRows ?? []).filter((r) => Array.isArray(r.cells));
  if (raw.length === 0) return null;
  const rows = raw.map((r) => ({ row: r.row, cells: r.cells.map(cellText) }));
  const match = findHeader(raw, getColumnMapping(supplierId) as ColumnMapping);
  const headerRow = match?.headerRow ?? likelyHeaderRow(rows);
  const guess: Record<number, Field> = {};
  for (const [field, column] of Object.entries(match?.columns ?? {})) {
    guess[column as number] = field as Field;
  }
  return {
    reportId: latest.id,
    period: latest.period,
    fileName: latest.fileName,
    sheet: raw[0].sheet,
    rows,
    missing: refusal.missing,
    headerRow,
    guess,
  };
}

/** Without any synonym: the first row with the most texts that are not numbers. */
function likelyHeaderRow(rows: PreviewRow[]): number {
  let best = rows[0];
  let bestCount = -1;
  for (const r of rows) {
    const texts = r.cells.filter((c) => c.trim() && Number.isNaN(Number(c))).length;
    if (texts > bestCount) [best, bestCount] = [r, texts];
  }
  return best.row;
}

export const mappingForm = z.object({
  reportId: z.coerce.number().int().positive(),
  headerRow: z.coerce.number().int().positive(),
  columns: z.record(z.string().regex(/^\d+$/), z.enum(["", ...FIELDS] as [string, ...string[]])),
});

export type MappingInput = z.infer<typeof mappingForm>;
type Issue = { path: string; message: string; field?: string };

/** Checks the picked columns against the preview; returns the mapping to add, or the issues. */
function checkPicks(preview: MappingPreview, input: MappingInput) {
  const header = preview.rows.find((r) => r.row === input.headerRow);
  if (!header) throw invalid("header_row_missing");
  const issues: Issue[] = [];
  const picked = new Map<string, number[]>();
  const mapping: ColumnMapping = {};
  for (const [col, field] of Object.entries(input.columns)) {
    if (!field) continue;
    const i = Number(col);
    picked.set(field, [...(picked.get(field) ?? []), i]);
    const key = normalizeHeader(header.cells[i] ?? "");
    if (!key) {
      issues.push({ path: `col.${i}`, message: "no_header_text" });
      continue;
    }
    if (mapping[key] && mapping[key] !== field) {
      issues.push({ path: `col.${i}`, message: "same_header_text" });
    }
    mapping[key] = field as Field;
  }
  for (const [field, cols] of picked) {
    if (cols.length > 1)
      for (const i of cols) issues.push({ path: `col.${i}`, message: "field_twice", field });
  }
  for (const field of REQUIRED_FIELDS) {
    if (!picked.has(field)) issues.push({ path: "form", message: "required_missing", field });
  }
  const headerKeys = header.cells.map(normalizeHeader).filter(Boolean);
  return { issues, mapping, headerKeys };
}

/**
 * Saves the picked columns. Texts of the chosen header row replace what was saved for them (a
 * column set to "ignore" forgets an earlier pick); texts of other files' headers are kept.
 */
export function saveMappingFromPreview(
  actor: Actor,
  supplierId: number,
  input: MappingInput,
  ip?: string,
): { saved: ColumnMapping } | { issues: Issue[] } {
  const preview = mappingPreview(supplierId);
  if (!preview || preview.reportId !== input.reportId) throw notFound("refused_report");
  const { issues, mapping, headerKeys } = checkPicks(preview, input);
  if (issues.length) return { issues };
  const saved = inTransaction((db) => {
    const merged: Record<string, string> = getColumnMapping(supplierId);
    for (const key of headerKeys) delete merged[key];
    Object.assign(merged, mapping);
    saveColumnMapping(db, supplierId, merged);
    return merged as ColumnMapping;
  });
  recordAudit(
    actor,
    "supplier.mapping.save",
    { type: "supplier", id: supplierId },
    { reportId: input.reportId, mapping },
    ip,
  );
  return { saved };
}

/** Forgets one saved header text. */
export function removeMappingEntry(actor: Actor, supplierId: number, header: string, ip?: string) {
  const removed = inTransaction((db) => {
    const current = getColumnMapping(supplierId);
    if (!(header in current)) return null;
    const field = current[header];
    delete current[header];
    saveColumnMapping(db, supplierId, current);
    return field;
  });
  if (removed)
    recordAudit(
      actor,
      "supplier.mapping.remove",
      { type: "supplier", id: supplierId },
      { header, field: removed },
      ip,
    );
  return removed !== null;
}
