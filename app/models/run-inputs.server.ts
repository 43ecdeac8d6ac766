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

/**
 * What `candidateLines` hands the engine: a sales line, or several lines merged into one, with
 * how many lines it stands for and the sum of their ids (for the fingerprint).
 */
export type CandidateLine = SalesLine & { lineCount: number; idSum: number };

/**
 * Lines of the supplier's active reports, invoiced from the program start to the end of `month`,
 * pre-aggregated by SQL so a year of a million lines reaches the engine as a few tens of thousands.
 *
 * Lines in the program currency are summed by member, category, duplicate flag and whether the
 * invoice date falls inside the member's membership. Every line of such a group gets the same
 * eligibility from the engine (the SQL window already keeps the dates within the program and the
 * month, so membership is the only date test left), so the group goes to the engine as one line
 * dated on its first invoice date: the sum of same-currency amounts is exact. Lines in another
 * currency stay one row each, since their conversion is rounded per line (SPEC 3.1).
 */
export function candidateLines(db: Db, program: ProgramTerms, month: MonthKey): CandidateLine[] {
  const end = lastDayOfMonth(month) < program.end ? lastDayOfMonth(month) : program.end;
  const params = [program.supplierId, program.start, end, program.currency];
  const window = `r.supplier_id = ? AND r.status = 'active' AND l.member_id IS NOT NULL
          AND l.invoice_date BETWEEN ? AND ?`;
  const sameCurrency = db.$client
    .prepare(
      `SELECT min(l.invoice_date) AS invoiceDate, l.category, l.member_id AS memberId,
              sum(l.amount_minor) AS amountMinor, l.currency,
              (l.duplicate_status IS 'held') AS held, count(*) AS lineCount, sum(l.id) AS idSum,
              min(l.id) AS firstId
         FROM report_lines l JOIN reports r ON r.id = l.report_id
              LEFT JOIN members m ON m.id = l.member_id
        WHERE ${window} AND l.currency = ?
        GROUP BY l.member_id, l.category, held,
                 (l.invoice_date >= m.joined_on AND (m.left_on IS NULL OR l.invoice_date < m.left_on))
        ORDER BY firstId`,
    )
    .all(...params) as Row[];
  const otherCurrencies = db.$client
    .prepare(
      `SELECT l.invoice_date AS invoiceDate, l.category, l.member_id AS memberId,
              l.amount_minor AS amountMinor, l.currency,
              (l.duplicate_status IS 'held') AS held, 1 AS lineCount, l.id AS idSum
         FROM report_lines l JOIN reports r ON r.id = l.report_id
        WHERE ${window} AND l.currency <> ?
        ORDER BY l.id`,
    )
    .all(...params) as Row[];
  const lines: CandidateLine[] = [];
  for (const rows of [sameCurrency, otherCurrencies])
    for (const { held, firstId: _, ...line } of rows)
      lines.push({ ...line, heldAsDuplicate: held === 1 });
  return lines;
}

type Row = Omit<CandidateLine, "heldAsDuplicate"> & { held: number; firstId?: number };

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

/**
 * A digest of everything a run's result depends on; a preview whose digest changed is stale.
 * The candidate lines are the SQL aggregates above, each with its line count and id sum, so a
 * line added, removed, moved to another member or category, or changed in amount changes it.
 */
export function runFingerprint(
  db: Db,
  program: ProgramTerms,
  month: MonthKey,
  lines: CandidateLine[],
): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([program.updatedAt, program.tiers, program.feeBps, month]));
  let chunk = "";
  for (const l of lines) {
    chunk += `${l.memberId}|${l.invoiceDate}|${l.amountMinor}|${l.currency}|${l.category}|${l.heldAsDuplicate}|${l.lineCount}|${l.idSum}\n`;
    if (chunk.length > 65_536) {
      hash.update(chunk);
      chunk = "";
    }
  }
  hash.update(chunk);
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
