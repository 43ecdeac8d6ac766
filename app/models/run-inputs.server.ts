// Gathers what an allocation run needs from the database: the program, its eligible-candidate
// lines (active versions, matched, not held as duplicates), memberships, FX rates and postings.
import { createHash } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@db/client.server";
import { allocationRuns, fxRates, members } from "@db/schema";
import { parseRate, type Rate } from "~/refunds/fx";
import { lastDayOfMonth, type MonthKey } from "~/refunds/money";
import type { SalesLine } from "~/refunds/pooled";
import { categoryFilter, type Membership } from "~/refunds/eligibility";
import { conflict, notFound } from "./errors";
import { postedForProgram } from "./ledger.server";
import { getProgram, type Program } from "./programs.server";
import { acceptedClaimLines } from "./claim-lines.server";

/** The program a run is computed for, with its tiers; none is a 404. */
export function loadProgramTerms(db: Db, programId: number): Program {
  const program = getProgram(programId, db);
  if (!program) throw notFound("program");
  return program;
}

/**
 * What `candidateLines` hands the engine: a sales line, or several lines merged into one, with
 * how many lines it stands for and the sum of their ids (for the fingerprint).
 */
export type CandidateLine = SalesLine & { lineCount: number; idSum: number };

/** A line read as a raw row: the columns of LINE_COLUMNS, in that order. */
type LineRow = [string, string | null, number, number, string, number, number];

/** [memberId, category, firstDate, lastDate, amountMinor, lineCount, idSum, reportId] */
type TotalRow = [number, string | null, string, string, number, number, number, number];

/**
 * The lines the engine needs for a run through `month`, read from line_totals so a year of a
 * million lines reaches it as about one line per member.
 *
 * Totals in the program currency whose lines are all eligible (not held, an eligible category,
 * invoiced inside the window and inside the member's membership) are summed per member: same-
 * currency amounts add up exactly, and lines that cannot count are left out since they change
 * nothing. A member's totals that straddle a window or membership boundary are looked at report by
 * report, and the straddling ones read line by line; so are lines in other currencies (their
 * conversion is rounded per line, SPEC 3.1). The engine still decides every line it gets.
 */
export function candidateLines(
  db: Db,
  program: Program,
  month: MonthKey,
  people: Map<number, Membership> = memberships(db),
): CandidateLine[] {
  const end = lastDayOfMonth(month) < program.end ? lastDayOfMonth(month) : program.end;
  const counts = categoryFilter(program.includeCategories, program.excludeCategories);
  const window = { start: program.start, end };
  const merged = new Map<number, CandidateLine>();
  const add = (memberId: number, t: TotalRow) => {
    const line = merged.get(memberId);
    if (!line) {
      merged.set(memberId, {
        memberId,
        category: t[1],
        invoiceDate: t[2],
        amountMinor: t[4],
        currency: program.currency,
        heldAsDuplicate: false,
        lineCount: t[5],
        idSum: t[6],
      });
      return;
    }
    if (t[2] < line.invoiceDate) line.invoiceDate = t[2];
    line.amountMinor += t[4];
    line.lineCount += t[5];
    line.idSum += t[6];
  };
  // Pass 1, index-only in member order: the not-held totals per member and category.
  const perCategory = db.$client
    .prepare(
      `SELECT member_id, category, min(first_date), max(last_date), sum(amount_minor),
              sum(line_count), sum(id_sum), 0
         FROM line_totals
        WHERE supplier_id = ? AND currency = ? AND held = 0 AND last_date >= ? AND first_date <= ?
        GROUP BY member_id, category`,
    )
    .raw()
    .all(program.supplierId, program.currency, program.start, end) as TotalRow[];
  const straddling = new Set<number>();
  const whole: TotalRow[] = [];
  for (const t of perCategory) {
    const membership = people.get(t[0]);
    if (!membership || !counts(t[1]) || !overlaps(t, membership)) continue;
    if (whollyInside(t, window, membership)) whole.push(t);
    else straddling.add(t[0]);
  }
  // A member with any straddling total is read whole in pass 2, so nothing is counted twice.
  for (const t of whole) if (!straddling.has(t[0])) add(t[0], t);
  // Pass 2, for the few members with straddling totals: report by report, then line by line.
  const byReport = db.$client
    .prepare(
      `SELECT member_id, category, first_date, last_date, amount_minor, line_count, id_sum,
              report_id
         FROM line_totals
        WHERE supplier_id = ? AND currency = ? AND held = 0
          AND member_id IN (SELECT value FROM json_each(?))
          AND last_date >= ? AND first_date <= ?`,
    )
    .raw()
    .all(
      program.supplierId,
      program.currency,
      JSON.stringify([...straddling]),
      program.start,
      end,
    ) as TotalRow[];
  const split: [number, number, string | null][] = [];
  for (const t of byReport) {
    const membership = people.get(t[0])!;
    if (!counts(t[1]) || !overlaps(t, membership)) continue;
    if (whollyInside(t, window, membership)) add(t[0], t);
    else split.push([t[7], t[0], t[1]]);
  }
  const lines: CandidateLine[] = [];
  const splitLines = db.$client
    .prepare(
      `SELECT ${LINE_COLUMNS}
         FROM json_each(?) k JOIN report_lines l
              ON l.report_id = k.value ->> 0 AND l.currency = ? AND l.member_id = k.value ->> 1
             AND l.category IS k.value ->> 2
        WHERE l.invoice_date BETWEEN ? AND ? AND l.duplicate_status IS NOT 'held'`,
    )
    .raw()
    .all(JSON.stringify(split), program.currency, program.start, end) as LineRow[];
  for (const row of splitLines) lines.push(asCandidate(row));
  for (const row of foreignLines(db, program, end)) lines.push(asCandidate(row));
  // SPEC 5.2: accepted claims' lines, once each (decision 055).
  lines.push(...acceptedClaimLines(db, program.supplierId, program.start, end));
  return [...merged.values(), ...lines];
}

