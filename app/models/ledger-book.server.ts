// The ledger as people read it (SPEC 6, issue 15 item 8): every account by its party's name
// ("Payable to Seguridad 97"), journal lines with where they came from (a run, a supplier payment,
// a payout batch), filters by name, and balances per account; pages read by index, never the
// whole journal.
import { prepared } from "@db/client.server";
import { FEE_INCOME, MEMBER_PAYABLE_PREFIX } from "~/refunds/journal";

const SUPPLIER_PREFIX = "supplier_receivable:";
const CASH_PREFIX = "cash:";

/** An account as a screen names it: its kind, and the party (member, supplier) or currency. */
export type NamedAccount =
  | { kind: "member"; id: number; name: string }
  | { kind: "supplier"; id: number; name: string }
  | { kind: "fee" }
  | { kind: "cash"; currency: string }
  | { kind: "other"; code: string };

export type LedgerFilter = {
  /** A name (or part of one): the accounts of members and suppliers whose name contains it. */
  q?: string;
  /** One account (`member_payable:12`), or every account of a kind (`member_payable:`). */
  account?: string;
  memberId?: number;
  supplierId?: number;
  programId?: number;
  kind?: "allocation" | "supplier_payment" | "payout";
  month?: string;
  currency?: string;
  runId?: number;
  payoutBatchId?: number;
  supplierPaymentId?: number;
  entryId?: number;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The accounts of the members and suppliers whose name contains `q` (case-insensitive). */
function accountsNamed(q: string): string[] {
  const like = `%${escapeLike(q)}%`;
  const members = prepared(
    `SELECT id FROM members WHERE name LIKE ? ESCAPE '\\' OR tax_id LIKE ? ESCAPE '\\' LIMIT 500`,
  ).all(like, like) as { id: number }[];
  const suppliers = prepared(
    `SELECT id FROM suppliers WHERE name LIKE ? ESCAPE '\\' LIMIT 500`,
  ).all(like) as { id: number }[];
  const accounts = [
    ...members.map((m) => `${MEMBER_PAYABLE_PREFIX}${m.id}`),
    ...suppliers.map((s) => `${SUPPLIER_PREFIX}${s.id}`),
  ];
  // The consortium's own accounts answer to their words too.
  const words = q.toLowerCase();
  if ("fee income comisión taxa fee_income".includes(words)) accounts.push(FEE_INCOME);
  if (/^[a-z]{3}$/i.test(q)) accounts.push(`${CASH_PREFIX}${q.toUpperCase()}`);
  return accounts;
}

function whereOf(filter: LedgerFilter): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.q) {
    parts.push(`jl.account IN (SELECT value FROM json_each(@accounts))`);
    params.accounts = JSON.stringify(accountsNamed(filter.q));
  }
  // `member_payable:1` is one account (not also 12, 13…); `member_payable:` is every one.
  if (filter.account && /:[^:]+$/.test(filter.account)) {
    parts.push(`jl.account = @account`);
    params.account = filter.account;
  } else if (filter.account) {
    parts.push(`jl.account LIKE @account ESCAPE '\\'`);
    params.account = `${escapeLike(filter.account)}%`;
  }
  if (filter.kind) {
    parts.push(`je.kind = @kind`);
    params.kind = filter.kind;
  }
  if (filter.month) {
    parts.push(`jl.month = @month`);
    params.month = filter.month;
  }
  if (filter.currency) {
    parts.push(`jl.currency = @currency`);
    params.currency = filter.currency;
  }
  const ids = [
    ["memberId", "jl.member_id"],
    ["supplierId", "jl.supplier_id"],
    ["programId", "jl.program_id"],
    ["runId", "je.run_id"],
    ["payoutBatchId", "je.payout_batch_id"],
    ["supplierPaymentId", "je.supplier_payment_id"],
    ["entryId", "je.id"],
  ] as const;
  for (const [key, column] of ids) {
    if (filter[key] !== undefined) {
      parts.push(`${column} = @${key}`);
      params[key] = filter[key];
    }
  }
  return { sql: parts.length ? parts.join(" AND ") : "1", params };
}

type LineRow = {
  id: number;
  entryId: number;
  createdAt: string;
  kind: "allocation" | "supplier_payment" | "payout";
  memo: string;
  account: string;
  currency: string;
  amountMinor: number;
  month: string | null;
  memberId: number | null;
  supplierId: number | null;
  programId: number | null;
  runId: number | null;
  payoutBatchId: number | null;
  supplierPaymentId: number | null;
  createdBy: string | null;
};

