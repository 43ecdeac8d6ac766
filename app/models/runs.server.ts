// Allocation runs: a stored preview computed from scratch (SPEC 3.3), then posted once to the ledger.
// A program with components (SPEC 3.7) is computed component by component, and its run keeps them.
import { desc, eq, sql } from "drizzle-orm";
import { getDb, inTransaction, type Db } from "@db/client.server";
import { allocationRunComponents, allocationRunMembers, allocationRuns } from "@db/schema";
import { allocationEntry } from "~/refunds/journal";
import { pooledVolume } from "~/refunds/pooled";
import {
  checkRunMonth,
  computeProgramRun,
  computeRun,
  type AllocationRun,
  type ComponentRun,
  type RunComponent,
} from "~/refunds/run";
import { componentInputs } from "./component-inputs.server";
import { conflict, notFound } from "./errors";
import { appendEntry, postedForProgram } from "./ledger.server";
import { componentProgram, programHasComponents } from "./programs.server";
import {
  candidateLines,
  fxLookup,
  lastPostedMonth,
  loadProgramTerms,
  memberships,
  runFingerprint,
  assertMonthReported,
} from "./run-inputs.server";
import { recordAudit, type AuditActor } from "./audit.server";
import { runPosted } from "./notification-events.server";

export type RunView = ReturnType<typeof getRun>;

function compute(db: Db, programId: number, month: string) {
  const program = loadProgramTerms(db, programId);
  checkRunMonth(month, program, lastPostedMonth(db, programId));
  assertMonthReported(db, program, month);
  const people = memberships(db);
  const alreadyPosted = postedForProgram(db, programId);
  if (programHasComponents(program)) {
    const terms = componentProgram(program);
    const inputs = componentInputs(db, program, terms, month, people);
    const run: AllocationRun | ComponentRun = computeProgramRun({
      program: terms,
      month,
      sales: inputs.sales,
      priorYear: inputs.priorYear,
      alreadyPosted,
    });
    const fingerprint = runFingerprint(db, program, month, [], {
      sales: inputs.salesLines,
      prior: inputs.priorLines,
    });
    return { program, run, fingerprint };
  }
  const lines = candidateLines(db, program, month, people);
  const volume = pooledVolume(lines, program, people, fxLookup(db, program.currency), month);
  const run: AllocationRun | ComponentRun = computeRun({
    method: program.method,
    tiers: program.tiers,
    feeBps: program.feeBps,
    volume,
    alreadyPosted,
  });
  return { program, run, fingerprint: runFingerprint(db, program, month, lines) };
}

