// The history of allocation runs (SPEC 6, issue 15 item 7): every run with who previewed and posted
// it, and for one run WHY it posted what it did: what changed since the program's previous posting
// (late and corrected reports, customer keys resolved, claims accepted, program terms, FX rates,
// memberships) and how the pooled volume, the tier and each member's share moved.
import { prepared } from "@db/client.server";
import { getRun } from "./runs.server";
import { notFound } from "./errors";

export const RUN_STATUSES = ["preview", "posted"] as const;

export type RunHistoryFilter = {
  programId?: number;
  month?: string;
  status?: (typeof RUN_STATUSES)[number];
};

export type RunHistoryRow = {
  id: number;
  programId: number;
  programName: string;
  supplierId: number;
  supplierName: string;
  currency: string;
  month: string;
  status: "preview" | "posted";
  /** A second posting of a month already posted (SPEC 3.3 step 4). */
  trueUp: boolean;
  pooledVolumeMinor: number;
  rateBps: number;
  createdAt: string;
  createdBy: string | null;
  postedAt: string | null;
  postedBy: string | null;
  grossMinor: number;
  feeMinor: number;
  netMinor: number;
};

const ROW = `r.id, r.program_id AS programId, p.name AS programName, p.supplier_id AS supplierId,
  s.name AS supplierName, p.currency, r.month, r.status,
  (r.status = 'posted' AND EXISTS (SELECT 1 FROM allocation_runs e WHERE e.program_id = r.program_id
     AND e.month = r.month AND e.status = 'posted' AND e.id < r.id)) AS trueUp,
  r.pooled_volume_minor AS pooledVolumeMinor, r.rate_bps AS rateBps, r.created_at AS createdAt,
  cu.email AS createdBy, r.posted_at AS postedAt, pu.email AS postedBy,
  r.posting_gross_minor AS grossMinor, r.posting_fee_minor AS feeMinor,
  r.posting_net_minor AS netMinor`;

const FROM = `allocation_runs r JOIN programs p ON p.id = r.program_id
  JOIN suppliers s ON s.id = p.supplier_id
  LEFT JOIN users cu ON cu.id = r.created_by LEFT JOIN users pu ON pu.id = r.posted_by`;

const WHERE = `(@programId IS NULL OR r.program_id = @programId) AND (@month IS NULL OR r.month = @month)
  AND (@status IS NULL OR r.status = @status)`;

type RawRow = Omit<RunHistoryRow, "trueUp"> & { trueUp: number };

const asRow = (r: RawRow): RunHistoryRow => ({ ...r, trueUp: r.trueUp === 1 });

/** One page of runs, newest first; `pageSize` 0 reads every run (the downloads). */
export function listRunHistory(filter: RunHistoryFilter, page = 1, pageSize = 50) {
  const params = {
    programId: filter.programId ?? null,
    month: filter.month ?? null,
    status: filter.status ?? null,
    limit: pageSize > 0 ? pageSize : -1,
    offset: pageSize > 0 ? (page - 1) * pageSize : 0,
  };
  const rows = prepared(
    `SELECT ${ROW} FROM ${FROM} WHERE ${WHERE} ORDER BY r.id DESC LIMIT @limit OFFSET @offset`,
  ).all(params) as RawRow[];
  const { n } = prepared(`SELECT count(*) AS n FROM allocation_runs r WHERE ${WHERE}`).get(
    params,
  ) as { n: number };
  return { rows: rows.map(asRow), total: n };
}

/** The programs that have runs, for the history's filter. */
export function programsWithRuns() {
  return prepared(
    `SELECT p.id, p.name, s.name AS supplierName FROM programs p JOIN suppliers s ON s.id = p.supplier_id
      WHERE EXISTS (SELECT 1 FROM allocation_runs r WHERE r.program_id = p.id) ORDER BY p.name, p.id`,
  ).all() as { id: number; name: string; supplierName: string }[];
}

