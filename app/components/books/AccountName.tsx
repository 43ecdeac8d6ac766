// An account by its party's name, linked to the party: "Payable to Seguridad 97", "Owed by Axion".
import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/context";
import type { NamedAccount } from "~/models/ledger-book.server";

export function AccountName({ account }: { account: SerializeFrom<NamedAccount> }) {
  const { t } = useI18n();
  switch (account.kind) {
    case "member":
      return (
        <Link to={`/admin/members/${account.id}`}>
          {t("books.accountMember", { name: account.name })}
        </Link>
      );
    case "supplier":
      return (
        <Link to={`/admin/suppliers/${account.id}`}>
          {t("books.accountSupplier", { name: account.name })}
        </Link>
      );
    case "fee":
      return <>{t("books.accountFee")}</>;
    case "cash":
      return <>{t("books.accountCash", { currency: account.currency })}</>;
    default:
      return <code>{account.code}</code>;
  }
}