/** Names of the accounts on a page: one query for members, one for suppliers. */
export function nameAccounts(accounts: string[]): Map<string, NamedAccount> {
  const memberIds = new Set<number>();
  const supplierIds = new Set<number>();
  for (const a of accounts) {
    if (a.startsWith(MEMBER_PAYABLE_PREFIX))
      memberIds.add(Number(a.slice(MEMBER_PAYABLE_PREFIX.length)));
    if (a.startsWith(SUPPLIER_PREFIX)) supplierIds.add(Number(a.slice(SUPPLIER_PREFIX.length)));
  }
  const names = (table: "members" | "suppliers", ids: Set<number>) =>
    new Map(
      (
        prepared(`SELECT id, name FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).all(
          JSON.stringify([...ids]),
        ) as { id: number; name: string }[]
      ).map((r) => [r.id, r.name]),
    );
  const members = names("members", memberIds);
  const suppliers = names("suppliers", supplierIds);
  const named = new Map<string, NamedAccount>();
  for (const a of accounts) {
    if (a.startsWith(MEMBER_PAYABLE_PREFIX)) {
      const id = Number(a.slice(MEMBER_PAYABLE_PREFIX.length));
      named.set(a, { kind: "member", id, name: members.get(id) ?? `#${id}` });
    } else if (a.startsWith(SUPPLIER_PREFIX)) {
      const id = Number(a.slice(SUPPLIER_PREFIX.length));
      named.set(a, { kind: "supplier", id, name: suppliers.get(id) ?? `#${id}` });
    } else if (a === FEE_INCOME) named.set(a, { kind: "fee" });
    else if (a.startsWith(CASH_PREFIX))
      named.set(a, { kind: "cash", currency: a.slice(CASH_PREFIX.length) });
    else named.set(a, { kind: "other", code: a });
  }
  return named;
}

/** Where an entry came from, in words the screen can link: a run, a payment, a batch. */
function sourcesOf(rows: LineRow[]) {
  const runIds = [...new Set(rows.map((r) => r.runId).filter((id) => id !== null))];
  const batchIds = [...new Set(rows.map((r) => r.payoutBatchId).filter((id) => id !== null))];
  const paymentIds = [...new Set(rows.map((r) => r.supplierPaymentId).filter((id) => id !== null))];
  const runs = new Map(
    (
      prepared(
        `SELECT r.id, p.name AS program, r.month FROM allocation_runs r JOIN programs p ON p.id = r.program_id
          WHERE r.id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(runIds)) as { id: number; program: string; month: string }[]
    ).map((r) => [r.id, r]),
  );
  const batches = new Map(
    (
      prepared(
        `SELECT id, reference FROM payout_batches WHERE id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(batchIds)) as { id: number; reference: string }[]
    ).map((b) => [b.id, b]),
  );
  const payments = new Map(
    (
      prepared(
        `SELECT sp.id, s.name AS supplier, sp.reference, sp.received_on AS receivedOn
           FROM supplier_payments sp JOIN suppliers s ON s.id = sp.supplier_id
          WHERE sp.id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(paymentIds)) as {
        id: number;
        supplier: string;
        reference: string;
        receivedOn: string;
      }[]
    ).map((p) => [p.id, p]),
  );
  return (r: LineRow) =>
    r.runId !== null
      ? {
          kind: "run" as const,
          id: r.runId,
          program: runs.get(r.runId)?.program ?? "",
          month: runs.get(r.runId)?.month ?? r.month ?? "",
        }
      : r.payoutBatchId !== null
        ? {
            kind: "batch" as const,
            id: r.payoutBatchId,
            reference: batches.get(r.payoutBatchId)?.reference ?? "",
          }
        : r.supplierPaymentId !== null
          ? {
              kind: "payment" as const,
              id: r.supplierPaymentId,
              supplier: payments.get(r.supplierPaymentId)?.supplier ?? "",
              reference: payments.get(r.supplierPaymentId)?.reference ?? "",
              receivedOn: payments.get(r.supplierPaymentId)?.receivedOn ?? "",
            }
          : { kind: "entry" as const, id: r.entryId, memo: r.memo };
}

/** One page of journal lines, newest entry first; `pageSize` 0 reads every matching line. */
export function ledgerLines(filter: LedgerFilter, page = 1, pageSize = 100) {
  const where = whereOf(filter);
  const params = {
    ...where.params,
    limit: pageSize > 0 ? pageSize : -1,
    offset: pageSize > 0 ? (page - 1) * pageSize : 0,
  };
  const rows = prepared(
    `SELECT jl.id, je.id AS entryId, je.created_at AS createdAt, je.kind, je.memo, jl.account,
            jl.currency, jl.amount_minor AS amountMinor, jl.month, jl.member_id AS memberId,
            jl.supplier_id AS supplierId, jl.program_id AS programId,
            je.run_id AS runId, je.payout_batch_id AS payoutBatchId,
            je.supplier_payment_id AS supplierPaymentId, u.email AS createdBy
       FROM journal_lines jl JOIN journal_entries je ON je.id = jl.entry_id
       LEFT JOIN users u ON u.id = je.created_by
      WHERE ${where.sql}
      ORDER BY jl.entry_id DESC, jl.id DESC LIMIT @limit OFFSET @offset`,
  ).all(params) as LineRow[];
  // Every line has its entry: the count joins entries only when a filter is on them.
  const join = where.sql.includes("je.") ? "JOIN journal_entries je ON je.id = jl.entry_id" : "";
  const { n } = prepared(
    `SELECT count(*) AS n FROM journal_lines jl ${join} WHERE ${where.sql}`,
  ).get(where.params) as { n: number };
  const names = nameAccounts(rows.map((r) => r.account));
  const source = sourcesOf(rows);
  return {
    total: n,
    rows: rows.map((r) => ({
      id: r.id,
      entryId: r.entryId,
      createdAt: r.createdAt,
      createdBy: r.createdBy,
      kind: r.kind,
      account: r.account,
      named: names.get(r.account)!,
      memberId: r.memberId,
      supplierId: r.supplierId,
      programId: r.programId,
      currency: r.currency,
      amountMinor: r.amountMinor,
      month: r.month,
      source: source(r),
    })),
  };
}

/** Balances by account (named), matching the name search; a page of them, largest first. */
export function accountBalances(q: string | undefined, page = 1, pageSize = 50) {
  const accounts = q ? JSON.stringify(accountsNamed(q)) : null;
  const params = { accounts, limit: pageSize, offset: (page - 1) * pageSize };
  const rows = prepared(
    `SELECT account, currency, sum(amount_minor) AS balanceMinor FROM journal_lines
      WHERE @accounts IS NULL OR account IN (SELECT value FROM json_each(@accounts))
      GROUP BY account, currency ORDER BY abs(sum(amount_minor)) DESC, account, currency
      LIMIT @limit OFFSET @offset`,
  ).all(params) as { account: string; currency: string; balanceMinor: number }[];
  const { n } = prepared(
    `SELECT count(*) AS n FROM (SELECT 1 FROM journal_lines
      WHERE @accounts IS NULL OR account IN (SELECT value FROM json_each(@accounts))
      GROUP BY account, currency)`,
  ).get({ accounts }) as { n: number };
  const names = nameAccounts(rows.map((r) => r.account));
  return { total: n, rows, names: Object.fromEntries(names) };
}

/** The trial balance by kind of account and currency; each currency must sum to zero. */
export function trialBalanceByKind() {
  const rows = prepared(
    `SELECT CASE WHEN account LIKE 'member_payable:%' THEN 'member'
                 WHEN account LIKE 'supplier_receivable:%' THEN 'supplier'
                 WHEN account = 'fee_income' THEN 'fee'
                 WHEN account LIKE 'cash:%' THEN 'cash' ELSE 'other' END AS kind,
            currency, sum(amount_minor) AS balanceMinor, count(DISTINCT account) AS accounts
       FROM journal_lines GROUP BY kind, currency ORDER BY currency, kind`,
  ).all() as {
    kind: "member" | "supplier" | "fee" | "cash" | "other";
    currency: string;
    balanceMinor: number;
    accounts: number;
  }[];
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.currency, (totals.get(r.currency) ?? 0) + r.balanceMinor);
  return {
    rows,
    totals: [...totals].map(([currency, amountMinor]) => ({ currency, amountMinor })),
  };
}

/** The currencies the journal holds, for the filter. */
export function ledgerCurrencies(): string[] {
  return (
    prepared(`SELECT DISTINCT currency FROM journal_entries ORDER BY currency`).all() as {
      currency: string;
    }[]
  ).map((r) => r.currency);
}