function overlaps(t: TotalRow, m: Membership): boolean {
  return t[3] >= m.joinedOn && (m.leftOn === null || t[2] < m.leftOn);
}

function whollyInside(t: TotalRow, window: { start: string; end: string }, m: Membership) {
  return (
    t[2] >= window.start &&
    t[3] <= window.end &&
    t[2] >= m.joinedOn &&
    (m.leftOn === null || t[3] < m.leftOn)
  );
}

/** A raw row as a candidate line: its first 7 columns, those of LINE_COLUMNS (further ones unread). */
export function asCandidate(row: readonly [...LineRow, ...unknown[]]): CandidateLine {
  const [invoiceDate, category, memberId, amountMinor, currency, held, id] = row;
  return {
    invoiceDate,
    category,
    memberId,
    amountMinor,
    currency,
    heldAsDuplicate: held === 1,
    lineCount: 1,
    idSum: id,
  };
}

const LINE_COLUMNS = `l.invoice_date, l.category, l.member_id, l.amount_minor, l.currency,
  (l.duplicate_status IS 'held'), l.id`;

/** Matched lines of active reports in currencies other than the program's, one by one. */
function foreignLines(db: Db, program: Program, end: string): LineRow[] {
  const currencies = db.$client
    .prepare(`SELECT DISTINCT currency FROM line_totals WHERE supplier_id = ? AND currency <> ?`)
    .pluck()
    .all(program.supplierId, program.currency) as string[];
  const query = db.$client
    .prepare(
      `SELECT ${LINE_COLUMNS} FROM report_lines l
        WHERE l.report_id IN (SELECT id FROM reports WHERE supplier_id = ? AND status = 'active')
          AND l.currency = ? AND l.invoice_date BETWEEN ? AND ? AND l.member_id IS NOT NULL`,
    )
    .raw();
  return currencies.flatMap(
    (currency) => query.all(program.supplierId, currency, program.start, end) as LineRow[],
  );
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

/** A run needs the supplier's report for its month (a nil report will do): none is a 409. */
export function assertMonthReported(db: Db, program: Program, month: MonthKey): void {
  const found = db.$client
    .prepare(`SELECT 1 FROM reports WHERE supplier_id = ? AND period = ? AND status = 'active'`)
    .get(program.supplierId, month);
  if (!found) {
    throw conflict("report_missing", { month }, { supplierId: program.supplierId, month });
  }
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
  program: Program,
  month: MonthKey,
  lines: CandidateLine[],
  components?: { sales: DigestLine[]; prior: DigestLine[] },
): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([program.updatedAt, program.tiers, program.feeBps, month]));
  if (components) {
    // SPEC 3.7: the program's components, and what its cells and baseline were built from.
    const { basis, growthPays, volumeCapMinor, refundCapMinor, minimumRefundMinor } = program;
    hash.update(
      JSON.stringify([
        basis,
        growthPays,
        volumeCapMinor,
        refundCapMinor,
        minimumRefundMinor,
        program.growthTiers,
        program.baselines,
        program.bonuses,
      ]),
    );
    hash.update(linesDigestInput(components.sales, true));
    hash.update("|prior|");
    hash.update(linesDigestInput(components.prior, true));
  } else hash.update(linesDigestInput(lines));
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

/** A line as the fingerprint reads it; SKU and quantity count for runs with components. */
type DigestLine = CandidateLine & { sku?: string | null; quantity?: number | null };

/**
 * The lines as numbers, 7 per line (texts by their index in a small table), for hashing; 9 with
 * `wide` (SKU and quantity too).
 */
function linesDigestInput(lines: DigestLine[], wide = false): Buffer {
  const texts = new Map<string, number>();
  const textId = (text: string | null) => {
    const key = text ?? "\u0000";
    let id = texts.get(key);
    if (id === undefined) texts.set(key, (id = texts.size));
    return id;
  };
  const width = wide ? 9 : 7;
  const numbers = new Float64Array(lines.length * width);
  lines.forEach((l, i) => {
    const row = [
      l.memberId ?? -1,
      Number(l.invoiceDate.replaceAll("-", "")),
      l.amountMinor,
      textId(l.currency) * 2 + (l.heldAsDuplicate ? 1 : 0),
      textId(l.category),
      l.lineCount,
      l.idSum,
    ];
    if (wide) row.push(textId(l.sku ?? null), l.quantity ?? 0);
    numbers.set(row, i * width);
  });
  return Buffer.concat([
    Buffer.from(numbers.buffer),
    Buffer.from(JSON.stringify([...texts.keys()])),
  ]);
}
