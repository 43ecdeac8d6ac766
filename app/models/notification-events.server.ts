// SPEC 11's events, told where they happen: each function runs inside the write transaction of
// its fact (a version landing or refused, a run posted, a batch built or paid, a claim decided or
// escalated, a supplier's daily digest of claims), so an event is told exactly when the fact
// commits, and its key keeps a replay from telling it twice.
import { prepared, type Db } from "@db/client.server";
import type { Tier } from "~/refunds/tiers";
import { nearNextTier } from "~/refunds/near-tier";
import { notify } from "./notifications.server";
import { listReceivables } from "./receivables.server";

/** Enabled users of a role, optionally of one supplier or member. */
function usersOf(db: Db, scope: { supplierId: number } | { memberId: number } | "admin") {
  if (scope === "admin")
    return prepared(
      `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id`,
      db,
    )
      .pluck()
      .all() as number[];
  const [column, id] =
    "supplierId" in scope ? ["supplier_id", scope.supplierId] : ["member_id", scope.memberId];
  return prepared(
    `SELECT id FROM users WHERE ${column} = ? AND disabled_at IS NULL ORDER BY id`,
    db,
  )
    .pluck()
    .all(id) as number[];
}

type ProcessedReport = {
  supplierId: number;
  supplier: string;
  period: string;
  version: number;
  status: string;
  lines: number;
  warnings: number;
  errors: number;
  uploadedBy: number | null;
  uploaderRole: string | null;
};

/**
 * Report processed (SPEC 11): the uploader hears that the version was accepted (with its
 * warnings) or rejected (with its errors), linking the report on their side of the portal.
 */
export function reportProcessed(db: Db, reportId: number): void {
  const r = prepared(
    `SELECT r.supplier_id supplierId, s.name supplier, r.period, r.version, r.status,
            r.lines_count lines, r.warnings_count warnings, r.errors_count errors,
            r.uploaded_by uploadedBy, u.role uploaderRole
       FROM reports r JOIN suppliers s ON s.id = r.supplier_id
       LEFT JOIN users u ON u.id = r.uploaded_by
      WHERE r.id = ?`,
    db,
  ).get(reportId) as ProcessedReport | undefined;
  if (!r?.uploadedBy || (r.status !== "active" && r.status !== "rejected")) return;
  const side = r.uploaderRole === "admin" ? "admin" : "supplier";
  notify(
    {
      kind: "report_processed",
      userIds: [r.uploadedBy],
      key: `report-processed:${reportId}`,
      params: {
        variant: r.status === "active" ? "accepted" : "rejected",
        reportId,
        supplier: r.supplier,
        month: r.period,
        version: r.version,
        lines: r.lines,
        warnings: r.warnings,
        errors: r.errors,
      },
      link: `/${side}/reports/${reportId}`,
    },
    db,
  );
}

export type PostedRun = {
  runId: number;
  month: string;
  program: {
    id: number;
    name: string;
    currency: string;
    supplierId: number;
    tiers: readonly Tier[];
  };
  pooledVolumeMinor: number;
  postingGrossMinor: number;
  /** Whether the run is of a program with components (no single tier ladder to be near). */
  withComponents: boolean;
};

/**
 * Run posted (SPEC 11): each member with a posting hears what was posted for them; the supplier's
 * staff hear what was posted and what the supplier now owes for the program. Then, if the pooled
 * volume came within 10 % of the next tier, the program's members hear it once per year and tier.
 */
