// Refund programs and their tier schedules: read, and created by an admin (validated, audited).
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb, inTransaction } from "@db/client.server";
import { allocationRuns, programs, tiers as tiersTable } from "@db/schema";
import { badRequest, conflict, HttpError } from "~/http/errors.server";
import { isDomainError } from "~/refunds/errors";
import { assertFeeBps } from "~/refunds/run";
import { assertTierSchedule, type Tier } from "~/refunds/tiers";
import { programInput } from "~/schemas/programs";
import { recordAudit, type AuditActor } from "./audit.server";
import { getSupplier } from "./suppliers.server";

export type Program = typeof programs.$inferSelect & { tiers: Tier[] };

/** Runs an engine check; its DomainError becomes a 400 naming the field, with the engine's code. */
function checkField(path: string, check: () => void) {
  try {
    check();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const problems = Array.isArray(error.details?.problems)
      ? (error.details.problems as string[])
      : [error.message];
    throw new HttpError(
      400,
      error.code,
      error.message,
      problems.map((message) => ({ path, message })),
    );
  }
}

function tiersOf(programIds: number[]): Map<number, Tier[]> {
  const byProgram = new Map<number, Tier[]>();
  if (programIds.length === 0) return byProgram;
  const rows = getDb()
    .select()
    .from(tiersTable)
    .where(inArray(tiersTable.programId, programIds))
    .orderBy(asc(tiersTable.programId), asc(tiersTable.position))
    .all();
  for (const row of rows) {
    const list = byProgram.get(row.programId) ?? [];
    list.push({ thresholdMinor: row.thresholdMinor, rateBps: row.rateBps });
    byProgram.set(row.programId, list);
  }
  return byProgram;
}

export function listPrograms(): Program[] {
  const rows = getDb().select().from(programs).orderBy(asc(programs.name), asc(programs.id)).all();
  const tiers = tiersOf(rows.map((p) => p.id));
  return rows.map((p) => ({ ...p, tiers: tiers.get(p.id) ?? [] }));
}

export function getProgram(id: number): Program | undefined {
  const row = getDb().select().from(programs).where(eq(programs.id, id)).get();
  return row ? { ...row, tiers: tiersOf([id]).get(id) ?? [] } : undefined;
}

export function createProgram(actor: AuditActor, raw: unknown): Program {
  const input = programInput.parse(raw);
  checkField("tiers", () => assertTierSchedule(input.tiers));
  checkField("feeBps", () => assertFeeBps(input.feeBps));
  if (!getSupplier(input.supplierId)) {
    throw badRequest(`supplierId: there is no supplier ${input.supplierId}.`, [
      { path: "supplierId", message: "is not a known supplier" },
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
    throw badRequest(`supplierId: there is no supplier ${input.supplierId}.`, [
      { path: "supplierId", message: "is not a known supplier" },
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
      throw conflict(
        "program_locked",
        "This program has posted runs, so its terms can no longer change.",
      );
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
