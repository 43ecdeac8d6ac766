// The consortium's overview: pooled volume by supplier and invoice month, refunds
// earned this year, what suppliers owe and what is owed to members, and the work waiting: unmatched
// lines, reports missing for the month just ended, months with reports but no posted run.
import { prepared } from "@db/client.server";
import { listUnmatched } from "./matching.server";
import { byCurrency, stackByMonth } from "./dashboard.server";
import { programVolumeByMonth } from "./invoice-month-volume.server";
import { programsWithTiers, type ListedProgram } from "./programs.server";
import { previousMonth } from "~/refunds/money";

/**
 * Pooled volume by supplier and INVOICE month (decision 061): each program's eligible lines as the
 * active reports hold them now, in the month they were invoiced. A true-up is a posting, not
 * volume: a January report that arrives in November adds to January.
 */
function pooledByMonth(year: number, programs: ListedProgram[]) {
  return programs.flatMap((program) =>
    [...programVolumeByMonth(program, `${year}-01-01`, `${year}-12-31`)].map(
      ([month, amountMinor]) => ({
        month,
        seriesKey: `s${program.supplierId}`,
        seriesLabel: program.supplierName,
        currency: program.currency,
        amountMinor,
      }),
    ),
  );
}

function earnedThisYear(year: number) {
  return prepared(
    `SELECT p.currency, sum(r.posting_gross_minor) AS grossMinor, sum(r.posting_fee_minor) AS feeMinor,
            sum(r.posting_net_minor) AS netMinor
       FROM allocation_runs r JOIN programs p ON p.id = r.program_id
      WHERE r.status = 'posted' AND r.month BETWEEN ? AND ?
      GROUP BY p.currency ORDER BY p.currency`,
  ).all(`${year}-01`, `${year}-12`) as {
    currency: string;
    grossMinor: number;
    feeMinor: number;
    netMinor: number;
  }[];
}

/** Balances of every account with this prefix, by account and currency (an index range scan). */
function balancesOf(prefix: string) {
  return prepared(
    `SELECT account, currency, sum(amount_minor) AS amountMinor FROM journal_lines
      WHERE account >= ? AND account < ? GROUP BY account, currency`,
  ).all(`${prefix}:`, `${prefix};`) as { account: string; currency: string; amountMinor: number }[];
}

function owedBySuppliers() {
  const names = new Map(
    (prepared(`SELECT id, name FROM suppliers`).all() as { id: number; name: string }[]).map(
      (s) => [s.id, s.name],
    ),
  );
  const rows = balancesOf("supplier_receivable").filter((r) => r.amountMinor !== 0);
  return {
    total: byCurrency(rows),
    bySupplier: rows
      .map((r) => {
        const id = Number(r.account.slice("supplier_receivable:".length));
        return { supplierId: id, name: names.get(id) ?? `#${id}`, ...r };
      })
      .sort((a, b) => a.name.localeCompare(b.name) || a.currency.localeCompare(b.currency)),
  };
}

/**
 * What the consortium owes its members, per currency, and how many members have a balance. Only
 * member_payable lines carry a member id, so the covering index of the member's postings answers
 * without reading the journal's rows.
 */
function owedToMembers() {
  const rows = prepared(
    `SELECT member_id AS memberId, currency, -sum(amount_minor) AS amountMinor
       FROM journal_lines INDEXED BY journal_lines_member_month
      WHERE member_id IS NOT NULL GROUP BY member_id, currency`,
  ).all() as { memberId: number; currency: string; amountMinor: number }[];
  const members = new Set(rows.filter((r) => r.amountMinor > 0).map((r) => r.memberId)).size;
  return { total: byCurrency(rows), members };
}

/** Suppliers without a report that counts (or one being processed) for `period`. */
function missingReports(period: string) {
  return prepared(
    `SELECT s.id AS supplierId, s.name FROM suppliers s
      WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.supplier_id = s.id AND r.period = ?
                          AND r.status IN ('active', 'queued', 'processing'))
      ORDER BY s.name`,
  ).all(period) as { supplierId: number; name: string }[];
}

export type RunWaiting = {
  programId: number;
  programName: string;
  supplierName: string;
  currency: string;
  month: string;
  /** A posted month whose reports changed after the posting: a true-up run is due. */
  trueUp: boolean;
  reportedMinor: number;
};

/**
 * Program months with active reports of the supplier and no posted run that covers them: months
 * after the last posted one, and the last posted month again when a report changed after it.
 */
function runsWaiting(programs: ListedProgram[], currentMonth: string): RunWaiting[] {
  const last = prepared(
    `SELECT month, max(posted_at) AS postedAt FROM allocation_runs
      WHERE program_id = ? AND status = 'posted' GROUP BY month ORDER BY month DESC LIMIT 1`,
  );
  const periods = prepared(
    `SELECT r.period, max(r.processed_at) AS processedAt,
            coalesce(sum(json_extract(r.totals, '$.' || ?)), 0) AS reported
       FROM reports r
      WHERE r.supplier_id = ? AND r.status = 'active' AND r.period BETWEEN ? AND ?
      GROUP BY r.period ORDER BY r.period`,
  );
  const waiting: RunWaiting[] = [];
  for (const p of programs) {
    const posted = last.get(p.id) as { month: string; postedAt: string | null } | undefined;
    const until = p.end.slice(0, 7) < currentMonth ? p.end.slice(0, 7) : currentMonth;
    const rows = periods.all(p.currency, p.supplierId, p.start.slice(0, 7), until) as {
      period: string;
      processedAt: string | null;
      reported: number;
    }[];
    const base = {
      programId: p.id,
      programName: p.name,
      supplierName: p.supplierName,
      currency: p.currency,
    };
    const changed = rows.some(
      (r) =>
        posted &&
        r.period <= posted.month &&
        r.processedAt !== null &&
        posted.postedAt !== null &&
        r.processedAt > posted.postedAt,
    );
    if (posted && changed) {
      waiting.push({ ...base, month: posted.month, trueUp: true, reportedMinor: 0 });
    }
    for (const r of rows) {
      if (posted && r.period <= posted.month) continue;
      waiting.push({ ...base, month: r.period, trueUp: false, reportedMinor: r.reported });
    }
  }
  return waiting;
}

/** Unmatched lines of active reports whose key has no resolution yet (the queue's lines). */
function unmatchedLines(): number {
  return (
    prepared(
      `SELECT count(*) AS n FROM report_lines AS l INDEXED BY report_lines_unmatched
         JOIN reports r ON r.id = l.report_id
        WHERE l.member_id IS NULL AND r.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM aliases a
                           WHERE a.supplier_id = l.supplier_id AND a.customer_key = l.customer_key)`,
    ).get() as { n: number }
  ).n;
}

export function adminDashboard(year: number, currentMonth: string) {
  const programs = programsWithTiers({ year, orderBy: "supplier" });
  const unmatched = listUnmatched({}, 1, 5);
  const dueMonth = previousMonth(currentMonth);
  return {
    year,
    currentMonth,
    pooled: stackByMonth(year, pooledByMonth(year, programs)),
    earned: earnedThisYear(year),
    owedBySuppliers: owedBySuppliers(),
    owedToMembers: owedToMembers(),
    unmatched: { keys: unmatched.total, lines: unmatchedLines(), top: unmatched.rows },
    missing: { month: dueMonth, suppliers: missingReports(dueMonth) },
    runsWaiting: runsWaiting(programs, currentMonth),
  };
}

export type AdminDashboard = ReturnType<typeof adminDashboard>;
