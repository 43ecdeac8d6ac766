// The readers of two lists on screens shared by several routes (decision 081): a member
// statement's lines and a user's own API tokens. The screen's loader and its export route call the
// same reader, so a download has the screen's filter and sort.
import type { Actor } from "~/auth/authorize.server";
import {
  STATEMENT_LINE_SORTS,
  statementLines,
  type StatementLine,
} from "~/models/statement-lines.server";
import {
  listOwnTokenRows,
  TOKEN_SORTS,
  TOKEN_STATUSES,
  type TokenRow,
} from "~/models/token-list.server";
import { explainPosting } from "~/i18n/explain";
import { isMonthKey } from "~/refunds/money";
import { amountCell, listDownload, type ListColumn } from "./list-export.server";
import { listQuery } from "./list-query.server";
import { statementFor } from "./money-downloads.server";

/** The statement of `memberId` for the query's range, and its lines as filtered and sorted. */
export function statementList(request: Request, memberId: number) {
  const list = listQuery(request, { sorts: STATEMENT_LINE_SORTS, sort: "month" });
  const statement = statementFor(request, memberId);
  const month = list.text("month", 7) ?? "";
  const filter = { programId: list.id("program"), month: isMonthKey(month) ? month : undefined };
  const lines: StatementLine[] = statementLines(statement, filter, list.sorted);
  return { statement, lines, sorted: list.sorted };
}

/** The actor's own tokens, searched by name, by status, in the chosen order (newest first). */
export function tokenList(request: Request, actor: Pick<Actor, "id">) {
  const list = listQuery(request, { sorts: TOKEN_SORTS, sort: "created", dir: "desc" });
  const { rows, total } = listOwnTokenRows(
    actor.id,
    {
      q: list.q,
      status: list.oneOf("status", TOKEN_STATUSES),
    },
    list.sorted,
  );
  return { tokens: rows, total, sorted: list.sorted };
}

/** The tokens download: name, dates and status, never the token or its hash. */
export const TOKEN_COLUMNS: ListColumn<TokenRow>[] = [
  { header: "reports.tokenName", cell: (r) => r.name },
  { header: "reports.tokenCreated", cell: (r) => r.createdAt.slice(0, 10) },
  { header: "reports.tokenLastUsed", cell: (r) => r.lastUsedAt?.slice(0, 10) ?? null },
  {
    header: "reports.status",
    cell: (r, t) =>
      t(
        r.status === "active"
          ? "reports.tokenActive"
          : r.status === "expired"
            ? "tokenList.expired"
            : "tokenList.revoked",
      ),
  },
  { header: "tokens.expires", cell: (r) => r.expiresAt?.slice(0, 10) ?? null },
  { header: "tokenList.revokedAt", cell: (r) => r.revokedAt?.slice(0, 10) ?? null },
];

/** The actor's own tokens as CSV or XLSX, with the screen's search, status and order. */
export function tokenDownload(actor: Actor, request: Request) {
  const { tokens } = tokenList(request, actor);
  return listDownload(actor, request, {
    fileName: "tokenList.fileName",
    columns: TOKEN_COLUMNS,
    rows: tokens,
  });
}

/** The statement's lines: program, supplier, month, currency, amount and what each one is. */
export const STATEMENT_LINE_COLUMNS: ListColumn<StatementLine>[] = [
  { header: "statement.month", cell: (l) => l.month },
  { header: "statement.program", cell: (l) => l.program },
  { header: "statement.supplier", cell: (l) => l.supplier },
  { header: "common.currency", cell: (l) => l.currency },
  { header: "statement.amount", cell: (l) => amountCell(l.amountMinor, l.currency) },
  {
    header: "statement.explanation",
    cell: (l, _t, locale) => explainPosting(l.explanation, locale),
  },
];

/** A statement's lines as CSV or XLSX, with the screen's range, filters and order. */
export function statementLinesDownload(actor: Actor, request: Request, memberId: number) {
  const { lines } = statementList(request, memberId);
  return listDownload(actor, request, {
    fileName: "statementLines.fileName",
    columns: STATEMENT_LINE_COLUMNS,
    rows: lines,
  });
}