export function runPosted(db: Db, run: PostedRun): void {
  const { program, month, runId } = run;
  const postings = prepared(
    `SELECT member_id memberId, posting_minor postingMinor, ytd_minor ytdMinor
       FROM allocation_run_members WHERE run_id = ? ORDER BY member_id`,
    db,
  ).all(runId) as { memberId: number; postingMinor: number; ytdMinor: number }[];
  const statement = `/member/statement?from=${month}&to=${month}`;
  for (const p of postings) {
    if (p.postingMinor === 0) continue;
    notify(
      {
        kind: "run_posted",
        userIds: usersOf(db, { memberId: p.memberId }),
        key: `run-posted:${runId}`,
        params: {
          // Less than nothing: a true-up took back part of earlier months' refunds.
          ...(p.postingMinor < 0 ? { variant: "correction" } : {}),
          program: program.name,
          month,
          amountMinor: p.postingMinor,
          currency: program.currency,
        },
        link: statement,
      },
      db,
    );
  }
  const owed = listReceivables({ supplierId: program.supplierId }, db).find(
    (r) => r.programId === program.id,
  );
  notify(
    {
      kind: "run_posted",
      userIds: usersOf(db, { supplierId: program.supplierId }),
      key: `run-posted:${runId}:supplier`,
      params: {
        variant: "supplier",
        program: program.name,
        supplier: owed?.supplierName ?? "",
        month,
        postedMinor: run.postingGrossMinor,
        owedMinor: owed?.owedMinor ?? 0,
        currency: program.currency,
      },
      link: "/supplier/refunds",
    },
    db,
  );
  if (!run.withComponents) nearTier(db, run, postings);
}

/**
 * Near the next tier (SPEC 11): the program's members (those with volume in it this year) hear
 * how far the group is from the next tier, once per program, year and tier (decision 052).
 */
function nearTier(db: Db, run: PostedRun, members: { memberId: number; ytdMinor: number }[]) {
  const near = nearNextTier(run.pooledVolumeMinor, run.program.tiers);
  if (!near) return;
  const year = run.month.slice(0, 4);
  const userIds = members
    .filter((m) => m.ytdMinor > 0)
    .flatMap((m) => usersOf(db, { memberId: m.memberId }));
  notify(
    {
      kind: "near_next_tier",
      userIds,
      key: `near-tier:${run.program.id}:${year}:${near.tierIndex}`,
      params: {
        program: run.program.name,
        year,
        volumeMinor: run.pooledVolumeMinor,
        thresholdMinor: near.thresholdMinor,
        neededMinor: near.volumeNeededMinor,
        rateBps: near.rateBps,
        currency: run.program.currency,
      },
      link: "/member",
    },
    db,
  );
}

type BuiltBatch = { id: number; reference: string; currency: string; createdBy: number };

/** Batch awaiting approval (SPEC 11): every admin but its builder hears of a new draft batch. */
export function batchBuilt(db: Db, batchId: number): void {
  const batch = prepared(
    `SELECT id, reference, currency, created_by createdBy FROM payout_batches WHERE id = ?`,
    db,
  ).get(batchId) as BuiltBatch | undefined;
  if (!batch) return;
  const totals = prepared(
    `SELECT count(*) lines, COALESCE(sum(amount_minor), 0) totalMinor
       FROM payout_lines WHERE batch_id = ? AND dropped = 0`,
    db,
  ).get(batchId) as { lines: number; totalMinor: number };
  const builder = prepared(`SELECT name, email FROM users WHERE id = ?`, db).get(
    batch.createdBy,
  ) as { name: string; email: string } | undefined;
  notify(
    {
      kind: "batch_awaiting_approval",
      userIds: usersOf(db, "admin").filter((id) => id !== batch.createdBy),
      key: `batch-built:${batchId}`,
      params: {
        reference: batch.reference,
        builder: builder?.name || builder?.email || "",
        lines: totals.lines,
        totalMinor: totals.totalMinor,
        currency: batch.currency,
      },
      link: `/admin/payouts/${batchId}`,
    },
    db,
  );
}

/** Batch paid (SPEC 11): each member paid hears the amount and the payout's reference. */
export function batchPaid(db: Db, batchId: number): void {
  const lines = prepared(
    `SELECT l.member_id memberId, l.amount_minor amountMinor, b.reference, b.currency
       FROM payout_lines l JOIN payout_batches b ON b.id = l.batch_id
      WHERE l.batch_id = ? AND l.dropped = 0 ORDER BY l.member_id`,
    db,
  ).all(batchId) as {
    memberId: number;
    amountMinor: number;
    reference: string;
    currency: string;
  }[];
  for (const line of lines) {
    notify(
      {
        kind: "batch_paid",
        userIds: usersOf(db, { memberId: line.memberId }),
        key: `batch-paid:${batchId}`,
        params: {
          reference: line.reference,
          amountMinor: line.amountMinor,
          currency: line.currency,
        },
        link: "/member/statement",
      },
      db,
    );
  }
}

