// The life of a report version, and the only code that writes its status (and its job's):
// queued → processing → active | rejected | failed, and active → superseded when a later version
// of the same supplier and month lands. A version only moves forward; any other move is a bug.
import { and, eq, inArray } from "drizzle-orm";
import { inTransaction, type Db } from "@db/client.server";
import { jobs, reports, type ReportStatus } from "@db/schema";
import { INTERRUPTED_MESSAGE } from "./jobs.server";
import { refreshLineTotals } from "./line-totals.server";
import { reportProcessed } from "./notification-events.server";

const LEGAL_MOVES: Record<ReportStatus, readonly ReportStatus[]> = {
  // queued → failed: the server stopped before the version's job started.
  queued: ["processing", "failed"],
  // processing → queued: the server process running it died and another takes it over (079).
  processing: ["active", "rejected", "failed", "queued"],
  active: ["superseded"],
  superseded: [],
  rejected: [],
  failed: [],
};

const UNFINISHED_JOBS = ["queued", "running"] as const;

const now = () => new Date().toISOString();

/** Reads the version and checks it may move to `to`; an illegal move is a programming error. */
function checkMove(db: Db, reportId: number, to: ReportStatus) {
  const version = db
    .select({ status: reports.status, supplierId: reports.supplierId, period: reports.period })
    .from(reports)
    .where(eq(reports.id, reportId))
    .get();
  if (!version) throw new Error(`Report version ${reportId} does not exist.`);
  if (!LEGAL_MOVES[version.status].includes(to)) {
    throw new Error(`Report version ${reportId} cannot move from ${version.status} to ${to}.`);
  }
  return version;
}

export type NewVersion = Omit<typeof reports.$inferInsert, "id" | "status">;

/** Inserts a version as queued with its ingestion job (call inside the upload's transaction). */
export function queueVersion(db: Db, version: NewVersion) {
  const report = db
    .insert(reports)
    .values({ ...version, status: "queued" })
    .returning()
    .get();
  const job = db
    .insert(jobs)
    .values({ kind: "ingest-report", reportId: report.id })
    .returning()
    .get();
  return { report, jobId: job.id };
}

/** The queue picked the version up: it and its job are now running. */
export function startProcessing(reportId: number): void {
  inTransaction((db) => {
    checkMove(db, reportId, "processing");
    db.update(reports).set({ status: "processing" }).where(eq(reports.id, reportId)).run();
    db.update(jobs)
      .set({ status: "running", startedAt: now() })
      .where(and(eq(jobs.reportId, reportId), eq(jobs.status, "queued")))
      .run();
  });
}

/** What a landed version shows: its file's figures, with the warnings found while landing. */
export type ActiveFigures = {
  format: string;
  rows: number;
  lines: number;
  warnings: number;
  totals: Record<string, number>;
  details: Record<string, unknown>;
};

export type Landing<T> = { figures: ActiveFigures; result: T };

/**
 * Makes a processing version the active one of its supplier and month, in one transaction: the
 * active version it replaces is superseded first (its totals go), so `landLines` writes the new
 * lines into a month without it; then the version goes active, gets its totals, its job is done.
 * Called with the ingestion's connection; the SQL stays raw, as it runs once per million lines.
 */
export function landActive<T>(
  db: Db,
  reportId: number,
  landLines: (superseded: number[]) => Landing<T>,
): T {
  const sql = db.$client;
  return sql
    .transaction(() => {
      const { supplierId, period } = checkMove(db, reportId, "active");
      const superseded = supersedeActive(db, supplierId, period);
      const { figures, result } = landLines(superseded);
      const at = now();
      sql
        .prepare(
          `UPDATE reports SET status = 'active', format = ?, rows = ?, lines_count = ?,
                  errors_count = 0, warnings_count = ?, totals = ?, details = ?, message = NULL,
                  processed_at = ?
            WHERE id = ?`,
        )
        .run(
          figures.format,
          figures.rows,
          figures.lines,
          figures.warnings,
          JSON.stringify(figures.totals),
          JSON.stringify(figures.details),
          at,
          reportId,
        );
      refreshLineTotals(db, [reportId]);
      finishJob(db, reportId, at);
      reportProcessed(db, reportId);
      return result;
    })
    .immediate();
}

