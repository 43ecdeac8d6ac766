// Whether a payout line's bank details can be paid: the kind found, or what is wrong and a link
// to fix it on the member's page.
import { Link } from "@remix-run/react";
import type { BankDetailsCheck } from "~/banking/bank-details";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";

const PROBLEM: Record<string, MessageKey> = {
  missing: "bank.missing",
  clabe_invalid: "bank.clabeInvalid",
  cbu_invalid: "bank.cbuInvalid",
  iban_invalid: "bank.ibanInvalid",
  pix_invalid: "bank.pixInvalid",
  account_invalid: "bank.accountInvalid",
};

const KIND: Record<string, MessageKey> = {
  clabe: "bank.kindClabe",
  cbu: "bank.kindCbu",
  iban: "bank.kindIban",
  pix: "bank.kindPix",
  bank_branch_account: "bank.kindAccount",
};

export function BankCheck({ check, memberId }: { check: BankDetailsCheck; memberId: number }) {
  const { t } = useI18n();
  if (check.ok) {
    return (
      <span className="muted" data-bank="ok">
        ✓ {t(KIND[check.kind])}
      </span>
    );
  }
  return (
    <span className="alert" data-bank={check.problem}>
      {t(PROBLEM[check.problem])}{" "}
      <Link to={`/admin/members/${memberId}#bank`}>{t("bank.fix")}</Link>
    </span>
  );
}
