// Allocation runs: a stored preview computed from scratch (SPEC 3.3), then posted once to the ledger.
import { eq, sql } from "drizzle-orm";
import { getDb, inTransaction, type Db } from "@db/client.server";
import { allocationRunMembers, allocationRuns } from "@db/schema";
import { allocationEntry } from "~/refunds/journal";
import { pooledVolume } from "~/refunds/pooled";
import { checkRunMonth, computeRun } from "~/refunds/run";
import { conflict, notFound } from "./errors";
import { appendEntry, postedForProgram } from "./ledger.server";
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

export type RunView = ReturnType<typeof getRun>;

function compute(db: Db, programId: number, month: string) {
  const program = loadProgramTerms(db, programId);
  checkRunMonth(month, program, lastPostedMonth(db, programId));
  assertMonthReported(db, program, month);
  const people = memberships(db);
  const lines = candidateLines(db, program, month, people);
  const volume = pooledVolume(lines, program, people, fxLookup(db, program.currency), month);
  const run = computeRun({
    method: program.method,
    tiers: program.tiers,
    feeBps: program.feeBps,
    volume,
    alreadyPosted: postedForProgram(db, programId),
  });
  return { program, run, fingerprint: runFingerprint(db, program, month, lines) };
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
  });
  return getRun(runId);
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
  return {
    id: run.id,
    programId: run.programId,
    month: run.month,
    status: run.status,
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
    members: members.map(({ memberId, volumeMinor, ytdMinor, postingMinor }) => ({
      memberId,
      volumeMinor,
      ytdMinor,
      postingMinor,
    })),
  };
}
