// Gathers what an allocation run needs from the database: the program, its eligible-candidate
// lines (active versions, matched, not held as duplicates), memberships, FX rates and postings.
import { createHash } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.server";
import { allocationRuns, fxRates, members, programs, tiers } from "../../db/schema";
import { parseRate, type Rate } from "~/refunds/fx";
import { lastDayOfMonth, type MonthKey } from "~/refunds/money";
import type { SalesLine } from "~/refunds/pooled";
import type { Membership } from "~/refunds/eligibility";
import { notFound } from "~/http/errors.server";
import { postedForProgram } from "./ledger.server";

export type ProgramTerms = typeof programs.$inferSelect & {
  tiers: { thresholdMinor: number; rateBps: number }[];
};

export function loadProgramTerms(db: Db, programId: number): ProgramTerms {
  const program = db.select().from(programs).where(eq(programs.id, programId)).get();
  if (!program) throw notFound("That program");
  const schedule = db
    .select({ thresholdMinor: tiers.thresholdMinor, rateBps: tiers.rateBps })
    .from(tiers)
    .where(eq(tiers.programId, programId))
    .orderBy(asc(tiers.position))
    .all();
  return { ...program, tiers: schedule };
}

/** Lines of the supplier's active reports, invoiced from the program start to the end of `month`. */
export function candidateLines(db: Db, program: ProgramTerms, month: MonthKey): SalesLine[] {
  const end = lastDayOfMonth(month) < program.end ? lastDayOfMonth(month) : program.end;
  const rows = db.$client
    .prepare(
      `SELECT l.invoice_date AS invoiceDate, l.category, l.member_id AS memberId,
              l.amount_minor AS amountMinor, l.currency,
              (l.duplicate_status = 'held') AS heldAsDuplicate
         FROM report_lines l JOIN reports r ON r.id = l.report_id
        WHERE r.supplier_id = ? AND r.status = 'active' AND l.member_id IS NOT NULL
          AND l.invoice_date BETWEEN ? AND ?
        ORDER BY l.id`,
    )
    .all(program.supplierId, program.start, end) as (Omit<SalesLine, "heldAsDuplicate"> & {
    heldAsDuplicate: number;
  })[];
  return rows.map((r) => ({ ...r, heldAsDuplicate: r.heldAsDuplicate === 1 }));
}

export function memberships(db: Db): Map<number, Membership> {
  const rows = db
    .select({ id: members.id, joinedOn: members.joinedOn, leftOn: members.leftOn })
    .from(members)
    .all();
  return new Map(rows.map((m) => [m.id, { joinedOn: m.joinedOn, leftOn: m.leftOn }]));
}

export function fxLookup(db: Db, toCurrency: string) {
  const rates = new Map<string, Rate>();
  for (const r of db.select().from(fxRates).where(eq(fxRates.toCurrency, toCurrency)).all()) {
    rates.set(`${r.fromCurrency}:${r.month}`, parseRate(r.rate));
  }
  return (currency: string, month: MonthKey) => rates.get(`${currency}:${month}`);
}

export function lastPostedMonth(db: Db, programId: number): MonthKey | null {
  const row = db
    .select({ month: allocationRuns.month })
    .from(allocationRuns)
    .where(and(eq(allocationRuns.programId, programId), eq(allocationRuns.status, "posted")))
    .orderBy(desc(allocationRuns.month))
    .limit(1)
    .get();
  return row?.month ?? null;
}

/** A digest of everything a run's result depends on; a preview whose digest changed is stale. */
export function runFingerprint(
  db: Db,
  program: ProgramTerms,
  month: MonthKey,
  lines: SalesLine[],
): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([program.updatedAt, program.tiers, program.feeBps, month]));
  for (const l of lines)
    hash.update(
      `${l.memberId}|${l.invoiceDate}|${l.amountMinor}|${l.currency}|${l.category}|${l.heldAsDuplicate}\n`,
    );
  const posted = postedForProgram(db, program.id);
  hash.update(JSON.stringify([posted.grossMinor, posted.feeMinor, [...posted.byMember].sort()]));
  const fx = db
    .select({ v: sql<string>`group_concat(month || from_currency || rate)` })
    .from(fxRates)
    .where(eq(fxRates.toCurrency, program.currency))
    .get();
  const people = db
    .select({ v: sql<string>`group_concat(id || joined_on || coalesce(left_on, ''))` })
    .from(members)
    .get();
  hash.update(`${fx?.v ?? ""}|${people?.v ?? ""}`);
  return hash.digest("hex");
}
