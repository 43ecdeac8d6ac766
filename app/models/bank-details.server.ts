// Members' bank details as payouts need them (SPEC 6): a batch whose open lines include a member
// without valid details cannot be approved or paid; the member form refuses an account its
// country's check digits refuse.
import type { Db } from "@db/client.server";
import { checkBankDetails, type BankDetailsProblem } from "~/banking/bank-details";
import { conflict, invalid } from "./errors";

export type BankProblemLine = { memberId: number; name: string; problem: BankDetailsProblem };

/** The kind of account a country pays to, as the refusal names it. */
export function expectedAccount(country: string): string {
  switch (country.toUpperCase()) {
    case "MX":
      return "CLABE";
    case "AR":
      return "CBU";
    case "BR":
      return "PIX / bank/branch/account";
    default:
      return "IBAN / bank/branch/account";
  }
}

/** Open (not dropped) lines of a batch whose member cannot receive a transfer. */
export function bankProblems(db: Db, batchId: number): BankProblemLine[] {
  const rows = db.$client
    .prepare(
      `SELECT m.id AS memberId, m.name, m.country, m.bank_account AS bankAccount
         FROM payout_lines l JOIN members m ON m.id = l.member_id
        WHERE l.batch_id = ? AND l.dropped = 0 ORDER BY m.name, m.id`,
    )
    .all(batchId) as {
    memberId: number;
    name: string;
    country: string;
    bankAccount: string | null;
  }[];
  return rows.flatMap((r) => {
    const check = checkBankDetails(r.country, r.bankAccount);
    return check.ok ? [] : [{ memberId: r.memberId, name: r.name, problem: check.problem }];
  });
}

/** Refuses (409 `bank_details_invalid`, listing them) while any open line lacks valid details. */
export function assertBatchBankDetails(db: Db, batchId: number): void {
  const problems = bankProblems(db, batchId);
  if (problems.length === 0) return;
  throw conflict(
    "bank_details_invalid",
    { members: problems.map((p) => p.name).join(", ") },
    { members: problems },
  );
}

/** A filled-in account must pass its country's check; an empty one is allowed (not paid yet). */
export function assertMemberBankAccount(country: string, bankAccount: string | null): void {
  if (bankAccount === null || bankAccount.trim() === "") return;
  if (checkBankDetails(country, bankAccount).ok) return;
  throw invalid("bank_account_invalid", { field: "bankAccount", kind: expectedAccount(country) });
}