/** What a run of a program with components stores of them: the run's and each member's. */
function storeComponents(db: Db, runId: number, run: ComponentRun): void {
  const insertComponent = db.$client.prepare(
    `INSERT INTO allocation_run_components (run_id, position, kind, name, basis_minor,
       baseline_minor, paid_volume_minor, tier_index, rate_bps, per_unit_minor, requirements,
       gross_minor, fee_minor, net_minor, limit_applied)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  run.components.forEach((c, position) =>
    insertComponent.run(
      runId,
      position,
      c.kind,
      c.name,
      c.basisMinor,
      c.baselineMinor ?? null,
      c.paidVolumeMinor ?? null,
      c.tierIndex ?? null,
      c.rateBps ?? null,
      c.perUnitMinor ?? null,
      c.requirements ? JSON.stringify(c.requirements) : null,
      c.grossMinor,
      c.feeMinor,
      c.netMinor,
      c.limit ?? null,
    ),
  );
  // One statement for every member's shares (15,000 of them for 5,000 members and three
  // components): a statement per row cost more than the components' whole computation.
  const shares = run.members.flatMap((m) =>
    m.components.map((c, position) => [m.memberId, position, c.weightMinor, c.amountMinor]),
  );
  db.$client
    .prepare(
      `INSERT INTO allocation_run_member_components (run_id, member_id, position, weight_minor,
         amount_minor)
       SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)`,
    )
    .run(runId, JSON.stringify(shares));
}

export function previewRun(actor: AuditActor, programId: number, month: string) {
  const id = inTransaction((db) => {
    const { run, fingerprint } = compute(db, programId, month);
    const row = db
      .insert(allocationRuns)
      .values({
        programId,
        month,
        fingerprint,
        pooledVolumeMinor: run.pooledVolumeMinor,
        tierIndex: run.tierIndex,
        rateBps: run.rateBps,
        grossMinor: run.grossMinor,
        feeMinor: run.feeMinor,
        netMinor: run.netMinor,
        postingGrossMinor: run.posting.grossMinor,
        postingFeeMinor: run.posting.feeMinor,
        postingNetMinor: run.posting.netMinor,
        createdBy: actor?.id ?? null,
      })
      .returning({ id: allocationRuns.id })
      .get();
    // One prepared statement: building 5,000 rows through the query builder costs more than
    // the whole computation.
    const insertMember = db.$client.prepare(
      `INSERT INTO allocation_run_members (run_id, member_id, volume_minor, ytd_minor, posting_minor)
       VALUES (?, ?, ?, ?, ?)`,
    );
    for (const m of run.members)
      insertMember.run(row.id, m.memberId, m.volumeMinor, m.ytdMinor, m.postingMinor);
    if ("components" in run) storeComponents(db, row.id, run);
    return row.id;
  });
  return getRun(id);
}

/** Posts a preview once: a second post answers the same run; a stale preview is refused. */
export function postRun(actor: AuditActor, runId: number) {
  inTransaction((db) => {
    const stored = db.select().from(allocationRuns).where(eq(allocationRuns.id, runId)).get();
    if (!stored) throw notFound("allocation_run");
    if (stored.status === "posted") return;
    const { program, run, fingerprint } = compute(db, stored.programId, stored.month);
    if (fingerprint !== stored.fingerprint) {
      throw conflict("run_stale");
    }
    const entry = allocationEntry(run, program.supplierId, program.currency);
    if (entry.lines.length > 0) {
      appendEntry(db, entry, {
        kind: "allocation",
        memo: `Allocation ${program.name} ${stored.month}`,
        runId,
        createdBy: actor?.id ?? null,
        programId: program.id,
        supplierId: program.supplierId,
        month: stored.month,
      });
    }
    db.update(allocationRuns)
      .set({ status: "posted", postedBy: actor?.id ?? null, postedAt: new Date().toISOString() })
      .where(eq(allocationRuns.id, runId))
      .run();
    recordAudit(
      actor,
      "run.post",
      { type: "allocation_run", id: runId },
      { programId: program.id, month: stored.month, grossMinor: run.posting.grossMinor },
    );
    runPosted(db, {
      runId,
      month: stored.month,
      program,
      pooledVolumeMinor: run.pooledVolumeMinor,
      postingGrossMinor: run.posting.grossMinor,
      withComponents: "components" in run,
    });
  });
  return getRun(runId);
}

/** A run's stored components, as the preview listed them (none for a program without). */
function componentsOf(db: Db, runId: number): RunComponent[] {
  return db
    .select()
    .from(allocationRunComponents)
    .where(eq(allocationRunComponents.runId, runId))
    .orderBy(allocationRunComponents.position)
    .all()
    .map((c) => ({
      kind: c.kind,
      name: c.name,
      basisMinor: c.basisMinor,
      ...(c.baselineMinor === null ? {} : { baselineMinor: c.baselineMinor }),
      ...(c.paidVolumeMinor === null ? {} : { paidVolumeMinor: c.paidVolumeMinor }),
      ...(c.kind === "tier" ? { tierIndex: c.tierIndex } : {}),
      ...(c.rateBps === null ? {} : { rateBps: c.rateBps }),
      ...(c.perUnitMinor === null ? {} : { perUnitMinor: c.perUnitMinor }),
      ...(c.requirements === null ? {} : { requirements: c.requirements }),
      grossMinor: c.grossMinor,
      feeMinor: c.feeMinor,
      netMinor: c.netMinor,
      ...(c.limit === null ? {} : { limit: c.limit }),
    }));
}

/** Each member's weight and share in each component, by member, in the components' order. */
function memberComponentsOf(db: Db, runId: number, components: RunComponent[]) {
  const byMember = new Map<number, { name: string; weightMinor: number; amountMinor: number }[]>();
  if (components.length === 0) return byMember;
  const rows = db.$client
    .prepare(
      `SELECT member_id, position, weight_minor, amount_minor
         FROM allocation_run_member_components WHERE run_id = ? ORDER BY member_id, position`,
    )
    .raw()
    .all(runId) as [number, number, number, number][];
  for (const [memberId, position, weightMinor, amountMinor] of rows) {
    const list = byMember.get(memberId) ?? [];
    list.push({ name: components[position].name, weightMinor, amountMinor });
    byMember.set(memberId, list);
  }
  return byMember;
}

export function getRun(runId: number) {
  const db = getDb();
  const run = db.select().from(allocationRuns).where(eq(allocationRuns.id, runId)).get();
  if (!run) throw notFound("allocation_run");
  const members = db
    .select()
    .from(allocationRunMembers)
    .where(eq(allocationRunMembers.runId, runId))
    .orderBy(sql`rowid`) // the engine's order, whatever index the planner picks
    .all();
  const components = componentsOf(db, runId);
  const shares = memberComponentsOf(db, runId, components);
  const withComponents = components.length > 0;
  return {
    id: run.id,
    programId: run.programId,
    month: run.month,
    status: run.status,
    ...runFigures(run),
    // SPEC 3.7: a program with components lists them, for the run and for each member.
    ...(withComponents ? { components } : {}),
    members: members.map(({ memberId, volumeMinor, ytdMinor, postingMinor }) => ({
      memberId,
      volumeMinor,
      ytdMinor,
      postingMinor,
      ...(withComponents ? { components: shares.get(memberId) ?? [] } : {}),
    })),
  };
}

/**
 * The run history (SPEC 7): every preview and posting, of one program or all, newest first; a
 * run of a program with components keeps them.
 */
export function listRuns(programId?: number) {
  const db = getDb();
  const runs = db
    .select()
    .from(allocationRuns)
    .where(programId === undefined ? undefined : eq(allocationRuns.programId, programId))
    .orderBy(desc(allocationRuns.id))
    .all();
  const withComponents = new Set(
    db.$client
      .prepare(
        `SELECT DISTINCT run_id FROM allocation_run_components
          WHERE run_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(JSON.stringify(runs.map((r) => r.id))) as number[],
  );
  return runs.map((run) => ({
    id: run.id,
    programId: run.programId,
    month: run.month,
    status: run.status,
    postedAt: run.postedAt,
    postedBy: run.postedBy,
    ...runFigures(run),
    ...(withComponents.has(run.id) ? { components: componentsOf(db, run.id) } : {}),
  }));
}

/** A run's figures as getRun and listRuns show them: pool, tier, amounts, and what was posted. */
function runFigures(run: typeof allocationRuns.$inferSelect) {
  return {
    pooledVolumeMinor: run.pooledVolumeMinor,
    tierIndex: run.tierIndex,
    rateBps: run.rateBps,
    grossMinor: run.grossMinor,
    feeMinor: run.feeMinor,
    netMinor: run.netMinor,
    posting: {
      grossMinor: run.postingGrossMinor,
      feeMinor: run.postingFeeMinor,
      netMinor: run.postingNetMinor,
    },
  };
}