type ClaimFacts = {
  memberId: number;
  reference: string;
  status: string;
  member: string;
  supplier: string;
};

const claimFacts = (db: Db, claimId: number) =>
  prepared(
    `SELECT c.member_id memberId, c.invoice_number reference, c.status, m.name member,
            s.name supplier
       FROM claims c JOIN members m ON m.id = c.member_id JOIN suppliers s ON s.id = c.supplier_id
      WHERE c.id = ?`,
    db,
  ).get(claimId) as ClaimFacts | undefined;

/**
 * Claim decided (SPEC 11): the claiming member's users hear that the supplier or the consortium
 * accepted or rejected their claim. Each decision is told once (its row in claim_decisions is the
 * key), so an overturned claim is told again, with its new outcome.
 */
export function claimDecided(db: Db, claimId: number, decisionId: number): void {
  const claim = claimFacts(db, claimId);
  if (!claim || (claim.status !== "accepted" && claim.status !== "rejected")) return;
  notify(
    {
      kind: "claim_decided",
      userIds: usersOf(db, { memberId: claim.memberId }),
      key: `claim-decided:${claimId}:${decisionId}`,
      params: { variant: claim.status, reference: claim.reference, supplier: claim.supplier },
      link: "/member/claims",
    },
    db,
  );
}

/** Claim escalated (SPEC 11): the admins hear of a claim whose supplier let the deadline pass. */
export function claimEscalated(db: Db, claimId: number): void {
  const claim = claimFacts(db, claimId);
  if (!claim) return;
  notify(
    {
      kind: "claim_escalated",
      userIds: usersOf(db, "admin"),
      key: `claim-escalated:${claimId}`,
      params: { reference: claim.reference, member: claim.member, supplier: claim.supplier },
      link: "/admin/claims",
    },
    db,
  );
}

/**
 * Claims to review (SPEC 11), a digest a day: each user of the supplier hears how many claims
 * became pending since their last digest (the newest claim told is kept in its params as
 * `lastClaimId`), once per day (the key). A claim decided before the digest is not counted; one
 * still pending is not told twice. Returns how many users were told.
 */
export function claimsToReview(db: Db, supplierId: number, day: string): number {
  const key = `claims-to-review:${supplierId}:${day}`;
  const latest = prepared(
    `SELECT key, params FROM notifications WHERE user_id = ? AND kind = 'claims_to_review'
      ORDER BY created_at DESC, id DESC LIMIT 1`,
    db,
  );
  const fresh = prepared(
    `SELECT count(*) count, max(id) lastClaimId FROM claims
      WHERE supplier_id = ? AND status = 'pending' AND id > ?`,
    db,
  );
  let told = 0;
  for (const userId of usersOf(db, { supplierId })) {
    const last = latest.get(userId) as { key: string; params: string } | undefined;
    if (last?.key === key) continue;
    const since = last ? Number(JSON.parse(last.params).lastClaimId) || 0 : 0;
    const { count, lastClaimId } = fresh.get(supplierId, since) as {
      count: number;
      lastClaimId: number | null;
    };
    if (count === 0 || lastClaimId === null) continue;
    notify(
      {
        kind: "claims_to_review",
        userIds: [userId],
        key,
        // "1 new claim" reads as the singular in each of our languages; more as the plural.
        params: { ...(count === 1 ? { variant: "one" } : {}), count, lastClaimId },
        link: "/supplier/claims",
      },
      db,
    );
    told += 1;
  }
  return told;
}

/** Suppliers with at least one pending claim (walks the claims' status index). */
export function suppliersWithPendingClaims(db: Db): number[] {
  return prepared(`SELECT DISTINCT supplier_id FROM claims WHERE status = 'pending'`, db)
    .pluck()
    .all() as number[];
}