/** active → superseded for the month's active version(s); returns their ids. */
function supersedeActive(db: Db, supplierId: number, period: string): number[] {
  const sql = db.$client;
  const previous = sql
    .prepare(`SELECT id FROM reports WHERE supplier_id = ? AND period = ? AND status = 'active'`)
    .all(supplierId, period) as { id: number }[];
  sql
    .prepare(
      `UPDATE reports SET status = 'superseded' WHERE supplier_id = ? AND period = ? AND status = 'active'`,
    )
    .run(supplierId, period);
  const ids = previous.map((p) => p.id);
  refreshLineTotals(db, ids); // superseded: their totals go
  return ids;
}

export type Rejection = {
  message: string;
  format: string | null;
  rows: number;
  errors: number;
  warnings: number;
  totals: Record<string, number>;
  /** Where the rows sit in the file, or why the file was refused as a whole. */
  details: Record<string, unknown> | null;
};

/** The file was refused: nothing of the version counts, the previous active one stays. */
export function reject(db: Db, reportId: number, rejection: Rejection): void {
  db.$client
    .transaction(() => {
      checkMove(db, reportId, "rejected");
      const at = now();
      db.update(reports)
        .set({
          status: "rejected",
          message: rejection.message,
          format: rejection.format,
          rows: rejection.rows,
          linesCount: 0,
          errorsCount: rejection.errors,
          warningsCount: rejection.warnings,
          totals: rejection.totals,
          details: rejection.details,
          processedAt: at,
        })
        .where(eq(reports.id, reportId))
        .run();
      finishJob(db, reportId, at);
      reportProcessed(db, reportId);
    })
    .immediate();
}

/** Processing broke: the version and its job fail with `message`, nothing of it was kept. */
export function fail(reportId: number, message: string): void {
  inTransaction((db) => {
    const at = now();
    failVersion(db, reportId, message, at);
    db.update(jobs)
      .set({ status: "failed", message, finishedAt: at })
      .where(and(eq(jobs.reportId, reportId), inArray(jobs.status, UNFINISHED_JOBS)))
      .run();
  });
}

/**
 * At start-up: jobs a killed process left queued or running fail, and so do their versions
 * (their lines never landed). Returns how many jobs were failed.
 */
export function failInterrupted(): number {
  return inTransaction((db) => {
    const stuck = db
      .select({ reportId: jobs.reportId })
      .from(jobs)
      .where(inArray(jobs.status, UNFINISHED_JOBS))
      .all();
    const at = now();
    db.update(jobs)
      .set({ status: "failed", message: INTERRUPTED_MESSAGE, finishedAt: at })
      .where(inArray(jobs.status, UNFINISHED_JOBS))
      .run();
    for (const { reportId } of stuck) {
      if (reportId) failVersion(db, reportId, INTERRUPTED_MESSAGE, at);
    }
    return stuck.length;
  });
}

/**
 * When one server process of several died (decision 080): its jobs go back to the queue, their
 * versions with them (what a job had staged lived in its connection and died with it). Returns
 * the ids of the jobs requeued; the caller hands them to a live process.
 */
export function requeueInterrupted(jobIds: readonly number[]): number[] {
  return inTransaction((db) =>
    db
      .select({ id: jobs.id, reportId: jobs.reportId })
      .from(jobs)
      .where(and(inArray(jobs.id, [...jobIds]), inArray(jobs.status, UNFINISHED_JOBS)))
      .all()
      .map(({ id, reportId }) => {
        const version = reportId
          ? db
              .select({ status: reports.status })
              .from(reports)
              .where(eq(reports.id, reportId))
              .get()
          : undefined;
        if (reportId && version?.status === "processing") {
          checkMove(db, reportId, "queued");
          db.update(reports).set({ status: "queued" }).where(eq(reports.id, reportId)).run();
        }
        db.update(jobs)
          .set({ status: "queued", rowsRead: 0, progress: 0, startedAt: null })
          .where(eq(jobs.id, id))
          .run();
        return id;
      }),
  );
}

function failVersion(db: Db, reportId: number, message: string, at: string): void {
  checkMove(db, reportId, "failed");
  db.update(reports)
    .set({ status: "failed", message, processedAt: at })
    .where(eq(reports.id, reportId))
    .run();
}

/** A version's job is done once the version is active or rejected (in the same transaction). */
function finishJob(db: Db, reportId: number, at: string): void {
  db.update(jobs)
    .set({ status: "done", progress: 1000, finishedAt: at })
    .where(and(eq(jobs.reportId, reportId), eq(jobs.status, "running")))
    .run();
}
