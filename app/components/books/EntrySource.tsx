// Where a journal entry came from, linked: a run, a supplier payment, a payout batch.
import { Link } from "@remix-run/react";
import { useI18n } from "~/i18n/context";

export type Source =
  | { kind: "run"; id: number; program: string; month: string }
  | { kind: "batch"; id: number; reference: string }
  | { kind: "payment"; id: number; supplier: string; reference: string; receivedOn: string }
  | { kind: "entry"; id: number; memo: string };

export function EntrySource({ source }: { source: Source }) {
  const { t, month, date } = useI18n();
  switch (source.kind) {
    case "run":
      return (
        <Link to={`/admin/runs/${source.id}`}>
          {t("books.sourceRun", { program: source.program, month: month(source.month) })}
        </Link>
      );
    case "batch":
      return (
        <Link to={`/admin/payouts/${source.id}`}>
          {t("books.sourceBatch", { reference: source.reference })}
        </Link>
      );
    case "payment":
      return (
        <Link to={`/admin/ledger?paymentId=${source.id}`}>
          {t("books.sourcePayment", {
            supplier: source.supplier,
            reference: source.reference,
            date: date(source.receivedOn),
          })}
        </Link>
      );
    default:
      return <>{source.memo}</>;
  }
}
