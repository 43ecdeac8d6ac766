// A member statement's lines (its postings, every program's) as a list that sorts, filters and
// downloads (SPEC 6, decision 081). A statement is one member's range of months, already read
// whole by memberStatement(), so its lines are filtered and ordered here.
import type { ListSort } from "./list-order.server";
import type { MemberStatement, MemberStatementProgram } from "./statements.server";

export const STATEMENT_LINE_SORTS = ["month", "program", "amount"] as const;
export type StatementLineSort = (typeof STATEMENT_LINE_SORTS)[number];

export type StatementLineFilter = { programId?: number; month?: string };

export type StatementLine = MemberStatementProgram["postings"][number] & {
  programId: number;
  program: string;
  supplier: string;
  currency: string;
};

/** Every posting of the statement as one line, the statement's order (ledger entry order). */
export function allStatementLines(s: MemberStatement): StatementLine[] {
  return s.programs
    .flatMap((p) =>
      p.postings.map((x) => ({
        ...x,
        programId: p.programId,
        program: p.name,
        supplier: p.supplierName,
        currency: p.currency,
      })),
    )
    .sort((a, b) => a.entryId - b.entryId);
}

const VALUE: Record<StatementLineSort, (l: StatementLine) => string | number> = {
  month: (l) => l.month,
  program: (l) => l.program.toLocaleLowerCase(),
  amount: (l) => l.amountMinor,
};

/** The statement's lines of one program and/or month, in the chosen order (then entry order). */
export function statementLines(
  s: MemberStatement,
  filter: StatementLineFilter,
  sorted: ListSort<StatementLineSort>,
): StatementLine[] {
  const sign = sorted.dir === "desc" ? -1 : 1;
  const value = VALUE[sorted.sort];
  return allStatementLines(s)
    .filter((l) => filter.programId === undefined || l.programId === filter.programId)
    .filter((l) => !filter.month || l.month === filter.month)
    .sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const c = x < y ? -1 : x > y ? 1 : 0;
      return c !== 0 ? sign * c : a.entryId - b.entryId;
    });
}
