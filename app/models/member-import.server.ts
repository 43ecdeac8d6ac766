// Importing members from an XLSX: every row checked first; any problem and nothing is imported.
import { z } from "zod";
import { inTransaction } from "@db/client.server";
import { checkFileBeforeParsing } from "@imports/limits";
import { readXlsxRows } from "@imports/read-xlsx";
import { normalizeHeader } from "@imports/headers";
import { normalizeCustomerKey } from "@imports/values";
import { memberInput } from "~/schemas/parties";
import type { Locale } from "~/i18n/locale";
import { issueMessage, reasonText } from "~/schemas/reasons";
import { invalid } from "./errors";
import { upsertMember } from "./members.server";
import { recordAudit, type AuditActor } from "./audit.server";

const COLUMNS: Record<string, string[]> = {
  name: ["name", "member", "nombre", "razon social", "nome", "razao social"],
  taxId: ["tax id", "rfc", "nit", "cnpj", "cuit", "rut", "tax number"],
  country: ["country", "pais"],
  joinedOn: ["joined on", "joined", "fecha de ingreso", "ingreso", "data de entrada", "entrada"],
  leftOn: ["left on", "left", "fecha de salida", "salida", "data de saida", "saida"],
  bankName: ["bank", "banco"],
  bankAccount: ["bank account", "cuenta bancaria", "clabe", "conta bancaria", "iban"],
  bankHolder: ["account holder", "titular"],
};

export type ImportProblem = { row: number; column: string; message: string };
export type MemberImportResult = { created: number; updated: number; problems: ImportProblem[] };

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

function columnIndex(headers: string[]): Record<string, number> {
  const index: Record<string, number> = {};
  headers.forEach((h, i) => {
    const key = Object.keys(COLUMNS).find((k) => COLUMNS[k].includes(normalizeHeader(h)));
    if (key && index[key] === undefined) index[key] = i;
  });
  return index;
}

export async function importMembers(
  actor: AuditActor,
  path: string,
  originalName: string,
  locale: Locale,
): Promise<MemberImportResult> {
  const { format } = await checkFileBeforeParsing(path, originalName);
  if (format !== "xlsx") throw invalid("member_import_not_xlsx");
  const problems: ImportProblem[] = [];
  const inputs: z.infer<typeof memberInput>[] = [];
  const seen = new Map<string, number>();
  let columns: Record<string, number> | null = null;
  for await (const raw of readXlsxRows(path)) {
    if (!columns) {
      columns = columnIndex(raw.cells.map(cellText));
      for (const required of ["name", "taxId", "country", "joinedOn"]) {
        if (columns[required] === undefined)
          problems.push({
            row: raw.row,
            column: required,
            message: reasonText("import_column_missing", { column: required }, locale),
          });
      }
      if (problems.length) break;
      continue;
    }
    if (raw.cells.every((c) => cellText(c) === "")) continue;
    const values = Object.fromEntries(
      Object.entries(columns).map(([k, i]) => [k, cellText(raw.cells[i])]),
    );
    const parsed = memberInput.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          row: raw.row,
          column: issue.path.join("."),
          message: `${issue.path.join(".")} ${issueMessage(issue, locale)}`,
        });
      continue;
    }
    const key = normalizeCustomerKey(parsed.data.taxId);
    const earlier = seen.get(key);
    if (earlier)
      problems.push({
        row: raw.row,
        column: "taxId",
        message: reasonText(
          "import_tax_id_repeated",
          { taxId: parsed.data.taxId, row: earlier },
          locale,
        ),
      });
    seen.set(key, raw.row);
    inputs.push(parsed.data);
  }
  if (!columns)
    problems.push({ row: 1, column: "", message: reasonText("import_no_rows", {}, locale) });
  if (problems.length) return { created: 0, updated: 0, problems };
  return inTransaction((db) => {
    let created = 0;
    for (const input of inputs) {
      const result = upsertMember(db, input);
      if (result.created) created++;
    }
    recordAudit(actor, "member.import", undefined, {
      file: originalName,
      created,
      updated: inputs.length - created,
    });
    return { created, updated: inputs.length - created, problems };
  });
}
