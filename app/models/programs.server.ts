// Refund programs and their tier schedules: read, and created by an admin (validated, audited).
import { and, eq } from "drizzle-orm";
import { getDb, inTransaction, type Db, prepared } from "@db/client.server";
import { allocationRuns, programs, tiers as tiersTable } from "@db/schema";
import { inField } from "~/errors/coded";
import { conflict, invalid } from "./errors";
import { isDomainError } from "~/refunds/errors";
import { assertFeeBps } from "~/refunds/run";
import { assertTierSchedule, type Tier } from "~/refunds/tiers";
import { programInput } from "~/schemas/programs";
import { recordAudit, type AuditActor } from "./audit.server";
import { getSupplier } from "./suppliers.server";

/** A program as the API answers it: its row and its tier schedule. */
export type Program = typeof programs.$inferSelect & { tiers: Tier[] };
/** A program with its supplier's name, as dashboards and statements list it. */
export type ListedProgram = Program & { supplierName: string };

/** Which programs `programsWithTiers` reads; every field left out matches every program. */
export type ProgramFilter = {
  ids?: readonly number[];
  supplierId?: number;
  /** Programs running at some point of this year. */
  year?: number;
  /** By name (the admin's lists, the default), or by supplier name then start (dashboards). */
  orderBy?: "name" | "supplier";
};

const ORDER_BY = { name: "p.name, p.id", supplier: "s.name, p.start, p.id" } as const;

/** A program row as read, before its category lists are parsed and its tiers added. */
type ProgramRow = Omit<ListedProgram, "includeCategories" | "excludeCategories" | "tiers"> & {
  includeCategories: string;
  excludeCategories: string;
};

/**
 * The one reader of programs with their tier schedules: one query for the programs, one for the
 * tiers of all of them, both prepared once per connection (the dashboards call it on every load).
 */
export function programsWithTiers(filter: ProgramFilter = {}, db: Db = getDb()): ListedProgram[] {
  const rows = prepared(
    `SELECT p.id, p.supplier_id AS supplierId, p.name, p.currency, p.start, p."end" AS "end",
            p.method, p.fee_bps AS feeBps, p.include_categories AS includeCategories,
            p.exclude_categories AS excludeCategories, p.created_at AS createdAt,
            p.updated_at AS updatedAt, s.name AS supplierName
       FROM programs p JOIN suppliers s ON s.id = p.supplier_id
      WHERE (@ids IS NULL OR p.id IN (SELECT value FROM json_each(@ids)))
        AND (@supplierId IS NULL OR p.supplier_id = @supplierId)
        AND (@yearEnd IS NULL OR (p.start <= @yearEnd AND p."end" >= @yearStart))
      ORDER BY ${ORDER_BY[filter.orderBy ?? "name"]}`,
    db,
  ).all({
    ids: filter.ids ? JSON.stringify(filter.ids) : null,
    supplierId: filter.supplierId ?? null,
    yearStart: filter.year === undefined ? null : `${filter.year}-01-01`,
    yearEnd: filter.year === undefined ? null : `${filter.year}-12-31`,
  }) as ProgramRow[];
  const tiers = tiersOf(
    rows.map((p) => p.id),
    db,
  );
  return rows.map((row) => ({
    ...row,
    includeCategories: JSON.parse(row.includeCategories) as string[],
    excludeCategories: JSON.parse(row.excludeCategories) as string[],
    tiers: tiers.get(row.id) ?? [],
  }));
}

function tiersOf(programIds: number[], db: Db): Map<number, Tier[]> {
  const byProgram = new Map<number, Tier[]>();
  if (programIds.length === 0) return byProgram;
  const rows = prepared(
    `SELECT program_id AS programId, threshold_minor AS thresholdMinor, rate_bps AS rateBps
       FROM tiers WHERE program_id IN (SELECT value FROM json_each(?))
      ORDER BY program_id, position`,
    db,
  ).all(JSON.stringify(programIds)) as ({ programId: number } & Tier)[];
  for (const { programId, thresholdMinor, rateBps } of rows) {
    const list = byProgram.get(programId) ?? [];
    list.push({ thresholdMinor, rateBps });
    byProgram.set(programId, list);
  }
  return byProgram;
}

/** The program as the API and the admin's screens show it: without its supplier's name. */
function withoutSupplierName({ supplierName: _supplierName, ...program }: ListedProgram): Program {
  return program;
}

export function listPrograms(): Program[] {
  return programsWithTiers().map(withoutSupplierName);
}

export function getProgram(id: number, db: Db = getDb()): Program | undefined {
  const [program] = programsWithTiers({ ids: [id] }, db);
  return program && withoutSupplierName(program);
}

/** Runs an engine check; its DomainError becomes a 400 naming the field, with the engine's code. */
function checkField(path: string, check: () => void) {
  try {
    check();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const problems = Array.isArray(error.details?.problems)
      ? (error.details.problems as string[]).map((message) => ({ path, message }))
      : undefined;
    throw inField(error, path, { named: false, details: problems });
  }
}

export function createProgram(actor: AuditActor, raw: unknown): Program {
  const input = programInput.parse(raw);
  checkField("tiers", () => assertTierSchedule(input.tiers));
  checkField("feeBps", () => assertFeeBps(input.feeBps));
  if (!getSupplier(input.supplierId)) {
    throw invalid("supplier_unknown", { field: "supplierId", id: input.supplierId }, [
      { path: "supplierId", reason: "supplier_not_known" },
    ]);
  }
  const { tiers, ...fields } = input;
  const id = inTransaction((db) => {
    const program = db.insert(programs).values(fields).returning().get();
    tiers.forEach((tier, position) => {
      db.insert(tiersTable)
        .values({ programId: program.id, position, ...tier })
        .run();
    });
    recordAudit(actor, "program.create", { type: "program", id: program.id }, input);
    return program.id;
  });
  return getProgram(id)!;
}

/** Edits a program while nothing of it is posted; after the first posting its terms are history. */
export function updateProgram(actor: AuditActor, id: number, raw: unknown): Program {
  const input = programInput.parse(raw);
  checkField("tiers", () => assertTierSchedule(input.tiers));
  checkField("feeBps", () => assertFeeBps(input.feeBps));
  if (!getSupplier(input.supplierId)) {
    throw invalid("supplier_unknown", { field: "supplierId", id: input.supplierId }, [
      { path: "supplierId", reason: "supplier_not_known" },
    ]);
  }
  const { tiers, ...fields } = input;
  inTransaction((db) => {
    const posted = db
      .select({ id: allocationRuns.id })
      .from(allocationRuns)
      .where(and(eq(allocationRuns.programId, id), eq(allocationRuns.status, "posted")))
      .get();
    if (posted) {
      throw conflict("program_locked");
    }
    db.update(programs)
      .set({ ...fields, updatedAt: new Date().toISOString() })
      .where(eq(programs.id, id))
      .run();
    db.delete(tiersTable).where(eq(tiersTable.programId, id)).run();
    tiers.forEach((tier, position) => {
      db.insert(tiersTable)
        .values({ programId: id, position, ...tier })
        .run();
    });
    recordAudit(actor, "program.update", { type: "program", id }, input);
  });
  return getProgram(id)!;
}