export type ReportChange = {
  id: number;
  period: string;
  version: number;
  fileName: string;
  processedAt: string;
  /** late: an earlier month's first report; corrected: replaces a version that counted. */
  kind: "month" | "late" | "corrected";
  lines: number;
  /** The report's total in the program currency, and the version it replaced's (corrected). */
  amountMinor: number;
  previousAmountMinor: number | null;
};

/** Something else that changed since the previous posting and may move the run. */
export type OtherChange =
  | {
      kind: "alias";
      at: string;
      customerKey: string;
      memberId: number | null;
      memberName: string | null;
    }
  | { kind: "program"; at: string }
  | { kind: "fx"; at: string; month: string; from: string; rate: string }
  | { kind: "member"; at: string; memberId: number; memberName: string };

export type ClaimChange = {
  id: number;
  memberName: string;
  invoiceNumber: string;
  invoiceDate: string;
  currency: string;
  amountMinor: number;
  decidedAt: string;
};

function hasTable(name: string): boolean {
  return (
    prepared(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !==
    undefined
  );
}

/**
 * Accepted claims of the supplier (SPEC 5.2) decided in the window and invoiced through the run's
 * month: they count from the next run on. Null where the claims tables are not in this database.
 */
function claimsAccepted(
  supplierId: number,
  month: string,
  from: string,
  to: string,
): ClaimChange[] | null {
  if (!hasTable("claims")) return null;
  return prepared(
    `SELECT c.id, m.name AS memberName, c.invoice_number AS invoiceNumber,
            c.invoice_date AS invoiceDate, c.currency, c.amount_minor AS amountMinor,
            c.decided_at AS decidedAt
       FROM claims c JOIN members m ON m.id = c.member_id
      WHERE c.supplier_id = ? AND c.status = 'accepted' AND c.decided_at > ? AND c.decided_at <= ?
        AND c.invoice_date <= ?
      ORDER BY c.decided_at, c.id`,
  ).all(supplierId, from, to, `${month}-31`) as ClaimChange[];
}

function reportChanges(
  supplierId: number,
  currency: string,
  month: string,
  from: string,
  to: string,
): ReportChange[] {
  const rows = prepared(
    `SELECT r.id, r.period, r.version, r.file_name AS fileName, r.processed_at AS processedAt,
            r.lines_count AS lines, coalesce(json_extract(r.totals, '$.' || @currency), 0) AS amountMinor,
            (SELECT coalesce(json_extract(o.totals, '$.' || @currency), 0) FROM reports o
              WHERE o.supplier_id = r.supplier_id AND o.period = r.period AND o.id < r.id
                AND o.status = 'superseded' ORDER BY o.id DESC LIMIT 1) AS previousAmountMinor
       FROM reports r
      WHERE r.supplier_id = @supplierId AND r.period <= @month AND r.status IN ('active', 'superseded')
        AND r.processed_at > @from AND r.processed_at <= @to
      ORDER BY r.period, r.id`,
  ).all({ supplierId, currency, month, from, to }) as Omit<ReportChange, "kind">[];
  return rows.map((r) => ({
    ...r,
    kind: r.previousAmountMinor !== null ? "corrected" : r.period < month ? "late" : "month",
  }));
}

function otherChanges(
  programId: number,
  supplierId: number,
  currency: string,
  from: string,
  to: string,
) {
  const changes: OtherChange[] = [];
  for (const a of prepared(
    `SELECT a.created_at AS at, a.customer_key AS customerKey, a.member_id AS memberId, m.name AS memberName
       FROM aliases a LEFT JOIN members m ON m.id = a.member_id
      WHERE a.supplier_id = ? AND a.created_at > ? AND a.created_at <= ? ORDER BY a.created_at`,
  ).all(supplierId, from, to) as Omit<Extract<OtherChange, { kind: "alias" }>, "kind">[])
    changes.push({ kind: "alias", ...a });
  const program = prepared(`SELECT updated_at AS at FROM programs WHERE id = ?`).get(programId) as {
    at: string;
  };
  // A program created with the run's first preview is not a change since a posting.
  if (program.at > from && program.at <= to) changes.push({ kind: "program", at: program.at });
  for (const f of prepared(
    `SELECT updated_at AS at, month, from_currency AS "from", rate FROM fx_rates
      WHERE to_currency = ? AND updated_at > ? AND updated_at <= ? ORDER BY month`,
  ).all(currency, from, to) as Omit<Extract<OtherChange, { kind: "fx" }>, "kind">[])
    changes.push({ kind: "fx", ...f });
  for (const m of prepared(
    `SELECT updated_at AS at, id AS memberId, name AS memberName FROM members
      WHERE updated_at > ? AND updated_at <= ? ORDER BY name LIMIT 50`,
  ).all(from, to) as Omit<Extract<OtherChange, { kind: "member" }>, "kind">[])
    changes.push({ kind: "member", ...m });
  return changes;
}

/** The run this one is compared with: the program's latest posting before it. */
function previousPosting(programId: number, runId: number) {
  return (
    (prepared(
      `SELECT r.id, r.month, r.posted_at AS postedAt, r.pooled_volume_minor AS pooledVolumeMinor,
              r.tier_index AS tierIndex, r.rate_bps AS rateBps, r.gross_minor AS grossMinor,
              r.net_minor AS netMinor
         FROM allocation_runs r
        WHERE r.program_id = ? AND r.status = 'posted' AND r.id < ? ORDER BY r.id DESC LIMIT 1`,
    ).get(programId, runId) as
      | {
          id: number;
          month: string;
          postedAt: string;
          pooledVolumeMinor: number;
          tierIndex: number | null;
          rateBps: number;
          grossMinor: number;
          netMinor: number;
        }
      | undefined) ?? null
  );
}

/** One run with its people, its members by name, and what moved it since the last posting. */
export function runWithReasons(runId: number) {
  const head = prepared(`SELECT ${ROW} FROM ${FROM} WHERE r.id = ?`).get(runId) as
    (RunHistoryRow & { trueUp: number }) | undefined;
  if (!head) throw notFound("allocation_run");
  const run = getRun(runId);
  const row = asRow(head);
  const previous = previousPosting(row.programId, runId);
  // The window: from the previous posting to this run's posting (a preview: its preview time).
  const from = previous?.postedAt ?? "";
  const to = row.postedAt ?? row.createdAt;
  const before = new Map<number, number>();
  if (previous) {
    for (const m of prepared(
      `SELECT member_id AS memberId, ytd_minor AS ytdMinor FROM allocation_run_members WHERE run_id = ?`,
    ).all(previous.id) as { memberId: number; ytdMinor: number }[])
      before.set(m.memberId, m.ytdMinor);
  }
  const names = new Map(
    (
      prepared(
        `SELECT m.id, m.name FROM members m
          WHERE m.id IN (SELECT member_id FROM allocation_run_members WHERE run_id = ?)`,
      ).all(runId) as { id: number; name: string }[]
    ).map((m) => [m.id, m.name]),
  );
  return {
    run: row,
    tierIndex: run.tierIndex,
    grossMinor: run.grossMinor,
    feeMinor: run.feeMinor,
    netMinor: run.netMinor,
    previous,
    reports: previous ? reportChanges(row.supplierId, row.currency, row.month, from, to) : [],
    claims: previous ? claimsAccepted(row.supplierId, row.month, from, to) : [],
    others: previous ? otherChanges(row.programId, row.supplierId, row.currency, from, to) : [],
    members: run.members
      .map((m) => ({
        memberId: m.memberId,
        name: names.get(m.memberId) ?? `#${m.memberId}`,
        volumeMinor: m.volumeMinor,
        ytdMinor: m.ytdMinor,
        previousYtdMinor: before.get(m.memberId) ?? 0,
        postingMinor: m.postingMinor,
      }))
      .sort((a, b) => b.postingMinor - a.postingMinor || a.name.localeCompare(b.name)),
  };
}

export type RunWithReasons = ReturnType<typeof runWithReasons>;
