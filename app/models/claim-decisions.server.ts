// Deciding claims (SPEC 5.2): the supplier accepts (a category per line if it likes) or rejects
// with a reason while a claim is pending; past the deadline the claim is escalated and the admin
// decides; the admin may overturn any decision, with a comment. Every move is kept in
// claim_decisions and the audit log.
import type { Db } from "@db/client.server";
import { getDb, inTransaction } from "@db/client.server";
import type { ClaimStatus } from "@db/schema";
import type { Role } from "@db/schema";
import { claimDecisionInput } from "~/schemas/claims";
import { recordAudit, type AuditActor } from "./audit.server";
import { getClaim, type Claim } from "./claims.server";
import { nowIso } from "./clock.server";
import { conflict, invalid, notFound } from "./errors";
import { claimDecided, claimEscalated } from "./notification-events.server";

export type Decider = NonNullable<AuditActor> & { role: Role; supplierId: number | null };

/** Statuses the admin may decide or overturn; `reported` and `reported_later` have nothing to decide. */
const DECIDABLE_BY_ADMIN: readonly ClaimStatus[] = ["pending", "escalated", "accepted", "rejected"];

/**
 * Decides a claim. The caller has checked the actor may see it (the claim's supplier or an admin);
 * a supplier decides only a pending claim, an admin any decidable one (an override of an accepted
 * or rejected claim needs a comment).
 */
export function decideClaim(actor: Decider, claimId: number, raw: unknown, ip?: string): Claim {
  const input = claimDecisionInput.parse(raw);
  return inTransaction((db) => {
    const claim = getClaim(claimId, db);
    if (!claim) throw notFound("claim");
    const admin = actor.role === "admin";
    const allowed: readonly ClaimStatus[] = admin ? DECIDABLE_BY_ADMIN : ["pending"];
    if (!allowed.includes(claim.status))
      throw conflict("claim_not_pending", { claimId, status: claim.status });
    const override = claim.status === "accepted" || claim.status === "rejected";
    if (override && !input.comment) throw invalid("claim_comment_required", { field: "comment" });
    const to: ClaimStatus = input.decision === "accept" ? "accepted" : "rejected";
    const sql = db.$client;
    if (to === "accepted" && input.categories) {
      const setCategory = sql.prepare(
        `UPDATE claim_lines SET category = ? WHERE claim_id = ? AND sku IS ?`,
      );
      for (const { sku, category } of input.categories)
        setCategory.run(category || null, claimId, sku || null);
    }
    const now = nowIso();
    sql
      .prepare(
        `UPDATE claims SET status = ?, reason = ?, comment = ?, decided_by = ?, decided_at = ?
          WHERE id = ?`,
      )
      .run(
        to,
        to === "rejected" ? (input.reason ?? null) : null,
        input.comment ?? null,
        actor.id,
        now,
        claimId,
      );
    const action = override ? "override" : input.decision;
    const decisionId = sql
      .prepare(
        `INSERT INTO claim_decisions (claim_id, actor_user_id, action, from_status, to_status,
                                      reason, comment)
         VALUES (?,?,?,?,?,?,?)`,
      )
      .run(
        claimId,
        actor.id,
        action,
        claim.status,
        to,
        to === "rejected" ? (input.reason ?? null) : null,
        input.comment ?? null,
      ).lastInsertRowid;
    claimDecided(db, claimId, Number(decisionId));
    recordAudit(
      actor,
      `claim.${action}`,
      { type: "claim", id: claimId },
      {
        from: claim.status,
        to,
        reason: input.reason ?? null,
        comment: input.comment ?? null,
        categories: input.categories ?? null,
      },
      ip,
    );
    return getClaim(claimId, db)!;
  });
}

/**
 * Pending claims past their deadline go to the admin (SPEC 5.2): escalated, each audited, and the
 * admins told (SPEC 11) in the same transaction. `today` is the portal's date (its clock); the
 * scheduler runs this hourly (app/jobs/claim-review.server.ts). Cheap when none is due (one
 * look-up on claims_status). Returns how many claims it escalated.
 */
export function escalateOverdue(today = nowIso().slice(0, 10), db: Db = getDb()) {
  const due = db.$client
    .prepare(`SELECT id FROM claims WHERE status = 'pending' AND due_on < ?`)
    .pluck()
    .all(today) as number[];
  if (due.length === 0) return 0;
  return inTransaction((tx) => {
    const move = tx.$client.prepare(
      `UPDATE claims SET status = 'escalated' WHERE id = ? AND status = 'pending'`,
    );
    const trail = tx.$client.prepare(
      `INSERT INTO claim_decisions (claim_id, action, from_status, to_status)
       VALUES (?, 'escalate', 'pending', 'escalated')`,
    );
    let moved = 0;
    for (const id of due) {
      if (move.run(id).changes === 0) continue;
      trail.run(id);
      recordAudit(null, "claim.escalate", { type: "claim", id }, { dueBefore: today });
      claimEscalated(tx, id);
      moved++;
    }
    return moved;
  });
}

export type ClaimDecisionRow = {
  id: number;
  action: string;
  fromStatus: ClaimStatus;
  toStatus: ClaimStatus;
  reason: string | null;
  comment: string | null;
  at: string;
  actorEmail: string | null;
};

/** A claim's history of decisions, oldest first. */
export function claimDecisions(claimId: number, db: Db = getDb()): ClaimDecisionRow[] {
  return db.$client
    .prepare(
      `SELECT d.id, d.action, d.from_status AS fromStatus, d.to_status AS toStatus, d.reason,
              d.comment, d.at, u.email AS actorEmail
         FROM claim_decisions d LEFT JOIN users u ON u.id = d.actor_user_id
        WHERE d.claim_id = ? ORDER BY d.id`,
    )
    .all(claimId) as ClaimDecisionRow[];
}
