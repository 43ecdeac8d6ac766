// What a claim decision did, in words (issue 15: a confirmation that says what happened): whose
// invoice, how much, and whether it now counts.
import { useActionData } from "@remix-run/react";
import type { Claim } from "~/models/claims.server";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";

export type DecidedClaim = Pick<
  Claim,
  | "id"
  | "status"
  | "memberName"
  | "supplierName"
  | "invoiceNumber"
  | "invoiceDate"
  | "currency"
  | "amountMinor"
>;

/** The fields of a decided claim the confirmation names (the action's answer). */
export function decidedClaim(c: Claim): DecidedClaim {
  const {
    id,
    status,
    memberName,
    supplierName,
    invoiceNumber,
    invoiceDate,
    currency,
    amountMinor,
  } = c;
  return {
    id,
    status,
    memberName,
    supplierName,
    invoiceNumber,
    invoiceDate,
    currency,
    amountMinor,
  };
}

export function ClaimDecided({ claim }: { claim: DecidedClaim }) {
  const { t, money, date } = useI18n();
  const vars = {
    id: claim.id,
    member: claim.memberName,
    supplier: claim.supplierName,
    invoice: claim.invoiceNumber,
    date: date(claim.invoiceDate),
    amount: money(claim.amountMinor, claim.currency),
  };
  return (
    <p className="notice" role="status" data-testid="decided" data-status={claim.status}>
      {claim.status === "accepted" || claim.status === "rejected"
        ? t(`claims.decided.${claim.status}`, vars)
        : t("claims.decided", {
            id: claim.id,
            status: t(`claims.status.${claim.status}` as MessageKey),
          })}
    </p>
  );
}

/** The claim screens' action answer: what the decision did, or why it was refused. */
export function ClaimDecisionAnswer() {
  const result = useActionData<{ decided?: DecidedClaim; message?: string }>();
  return result?.decided ? (
    <ClaimDecided claim={result.decided} />
  ) : result?.message ? (
    <p className="alert" role="alert">
      {result.message}
    </p>
  ) : null;
}
