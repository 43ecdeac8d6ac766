// Money out as pure rules (SPEC 3.5): which members a payout batch proposes, what a batch may do
// next in its life (draft → approved → paid, or cancelled), and when a supplier payment is accepted.
import { DomainError } from "./errors";
import { assertMinor, type MemberId, type Minor } from "./money";

export type BatchStatus = "draft" | "approved" | "paid" | "cancelled";
export type BatchAction = "approve" | "pay" | "cancel" | "drop";

export type MemberBalance = { memberId: MemberId; balanceMinor: Minor };
export type ProposedLine = { memberId: MemberId; amountMinor: Minor };
export type CarriedForward = MemberBalance & {
  reason: "below_minimum" | "reserved" | "negative";
};
export type BatchProposal = { lines: ProposedLine[]; carriedForward: CarriedForward[] };

/**
 * Every member whose whole balance is at least the minimum (and more than zero) is proposed for
 * that balance; the rest carry forward, saying why. A member already reserved by another open
 * batch is never proposed again. Sorted by member id.
 */
export function proposeBatch(
  balances: readonly MemberBalance[],
  minimumMinor: Minor,
  reserved: ReadonlySet<MemberId> = new Set(),
): BatchProposal {
  assertMinor(minimumMinor, "minimum_payout");
  const lines: ProposedLine[] = [];
  const carriedForward: CarriedForward[] = [];
  for (const b of [...balances].sort((x, y) => x.memberId - y.memberId)) {
    assertMinor(b.balanceMinor, { kind: "member_balance", memberId: b.memberId });
    if (b.balanceMinor === 0) continue;
    if (b.balanceMinor < 0) carriedForward.push({ ...b, reason: "negative" });
    else if (reserved.has(b.memberId)) carriedForward.push({ ...b, reason: "reserved" });
    else if (b.balanceMinor < minimumMinor) carriedForward.push({ ...b, reason: "below_minimum" });
    else lines.push({ memberId: b.memberId, amountMinor: b.balanceMinor });
  }
  return { lines, carriedForward };
}

export type BatchState = { id: number; status: BatchStatus; createdBy: number | null };

/**
 * Refuses an action the batch's status (or four-eyes) does not allow, with a code the edges map
 * to a status: 409 for the wrong state, 403 for approving one's own batch under four-eyes.
 */
export function checkBatchAction(
  batch: BatchState,
  action: BatchAction,
  actorId: number,
  fourEyes: boolean,
): void {
  const { id: batchId, status } = batch;
  const details = { batchId, status };
  if (status === "paid") {
    throw new DomainError("batch_already_paid", details, details);
  }
  if (status === "cancelled") {
    throw new DomainError("batch_cancelled", { batchId, action }, details);
  }
  if ((action === "approve" || action === "drop") && status !== "draft") {
    throw new DomainError("batch_not_draft", { batchId, action }, details);
  }
  if (action === "pay" && status !== "approved") {
    throw new DomainError("batch_not_approved", details, details);
  }
  if (action === "approve" && fourEyes && batch.createdBy === actorId) {
    const fourEyesDetails = { batchId };
    throw new DomainError("batch_four_eyes", fourEyesDetails, fourEyesDetails);
  }
}

/**
 * Lines to pay, checked against the balances as they are now: a clawback posted after the
 * batch was built must not make the consortium pay more than it owes.
 */
export function checkPayable(
  lines: readonly ProposedLine[],
  balanceNow: (memberId: MemberId) => Minor,
): void {
  if (lines.length === 0) {
    throw new DomainError("batch_nothing_to_pay");
  }
  const short = lines
    .map((l) => ({ ...l, balanceMinor: balanceNow(l.memberId) }))
    .filter((l) => l.amountMinor > l.balanceMinor);
  if (short.length > 0) {
    const details = { members: short };
    throw new DomainError("payout_exceeds_balance", details, details);
  }
}

/**
 * A supplier payment must be more than zero; more than the supplier owes for the program is
 * accepted only with a note saying why (it leaves a credit on the supplier's account).
 */
export function checkSupplierPayment(input: {
  amountMinor: Minor;
  owedMinor: Minor;
  overpaymentNote?: string | null;
}): void {
  const { amountMinor, owedMinor } = input;
  assertMinor(amountMinor, "payment_amount");
  if (amountMinor <= 0) {
    throw new DomainError(
      "amount_invalid",
      { problem: "supplier_payment_not_positive", amountMinor },
      { amountMinor },
    );
  }
  if (amountMinor > owedMinor && !input.overpaymentNote?.trim()) {
    const details = { amountMinor, owedMinor };
    throw new DomainError("overpayment_note_required", details, details);
  }
}
